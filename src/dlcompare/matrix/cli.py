"""``dlcompare releases refresh`` and ``dlcompare matrix [run|clean|merge]``."""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

from packaging.specifiers import SpecifierSet

from dlcompare.paths import find_root


def matrix_targets(
    root: Path, frameworks: list[str] | None = None, versions: list[str] | None = None
) -> list[tuple[str, str]]:
    """(framework, version) of every ``tested`` line: its newest final patch.

    A line whose newest patch has no wheel for this Python is skipped (JAX 0.11+
    needs Python 3.12; the matrix runs on the project's 3.11).
    """
    from dlcompare.matrix.releases import load_registry

    registry, _problems = load_registry(root)
    here = ".".join(platform.python_version_tuple()[:2])
    targets = []
    for framework, model in sorted(registry.items()):
        if frameworks and framework not in frameworks:
            continue
        for line in reversed(model.lines):  # oldest first
            finals = [v for v in line.versions if v == line.newest]
            if not line.tested or not finals or line.status == "release-candidate":
                continue
            if line.python and here not in line.python:
                continue
            if line.requires_python and here not in SpecifierSet(line.requires_python):
                continue
            if versions and line.newest not in versions and line.line not in versions:
                continue
            targets.append((framework, line.newest))
    return targets


def _cmd_refresh(args: argparse.Namespace) -> int:
    from dlcompare.matrix.plan import REGISTRY_FRAMEWORKS
    from dlcompare.matrix.releases import refresh

    for path in refresh(find_root(), args.framework or list(REGISTRY_FRAMEWORKS)):
        print(f"wrote {path}")
    return 0


def _cmd_matrix(args: argparse.Namespace) -> int:
    from dlcompare.executor.sandbox import SandboxUnavailable
    from dlcompare.matrix.runner import run_matrix

    root = find_root()
    targets = matrix_targets(root, args.framework, args.version)
    if args.list:  # the compat workflow's job matrix
        print(json.dumps([{"framework": f, "version": v} for f, v in targets]))
        return 0
    if not targets:
        print("no release matches; see data/releases/*.yaml (tested: true)")
        return 2
    programs = args.program or []
    try:
        stats = run_matrix(
            root,
            targets,
            jobs=args.jobs,
            use_cache=not args.no_cache,
            select=(lambda c: any(p in c.program for p in programs)) if programs else None,
        )
    except SandboxUnavailable as exc:
        print(f"error: {exc}")
        print("stopped: no cell was recorded as 'not run' for want of a sandbox")
        return 2
    if args.max_executed is not None and stats.executed > args.max_executed:
        print(f"expected at most {args.max_executed} executed cells, ran {stats.executed}")
        return 1
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    from dlcompare.matrix.envs import clean

    removed = clean(find_root(), args.names or None)
    print(f"removed {len(removed)} environment(s): {', '.join(removed) or 'none'}")
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from dlcompare.matrix.merge import merge_reports

    root = find_root()
    problems, written = merge_reports(root, [Path(d) for d in args.folders], matrix_targets(root))
    for problem in problems:
        print(f"error: {problem}")
    if problems:
        print(f"not merged: the {len(args.folders)} artifact(s) do not cover the matrix once")
        return 1
    print(f"merged {len(written)} report(s) into data/compat/")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    releases = sub.add_parser("releases", help="the release registry (data/releases/)")
    rsub = releases.add_subparsers(dest="releases_command", required=True)
    refresh = rsub.add_parser("refresh", help="rewrite data/releases/*.yaml from PyPI (network)")
    refresh.add_argument("framework", nargs="*", help="torch, tensorflow, keras, jax (default all)")
    refresh.set_defaults(func=_cmd_refresh)

    matrix = sub.add_parser(
        "matrix", help="run the programs against every tested framework release (data/compat/)"
    )
    matrix.add_argument("--framework", action="append", help="limit to a framework (repeatable)")
    matrix.add_argument("--version", action="append", help="limit to a release or line")
    matrix.add_argument("--program", action="append", help="limit to programs whose path has this")
    matrix.add_argument("-j", "--jobs", type=int, default=2)
    matrix.add_argument("--no-cache", action="store_true", help="re-run cells even if unchanged")
    matrix.add_argument(
        "--max-executed", type=int, default=None,
        help="fail if more cells than this had to run (e.g. 0: prove the cache is warm)",
    )  # fmt: skip
    matrix.add_argument("--list", action="store_true", help="print the releases as JSON and stop")
    matrix.set_defaults(func=_cmd_matrix)
    msub = matrix.add_subparsers(dest="matrix_command")
    clean = msub.add_parser("clean", help="remove cached environments (.cache/matrix/envs/)")
    clean.add_argument("names", nargs="*", help="e.g. keras-3.10.0 (default: all)")
    clean.set_defaults(func=_cmd_clean)
    merge = msub.add_parser(
        "merge",
        help="copy the release jobs' reports into data/compat/; fail on a report no job "
        "or two jobs produced",
    )
    merge.add_argument("folders", nargs="+", metavar="DIR", help="one folder per release job")
    merge.set_defaults(func=_cmd_merge)
