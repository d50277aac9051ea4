"""Run every benchmark configuration, each workload in its own fresh interpreter.

The order is interleaved: round 1 runs every configuration of a workload once
(A B C …), round 2 runs them all again, and so on, so a slow minute on the machine
lands on every configuration a little instead of on one configuration entirely.
Each process does one untimed warm-up repetition and then ``repeat`` timed ones.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from dlcompare.bench.models import (
    BenchEnvironment,
    BenchFile,
    BenchResult,
    Framework,
    Method,
    ProcessRun,
    Repetition,
    Workload,
)
from dlcompare.bench.summary import flag, summarise
from dlcompare.executor.environment import current
from dlcompare.executor.execute import program_env, run_program
from dlcompare.executor.gpu import gpu_names

WORKLOAD_DIR = Path(__file__).with_name("workloads")
PREFIX = "DLCOMPARE_BENCH "


@dataclass(frozen=True)
class Config:
    framework: Framework
    mode: str
    script: str
    backend: str | None = None

    @property
    def key(self) -> str:
        return f"{self.framework}/{self.mode}"


#: Every configuration, in the order the page shows them.
CONFIGS: tuple[Config, ...] = (
    Config("pytorch", "eager", "torch_workload.py"),
    Config("pytorch", "compile", "torch_workload.py"),
    Config("tensorflow", "eager", "tf_workload.py"),
    Config("tensorflow", "function", "tf_workload.py"),
    Config("tensorflow", "xla", "tf_workload.py"),
    Config("keras", "tensorflow", "keras_workload.py", backend="tensorflow"),
    Config("keras", "torch", "keras_workload.py", backend="torch"),
    Config("keras", "jax", "keras_workload.py", backend="jax"),
)
WORKLOADS: tuple[Workload, ...] = get_args(Workload)


def select(only: list[str] | None) -> list[Config]:
    """``pytorch``, ``keras/jax`` or ``tensorflow/xla``; raises on a name that matches nothing."""
    if not only:
        return list(CONFIGS)
    chosen = []
    for name in only:
        hits = [c for c in CONFIGS if name in (c.framework, c.key)]
        if not hits:
            known = ", ".join(sorted({c.framework for c in CONFIGS} | {c.key for c in CONFIGS}))
            raise ValueError(f"--only {name!r} matches no configuration; known: {known}")
        chosen += [c for c in hits if c not in chosen]
    return chosen


def environment(label: str, threads: int, command: str, device: str = "cpu") -> BenchEnvironment:
    env = current()
    return BenchEnvironment(
        label=label,
        device="cuda" if device == "cuda" else "cpu",
        date=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        python=env.python,
        platform=env.platform,
        machine=env.machine,
        cpu=env.cpu,
        cpu_count=os.cpu_count() or 0,
        gpu=next(iter(gpu_names()), None),
        threads=threads,
        packages=dict(env.packages),
        load_average=[round(x, 2) for x in os.getloadavg()],
        command=command,
    )


def parse_output(stdout: str) -> dict[str, Any] | None:
    """The workload's JSON line, or None when it printed none."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(PREFIX):
            row: dict[str, Any] = json.loads(line[len(PREFIX) :])
            return row
    return None


def process_run(
    row: dict[str, Any],
    *,
    round_: int,
    order: int,
    process_s: float,
    child_cpu_s: float | None,
    threads: int,
    cpu_count: int,
    method: Method,
) -> ProcessRun:
    """One workload's JSON line as a ``ProcessRun``, each repetition flagged or clean."""
    reps = [
        Repetition(
            samples_per_s=tput,
            wall_s=wall,
            cpu_s=cpu,
            cpu_per_wall=cpu / wall if wall > 0 else 0.0,
            load1=load,
        )
        for tput, wall, cpu, load in zip(
            row["train_samples_per_s"],
            row["rep_wall_s"],
            row["rep_cpu_s"],
            row["rep_load1"],
            strict=True,
        )
    ]
    return ProcessRun(
        round=round_,
        order=order,
        process_s=process_s,
        child_cpu_s=child_cpu_s,
        import_s=row["import_s"],
        build_s=row["build_s"],
        first_step_s=row["first_step_s"],
        time_to_first_step_s=row["time_to_first_step_s"],
        peak_rss_mib=row["peak_rss_mib"],
        accuracy=row["accuracy"],
        threads=row["threads"],
        repetitions=flag(reps, threads=threads, cpu_count=cpu_count, method=method),
        latency_b1_ms=row["latency_b1_ms"],
        latency_b256_ms=row["latency_b256_ms"],
    )


