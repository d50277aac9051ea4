"""Run every benchmark configuration, each workload in its own fresh interpreter."""

from __future__ import annotations

import datetime as dt
import json
import os
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
    Spread,
    Workload,
)
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


def environment(label: str, threads: int, command: str) -> BenchEnvironment:
    env = current()
    return BenchEnvironment(
        label=label,
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


def result_from_rows(
    config: Config, workload: Workload, rows: list[dict[str, Any]], process_s: list[float]
) -> BenchResult:
    """Merge the JSON lines of one or more fresh processes of the same configuration."""
    first = rows[0]

    def pooled(name: str) -> Spread:
        return Spread.of([v for row in rows for v in row[name]])

    return BenchResult(
        framework=config.framework,
        mode=config.mode,
        workload=workload,
        import_s=first["import_s"],
        build_s=first["build_s"],
        first_step_s=first["first_step_s"],
        time_to_first_step_s=Spread.of([row["time_to_first_step_s"] for row in rows]),
        train_samples_per_s=pooled("train_samples_per_s"),
        latency_b1_ms=pooled("latency_b1_ms"),
        latency_b256_ms=pooled("latency_b256_ms"),
        peak_rss_mib=max(row["peak_rss_mib"] for row in rows),
        train_cpu_per_wall=max(row["train_cpu_per_wall"] for row in rows),
        accuracy=first["accuracy"],
        process_s=max(process_s),
        threads=first["threads"],
    )


def run_one(
    root: Path,
    config: Config,
    workload: Workload,
    *,
    repeat: int,
    quick: bool,
    threads: int,
    processes: int = 1,
    timeout_s: float = 300,
) -> BenchResult:
    """``processes`` fresh runs of one configuration on one workload."""
    extra = {"XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false"} if threads == 1 else {}
    env = program_env(device="cpu", backend=config.backend, threads=threads, extra=extra)
    args = [
        "--workload",
        workload,
        "--mode",
        config.mode,
        "--repeat",
        str(repeat),
        "--threads",
        str(threads),
    ]
    if quick:
        args += ["--quick", "--latency-calls", "10"]
    rows, durations = [], []
    for _ in range(processes):
        proc = run_program(
            root, WORKLOAD_DIR / config.script, env=env, timeout_s=timeout_s, args=args
        )
        durations.append(proc.duration_s)
        row = parse_output(proc.stdout) if proc.ok else None
        if row is None:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
            if proc.ended != "exited" or proc.network_blocked:
                tail.append(f"[{proc.message}]")
            return BenchResult(
                framework=config.framework,
                mode=config.mode,
                workload=workload,
                status="timeout" if proc.timed_out else "failed",
                error="\n".join(tail),
                process_s=proc.duration_s,
            )
        rows.append(row)
    return result_from_rows(config, workload, rows, durations)


def run_bench(
    root: Path,
    configs: list[Config],
    workloads: list[Workload],
    *,
    repeat: int,
    quick: bool,
    threads: int,
    processes: int,
    label: str,
    command: str,
    progress: Callable[[Config, str, BenchResult | None], None] | None = None,
) -> BenchFile:
    start = time.monotonic()
    env = environment(label, threads, command)
    results = []
    for workload in workloads:
        for config in configs:
            if progress:
                progress(config, workload, None)
            result = run_one(
                root,
                config,
                workload,
                repeat=repeat,
                quick=quick,
                threads=threads,
                processes=processes,
            )
            results.append(result)
            if progress:
                progress(config, workload, result)
    env.wall_s = round(time.monotonic() - start, 1)
    env.load_average_end = [round(x, 2) for x in os.getloadavg()]
    return BenchFile(quick=quick, repeat=repeat, environment=env, results=results)
