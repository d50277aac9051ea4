"""``dlcompare``: one entry point for the checks, the snippet runner and renderers.

Kept thin on purpose: each subcommand parses its options and calls a function in
the package that the tests exercise directly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dlcompare.paths import find_root


def _cmd_run(args: argparse.Namespace) -> int:
    from dlcompare.snippets.suite import RunOptions, run_suite

    options = RunOptions(
        device=args.device,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        retries=args.retries,
        backends=tuple(args.backend) if args.backend else None,
        report=Path(args.report) if args.report else None,
        write_records=not args.no_records,
        sandbox=args.sandbox,
    )
    return run_suite(find_root(), args.select, options)


def _cmd_records(args: argparse.Namespace) -> int:
    from dlcompare.snippets.freshness import main as records_main

    return records_main(find_root())


def _cmd_check(args: argparse.Namespace) -> int:
    from dlcompare.facts.lint import main as lint_main

    return lint_main(
        find_root(),
        run_checks=not args.no_programs,
        report=Path(args.report) if args.report else None,
    )


def _cmd_schema(args: argparse.Namespace) -> int:
    from dlcompare.facts.schema import write_json_schema

    path = write_json_schema(find_root())
    print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlcompare", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the example programs and write run records")
    run.add_argument("select", nargs="*", help="tasks (cnn), task/framework (cnn/keras) or paths")
    run.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu")
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
        choices=["tensorflow", "torch", "jax"],
        help="limit Keras programs to these backends (repeatable)",
    )
    run.add_argument("--report", help="write a Markdown report of the run to this file")
    run.add_argument("--no-records", action="store_true", help="do not write data/runs/")
    run.add_argument(
        "--sandbox",
        choices=["bwrap", "none"],
        default=None,
        help="bwrap (default; or $DLCOMPARE_SANDBOX): contained runs; none: no sandbox, "
        "recorded as such",
    )
    run.set_defaults(func=_cmd_run)

    records = sub.add_parser("records", help="fail if a committed run record is stale or missing")
    records.set_defaults(func=_cmd_records)

    check = sub.add_parser("check", help="lint data/ (facts, sources) and run fact checks")
    check.add_argument("--no-programs", action="store_true", help="skip executable fact checks")
    check.add_argument("--report", help="write a Markdown report of problems to this file")
    check.set_defaults(func=_cmd_check)

    schema = sub.add_parser("schema", help="write the JSON Schema of the facts files")
    schema.set_defaults(func=_cmd_schema)

    from dlcompare.notebooks.cli import add_parser as add_notebooks_parser

    add_notebooks_parser(sub)

    from dlcompare.bench.cli import add_parser as add_bench_parser

    add_bench_parser(sub)

    from dlcompare.matrix.cli import add_parser as add_matrix_parser

    add_matrix_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