@dataclass(frozen=True)
class Outcome:
    """What one fresh process left: its JSON line, or why there is none."""

    row: dict[str, Any] | None
    process_s: float
    child_cpu_s: float | None
    status: str = "ok"  # ok | failed | timeout
    error: str | None = None


def children_cpu_s() -> float:
    """CPU seconds of every finished child of this process so far (``RUSAGE_CHILDREN``)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(
    root: Path,
    config: Config,
    workload: Workload,
    *,
    repeat: int,
    quick: bool,
    threads: int,
    device: str = "cpu",
    timeout_s: float = 600,
) -> Outcome:
    """One fresh, sandboxed interpreter running ``config`` on ``workload``."""
    extra = {"XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false"} if threads == 1 else {}
    env = program_env(device=device, backend=config.backend, threads=threads, extra=extra)
    args = ["--workload", workload, "--mode", config.mode, "--repeat", str(repeat)]
    args += ["--threads", str(threads), "--device", device]
    if quick:
        args += ["--quick", "--latency-calls", "10"]
    before = children_cpu_s()
    proc = run_program(
        root,
        WORKLOAD_DIR / config.script,
        env=env,
        timeout_s=timeout_s,
        args=args,
        gpu=device == "cuda",
    )
    # Under bwrap the program's CPU time may never reach this process's RUSAGE_CHILDREN
    # (the sandbox's own init reaps it); a zero then means "unknown", not "idle".
    delta = round(children_cpu_s() - before, 3)
    child_cpu = delta if delta > 0 else None
    row = parse_output(proc.stdout) if proc.ok else None
    if row is not None:
        return Outcome(row, proc.duration_s, child_cpu)
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
    if proc.ended != "exited" or proc.network_blocked:
        tail.append(f"[{proc.message}]")
    status = "timeout" if proc.timed_out else "failed"
    return Outcome(None, proc.duration_s, child_cpu, status, "\n".join(tail))


#: Runs one process; ``run_process`` bound to its options, or a stand-in in tests.
RunOne = Callable[[Config, Workload], Outcome]
Progress = Callable[[int, int, Config, Workload, "ProcessRun | Outcome | None"], None]


def schedule(
    configs: list[Config], workloads: list[Workload], rounds: int
) -> list[tuple[int, Workload, Config]]:
    """(round, workload, config) in run order: every configuration once per round."""
    return [(r, w, c) for r in range(rounds) for w in workloads for c in configs]


def run_bench(
    root: Path,
    configs: list[Config],
    workloads: list[Workload],
    *,
    rounds: int,
    repeat: int,
    quick: bool,
    threads: int,
    label: str,
    command: str,
    device: str = "cpu",
    progress: Progress | None = None,
    run_one: RunOne | None = None,
) -> BenchFile:
    """Every configuration on every workload, ``rounds`` fresh processes each, interleaved.

    A configuration whose process fails keeps its earlier runs but is not started
    again in later rounds: a crash is not noise, and retrying would hide it.
    """

    def default(config: Config, workload: Workload) -> Outcome:
        return run_process(
            root, config, workload, repeat=repeat, quick=quick, threads=threads, device=device
        )

    run = run_one or default
    start = time.monotonic()
    env = environment(label, threads, command, device)
    method = Method(order="interleaved", rounds=rounds, repeat=repeat, warmup=1)
    results: dict[tuple[str, str], BenchResult] = {
        (c.key, w): BenchResult(framework=c.framework, mode=c.mode, workload=w)
        for w in workloads
        for c in configs
    }
    plan = schedule(configs, workloads, rounds)
    for order, (round_, workload, config) in enumerate(plan):
        result = results[(config.key, workload)]
        if result.status != "ok":
            continue
        if progress:
            progress(order, len(plan), config, workload, None)
        outcome = run(config, workload)
        if outcome.row is None:
            results[(config.key, workload)] = result.model_copy(
                update={"status": outcome.status, "error": outcome.error}
            )
            if progress:
                progress(order, len(plan), config, workload, outcome)
            continue
        done = process_run(
            outcome.row,
            round_=round_,
            order=order,
            process_s=outcome.process_s,
            child_cpu_s=outcome.child_cpu_s,
            threads=threads,
            cpu_count=env.cpu_count,
            method=method,
        )
        results[(config.key, workload)] = result.model_copy(update={"runs": [*result.runs, done]})
        if progress:
            progress(order, len(plan), config, workload, done)
    env.wall_s = round(time.monotonic() - start, 1)
    env.load_average_end = [round(x, 2) for x in os.getloadavg()]
    return BenchFile(
        quick=quick,
        method=method,
        environment=env,
        results=[summarise(r) for r in results.values()],
    )
