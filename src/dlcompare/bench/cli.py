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
    from dlcompare.bench.runner import Config

DESCRIPTION = (
    "Train and run the same MLP, CNNs and wide synthetic MLP in PyTorch (eager, "
    "torch.compile), TensorFlow (eager, tf.function, XLA) and Keras on each backend "
    "(JAX with jit_compile), each in a fresh process with pinned threads, interleaved "
    "over rounds, and write every sample as JSON."
)

#: Rounds x repetitions: 2 x 8 = 16 timed repetitions per configuration and workload.
FULL = (2, 8)
QUICK = (2, 2)


def no_gpu_message() -> str | None:
    """Why ``--device cuda`` cannot run here, or None when a GPU answers."""
    from dlcompare.executor.gpu import gpu_names

    if gpu_names():
        return None
    return (
        "no GPU: --device cuda needs an NVIDIA GPU that nvidia-smi can see, and this "
        "machine has none. Run on a GPU machine (after `make setup-gpu` where that exists), "
        "or leave out --device for the CPU benchmark."
    )


def _cmd_migrate(path: Path) -> int:
    import json

    from rich.console import Console

    from dlcompare.bench.migrate import from_v1
    from dlcompare.bench.models import dump

    console = Console(stderr=True)
    try:
        bench = from_v1(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        console.print(f"[red]{path}: cannot migrate: {exc}[/red]")
        return 2
    dump(bench, path)
    flagged = sum(r.contended for r in bench.results)
    reps = sum(r.repetitions for r in bench.results)
    console.print(
        f"converted {path} to format 2 ({len(bench.results)} results, "
        f"{flagged} of {reps} repetitions flagged as contended)"
    )
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from rich.console import Console

    from dlcompare.bench.models import ProcessRun, dump
    from dlcompare.bench.runner import WORKLOADS, Outcome, run_bench, select

    console = Console(stderr=True)
    if args.migrate:
        return _cmd_migrate(Path(args.migrate))
    if args.device == "cuda" and (why := no_gpu_message()):
        console.print(f"[red]{why}[/red]")
        return 3
    root = find_root()
    try:
        configs = select(args.only.split(",") if args.only else None)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return 2
    workloads = args.workload or list(WORKLOADS)
    rounds, repeat = QUICK if args.quick else FULL
    rounds, repeat = args.rounds or rounds, args.repeat or repeat

    def progress(
        order: int, total: int, config: Config, workload: str, done: ProcessRun | Outcome | None
    ) -> None:
        if done is None:
            console.print(f"[dim][{order + 1}/{total}][/dim] {workload:5} {config.key} …")
        elif isinstance(done, ProcessRun):
            reps = done.repetitions
            flagged = sum(bool(r.contended) for r in reps)
            best = max(r.samples_per_s for r in reps)
            console.print(
                f"    [green]ok[/green] up to {best:,.0f} samples/s, "
                f"{flagged}/{len(reps)} repetitions contended, "
                f"first step after {done.time_to_first_step_s:.1f} s, "
                f"process {done.process_s:.0f} s"
            )
        else:
            console.print(f"    [red]{done.status}[/red] {done.error or ''}")

    prog = "dlcompare" if Path(sys.argv[0]).name == "dlcompare" else "python -m dlcompare.bench"
    command = f"{prog} {shlex.join(sys.argv[1:])}"
    label = args.label or args.device
    bench = run_bench(
        root,
        configs,
        workloads,
        rounds=rounds,
        repeat=repeat,
        quick=args.quick,
        threads=args.threads,
        label=label,
        command=command.strip(),
        device=args.device,
        progress=progress,
    )
    out = Path(args.out) if args.out else root / "data" / "bench" / f"{label}.json"
    dump(bench, out)
    failed = [r for r in bench.results if r.status != "ok"]
    flagged = sum(r.contended for r in bench.results)
    reps = sum(r.repetitions for r in bench.results)
    console.print(
        f"wrote {out} ({len(bench.results)} results, {len(failed)} failed, "
        f"{flagged} of {reps} repetitions contended) in {bench.environment.wall_s:.0f} s; "
        f"load average {bench.environment.load_average} → {bench.environment.load_average_end}"
    )
    return 1 if failed else 0


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny data, 2 rounds of 2 repetitions: a smoke test, not a measurement",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=0,
        help=f"fresh processes per configuration and workload, interleaved (default {FULL[0]})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help=f"timed repetitions per process after one warm-up (default {FULL[1]}, --quick 2)",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per framework (default 1)")
    parser.add_argument("--only", help="comma-separated: pytorch, keras/jax, tensorflow/xla, …")
    parser.add_argument(
        "--workload",
        action="append",
        choices=["mlp", "cnn", "wide", "cnn32"],
        help="limit to these workloads (repeatable)",
    )
    parser.add_argument(
        "--device",
        choices=["cpu", "cuda"],
        default="cpu",
        help="cpu (GPUs hidden) or cuda; cuda fails with 'no GPU' where there is none",
    )
    parser.add_argument(
        "--label", help="environment label, names the output file (default: device)"
    )
    parser.add_argument("--out", help="output file (default data/bench/<label>.json)")
    parser.add_argument(
        "--migrate",
        metavar="FILE",
        help="convert a format-1 result file to the current format in place, then exit",
    )
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
