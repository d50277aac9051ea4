"""``dlcompare``: one entry point for the checks, the snippet runner and renderers.

Kept thin on purpose: each subcommand parses its options and calls a function in
the package that the tests exercise directly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dlcompare.paths import find_root
from dlcompare.vocabulary import DEVICES, KERAS_BACKENDS

if TYPE_CHECKING:
    from dlcompare.snippets.shards import ShardSpec


def _tasks_complete(root: Path) -> bool:
    """One message listing every missing program, page and nav entry (before any run)."""
    from dlcompare.snippets.discover import SnippetError
    from dlcompare.snippets.task_layout import check_tasks

    try:
        check_tasks(root)
    except SnippetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    return True


def _cmd_run(args: argparse.Namespace) -> int:
    from dlcompare.snippets.suite import RunOptions, run_suite

    if args.shard_plan and args.shard is None:
        print(
            "error: --shard-plan shows the split of --shard K/N; add --shard, e.g. 1/4",
            file=sys.stderr,
        )
        return 2
    if not _tasks_complete(find_root()):
        return 2
    options = RunOptions(
        device=args.device,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        retries=args.retries,
        backends=tuple(args.backend) if args.backend else None,
        report=Path(args.report) if args.report else None,
        write_records=not args.no_records and not args.check,
        check=args.check,
        sandbox=args.sandbox,
        shard=args.shard,
        shard_dir=Path(args.shard_dir) if args.shard_dir else None,
        shard_plan=args.shard_plan,
        skip_guard=not args.no_skip_guard,
    )
    return run_suite(find_root(), args.select, options)


def _cmd_records(args: argparse.Namespace) -> int:
    from dlcompare.snippets.freshness import main as records_main

    return records_main(find_root())


def _cmd_records_merge(args: argparse.Namespace) -> int:
    from dlcompare.snippets.merge import main as merge_main

    return merge_main(find_root(), [Path(d) for d in args.folders], check=args.check)


def _shard_spec(text: str) -> ShardSpec:
    """argparse type of ``--shard``: a clear message instead of a traceback."""
    from dlcompare.snippets.shards import ShardError, parse_shard

    try:
        return parse_shard(text)
    except ShardError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cmd_check(args: argparse.Namespace) -> int:
    from dlcompare.facts.lint import main as lint_main
    from dlcompare.matrix.lint import data_rules

    if not _tasks_complete(find_root()):
        return 2
    return lint_main(
        find_root(),
        run_checks=not args.no_programs,
        report=Path(args.report) if args.report else None,
        rules=data_rules(),
    )


def _cmd_schema(args: argparse.Namespace) -> int:
    from dlcompare.facts.schema import SCHEMAS, write_json_schema

    write_json_schema(find_root())
    for rel in SCHEMAS:
        print(f"wrote {rel}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlcompare", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the example programs and write run records")
    run.add_argument("select", nargs="*", help="tasks (cnn), task/framework (cnn/keras) or paths")
    run.add_argument("--device", choices=[*DEVICES, "auto"], default="cpu")
    run.add_argument(
        "-j", "--jobs", type=int, default=0, help="parallel programs (0: one per core)"
    )
    run.add_argument("--no-cache", action="store_true", help="run even unchanged programs")
    run.add_argument(
        "--retries",
        type=int,
        default=0,
        help="re-run a failed program N times; a pass after a failure is reported as flaky",
    )
    run.add_argument(
        "--backend",
        action="append",
        choices=KERAS_BACKENDS,
        help="limit Keras programs to these backends (repeatable)",
    )
    run.add_argument("--report", help="write a Markdown report of the run to this file")
    run.add_argument("--no-records", action="store_true", help="do not write data/runs/")
    run.add_argument(
        "--check",
        action="store_true",
        help="compare every run with its committed record, write nothing, fail on a difference",
    )
    run.add_argument(
        "--sandbox",
        choices=["bwrap", "none"],
        default=None,
        help="bwrap (default; or $DLCOMPARE_SANDBOX): contained runs; none: no sandbox, "
        "recorded as such",
    )
    run.add_argument(
        "--shard",
        type=_shard_spec,
        metavar="K/N",
        help="run only shard K of N (balanced by the recorded durations; one per CI machine); "
        "records go to --shard-dir, not data/runs/ (see `dlcompare records merge`)",
    )
    run.add_argument(
        "--shard-dir",
        metavar="DIR",
        help="where the shard leaves its records and manifest for `dlcompare records merge` "
        "(default .cache/shards/<device>-K-of-N)",
    )
    run.add_argument(
        "--shard-plan",
        action="store_true",
        help="print the split of --shard K/N (jobs and predicted seconds per shard) and stop",
    )
    run.add_argument(
        "--no-skip-guard",
        action="store_true",
        help="do not fail runs that never imported their framework or ended implausibly fast "
        "(to refresh the record of a program that really became fast)",
    )
    run.set_defaults(func=_cmd_run)

    records = sub.add_parser("records", help="fail if a committed run record is stale or missing")
    records.set_defaults(func=_cmd_records)
    records_sub = records.add_subparsers(dest="records_command", metavar="{merge}")
    merge = records_sub.add_parser(
        "merge",
        help="combine the folders of `dlcompare run --shard` into data/runs/ "
        "(fails on a job no shard ran or two shards ran)",
    )
    merge.add_argument("folders", nargs="+", metavar="DIR", help="one folder per shard")
    merge.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if a merged run failed or differs from its committed record",
    )
    merge.set_defaults(func=_cmd_records_merge)

    check = sub.add_parser(
        "check", help="lint data/ (facts, sources, claims, concordance) and run fact checks"
    )
    check.add_argument("--no-programs", action="store_true", help="skip executable fact checks")
    check.add_argument("--report", help="write a Markdown report of problems to this file")
    check.set_defaults(func=_cmd_check)

    schema = sub.add_parser(
        "schema",
        help="write the JSON Schemas of the data files (facts, sources, claims, concordance)",
    )
    schema.set_defaults(func=_cmd_schema)

    from dlcompare.notebooks.cli import add_parser as add_notebooks_parser

    add_notebooks_parser(sub)

    from dlcompare.bench.cli import add_parser as add_bench_parser

    add_bench_parser(sub)
    _add_site_parsers(sub)

    from dlcompare.matrix.cli import add_parser as add_matrix_parser

    add_matrix_parser(sub)

    from dlcompare.executor.gpu_preflight import add_parser as add_gpu_parser

    add_gpu_parser(sub)
    return parser


def _add_site_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The site tools (src/dlcompare/site/): each module owns its options and ``run``."""
    from dlcompare.site import build, edit_loop, linkcheck, screenshots, weight

    tools = (
        ("build", build, "strict site build into site/, swapped in only on success"),
        ("linkcheck", linkcheck, linkcheck.DESCRIPTION.lower().rstrip(".")),
        ("screenshots", screenshots, "PNGs of the site for the README"),
        ("site-bench", weight, "page weights, search index size, build-time ratio"),
        ("edit-loop", edit_loop, "edit-to-reload seconds under mkdocs serve, cache off and on"),
    )
    for name, module, help_text in tools:
        parser = sub.add_parser(name, help=help_text, description=module.__doc__)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        module.add_arguments(parser)
        parser.set_defaults(func=module.run)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
