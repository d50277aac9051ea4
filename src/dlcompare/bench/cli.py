"""``dlcompare bench``: measure every framework configuration and write data/bench/<env>.json.

Wired into the main CLI by ``add_parser``; ``python -m dlcompare.bench`` runs it alone.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dlcompare.paths import find_root

if TYPE_CHECKING:
    from dlcompare.bench.models import BenchResult
    from dlcompare.bench.runner import Config

DESCRIPTION = (
    "Train and run the same MLP, CNN and wide synthetic MLP in PyTorch (eager, "
    "torch.compile), TensorFlow (eager, tf.function, XLA) and Keras on each backend, "
    "each in a fresh process with pinned threads, and write the measurements as JSON."
)


def _cmd_bench(args: argparse.Namespace) -> int:
    from rich.console import Console

    from dlcompare.bench.models import dump
    from dlcompare.bench.runner import WORKLOADS, run_bench, select

    console = Console(stderr=True)
    root = find_root()
    try:
        configs = select(args.only.split(",") if args.only else None)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return 2
    workloads = args.workload or list(WORKLOADS)
    total = len(configs) * len(workloads)
    done = [0]

    def progress(config: Config, workload: str, result: BenchResult | None) -> None:
        if result is None:
            console.print(f"[dim][{done[0] + 1}/{total}][/dim] {workload:5} {config.key} …")
            return
        done[0] += 1
        if result.status != "ok":
            console.print(f"    [red]{result.status}[/red] {result.error or ''}")
            return
        tput, first = result.train_samples_per_s, result.time_to_first_step_s
        if tput is None or first is None:  # an "ok" result always has both
            return
        console.print(
            f"    [green]ok[/green] {tput.median:,.0f} samples/s "
            f"(±{100 * tput.rel_spread / 2:.0f} %), first step after "
            f"{first.median:.1f} s, {result.peak_rss_mib:.0f} MiB, "
            f"acc {result.accuracy:.3f}, process {result.process_s:.0f} s"
        )

    repeat = args.repeat or (2 if args.quick else 5)
    prog = "dlcompare" if Path(sys.argv[0]).name == "dlcompare" else "python -m dlcompare.bench"
    command = f"{prog} {shlex.join(sys.argv[1:])}"
    bench = run_bench(
        root,
        configs,
        workloads,
        repeat=repeat,
        quick=args.quick,
        threads=args.threads,
        processes=args.processes,
        label=args.label,
        command=command.strip(),
        progress=progress,
    )
    out = Path(args.out) if args.out else root / "data" / "bench" / f"{args.label}.json"
    dump(bench, out)
    failed = [r for r in bench.results if r.status != "ok"]
    console.print(
        f"wrote {out} ({len(bench.results)} results, {len(failed)} failed) in "
        f"{bench.environment.wall_s:.0f} s; load average "
        f"{bench.environment.load_average} → {bench.environment.load_average_end}"
    )
    return 1 if failed else 0


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny data and 2 repetitions: a smoke test, not a measurement",
    )
    parser.add_argument(
        "--repeat", type=int, default=0, help="timed repetitions per process (default 5, --quick 2)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="fresh processes per configuration and workload (default 1)",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per framework (default 1)")
    parser.add_argument("--only", help="comma-separated: pytorch, keras/jax, tensorflow/xla, …")
    parser.add_argument(
        "--workload",
        action="append",
        choices=["mlp", "cnn", "wide"],
        help="limit to these workloads (repeatable)",
    )
    parser.add_argument("--label", default="cpu", help="environment label, names the output file")
    parser.add_argument("--out", help="output file (default data/bench/<label>.json)")
    parser.set_defaults(func=_cmd_bench)
    return parser


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add ``bench`` to the main ``dlcompare`` command."""
    return _configure(
        subparsers.add_parser("bench", help="benchmark the frameworks", description=DESCRIPTION)
    )


def main(argv: list[str] | None = None) -> int:
    parser = _configure(argparse.ArgumentParser(prog="dlcompare bench", description=DESCRIPTION))
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)
