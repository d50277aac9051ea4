"""Build the site into a folder, timed and atomically, and the plain-Material baseline config.

A failed build never leaves a site behind that looks built: :func:`build_atomic`
builds into a temporary sibling folder (``site.tmp-XXXX``) and renames it onto
``site/`` only when MkDocs succeeded, so a strict-mode warning, a page that cannot
be read or a hook error leaves the previous ``site/`` (or none) as it was.
``dlcompare build`` and ``make build`` go through it; ``mkdocs serve`` does not
write ``site/`` at all.

The baseline for the build-time ratio is the same ``mkdocs.yml`` without our
``hooks:`` (no data validation, no example rendering): a plain Material build
of the same pages. Markers are HTML comments, so those pages still build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class BuildError(RuntimeError):
    """``mkdocs build`` failed; the message carries its output."""


@dataclass(frozen=True)
class Build:
    site_dir: Path
    seconds: float
    log: str


def build_site(
    root: Path, site_dir: Path, *, strict: bool = True, config_text: str | None = None
) -> Build:
    """Run ``mkdocs build`` for the project at ``root`` into ``site_dir``.

    ``config_text`` replaces mkdocs.yml (fed on stdin, paths still relative to
    ``root``); used for the plain baseline.
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    cmd.append("--strict" if strict else "--no-strict")
    if config_text is not None:
        cmd += ["--config-file", "-"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        cmd, cwd=root, env=env, input=config_text, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    if result.returncode != 0:
        mode = "strict " if strict else ""
        raise BuildError(
            f"`mkdocs build{' --strict' if strict else ''}` failed ({mode}build of {root}):\n{log}"
        )
    return Build(site_dir=Path(site_dir), seconds=seconds, log=log)


def build_atomic(root: Path, site_dir: Path, *, strict: bool = True) -> Build:
    """Build into a temporary sibling of ``site_dir`` and swap it in only on success.

    On failure the temporary folder is deleted and ``site_dir`` is untouched (the
    previous build, or nothing). The swap is two renames on one file system: the
    old site moves aside, the new one takes its name, the old one is deleted; a
    reader never finds a half-written ``site_dir``.
    """
    site_dir = Path(site_dir).absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
    try:
        built = build_site(root, tmp, strict=strict)
        tmp.chmod(0o755)  # mkdtemp's 0700 would make the published folder private
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _swap_in(tmp, site_dir)
    return Build(site_dir=site_dir, seconds=built.seconds, log=built.log)


def _swap_in(new: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.old-", dir=site_dir.parent))
        site_dir.rename(old / site_dir.name)
    new.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``dlcompare build``."""
    parser.add_argument("--site-dir", type=Path, default=None, help="default: <root>/site")
    parser.add_argument(
        "--no-strict", action="store_true", help="build even with warnings (drafts only)"
    )


def run(args: argparse.Namespace) -> int:
    """``dlcompare build``: print MkDocs' log; exit 1, the old site kept, on failure."""
    from dlcompare.paths import find_root

    root = find_root()
    site_dir = args.site_dir or root / "site"
    try:
        built = build_atomic(root, site_dir, strict=not args.no_strict)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        kept = "the previous build is kept" if Path(site_dir).exists() else "none was written"
        print(f"build failed: {site_dir} was not changed ({kept})", file=sys.stderr)
        return 1
    print(built.log, end="", file=sys.stderr)
    print(f"built {built.site_dir} in {built.seconds:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    """:func:`run` with its own parser (tests; the CLI adds the same options)."""
    parser = argparse.ArgumentParser(prog="dlcompare build")
    add_arguments(parser)
    return run(parser.parse_args(argv))


def plain_config(text: str) -> str:
    """``mkdocs.yml`` text without its top-level ``hooks:`` block (our hook)."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        top_level = (
            bool(line.strip()) and not line[0].isspace() and not line.lstrip().startswith("#")
        )
        if top_level:
            skipping = line.split(":", 1)[0].strip() == "hooks"
        if not skipping:
            out.append(line)
    return "".join(out)


def build_once(root: Path, site_dir: Path, *, strict: bool = True) -> Path:
    """Build into ``site_dir`` unless another process already did, under a file lock.

    Lets every pytest-xdist worker ask for the site while only the first builds
    it; the others wait on the lock and reuse the result (or the same error).
    """
    import fcntl

    site_dir = Path(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    done = site_dir.with_name(site_dir.name + ".done")
    failed = site_dir.with_name(site_dir.name + ".failed")
    with site_dir.with_name(site_dir.name + ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return site_dir
        if failed.exists():
            raise BuildError(failed.read_text(encoding="utf-8"))
        try:
            build_atomic(root, site_dir, strict=strict)
        except BuildError as exc:
            failed.write_text(str(exc), encoding="utf-8")
            raise
        done.write_text("ok\n", encoding="utf-8")
    return site_dir


# --- where the build time goes (make bench-site) ----------------------------------


def event_times_in_process(config_file: Path, site_dir: Path) -> dict[str, float]:
    """Build in this process with every plugin/hook event handler timed.

    Returns seconds per origin (``search``, ``mkdocs-jupyter``, each hook by its
    path in mkdocs.yml) plus ``total`` (config load + build). Run it in a fresh
    interpreter (see :func:`event_times`) so imports are counted as in a real build.
    """
    import logging
    from collections import defaultdict
    from collections.abc import Callable

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    spent: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
    plugins = config.plugins

    def timed(method: Callable[..., Any], origin: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[origin] += time.perf_counter() - t

        return wrapper

    for event, methods in plugins.events.items():
        wrapped = []
        for method in methods:
            origin = plugins._event_origins.get(method, "<unknown>")
            new = timed(method, origin)
            plugins._event_origins[new] = origin
            wrapped.append(new)
        plugins.events[event] = wrapped
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    spent["total"] = time.perf_counter() - start
    return {k: round(v, 3) for k, v in spent.items()}


def event_times(root: Path, site_dir: Path) -> dict[str, float]:
    """:func:`event_times_in_process` in a fresh interpreter, from ``root``."""
    import json

    code = (
        "import json, sys; from pathlib import Path; "
        "from dlcompare.site.build import event_times_in_process as f; "
        "print(json.dumps(f(Path(sys.argv[1]), Path(sys.argv[2]))))"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(root / "mkdocs.yml"), str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(f"timed build failed:\n{result.stdout}{result.stderr}")
    times: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return times
