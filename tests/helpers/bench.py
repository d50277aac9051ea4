"""Synthetic benchmark result files, shared by the model, runner and page tests."""

from __future__ import annotations

from typing import Any

from dlcompare.bench.models import BenchFile, BenchResult, Method, ProcessRun, Repetition
from dlcompare.bench.summary import summarise

ENVIRONMENT = {
    "label": "cpu",
    "date": "2026-01-02T03:04:05+00:00",
    "python": "3.11.9",
    "platform": "Linux 6.1",
    "machine": "x86_64",
    "cpu": "Test CPU",
    "cpu_count": 2,
    "threads": 1,
    "packages": {"torch": "2.13.0", "keras": "3.15.1"},
    "load_average": [1.0, 1.0, 1.0],
    "load_average_end": [2.0, 1.0, 1.0],
    "wall_s": 12.0,
    "command": "dlcompare bench",
}


def run(
    throughputs: list[float], *, round_: int = 0, order: int = 0, cpu_per_wall: float = 1.0
) -> ProcessRun:
    """One process whose repetitions had these throughputs (clean unless told)."""
    contended = ["cpu low"] if cpu_per_wall < 0.85 else []
    return ProcessRun(
        round=round_,
        order=order,
        process_s=2.0,
        child_cpu_s=1.9,
        import_s=1.0,
        build_s=0.1,
        first_step_s=0.01,
        time_to_first_step_s=1.11,
        peak_rss_mib=300.0,
        accuracy=0.9,
        threads={"intra_op": 1, "inter_op": 1},
        repetitions=[
            Repetition(
                samples_per_s=t,
                wall_s=1.0,
                cpu_s=cpu_per_wall,
                cpu_per_wall=cpu_per_wall,
                load1=0.5,
                contended=contended,
            )
            for t in throughputs
        ],
        latency_b1_ms=[0.1, 0.2],
        latency_b256_ms=[1.0, 1.5],
    )


def result(
    framework: str, mode: str, throughputs: list[float], workload: str = "mlp", **kw: Any
) -> BenchResult:
    return summarise(
        BenchResult.model_validate(
            {"framework": framework, "mode": mode, "workload": workload}
        ).model_copy(update={"runs": [run(throughputs, **kw)]})
    )


def make_bench(**overrides: Any) -> BenchFile:
    """A small but complete result file: two configurations, one of them failed."""
    data: dict[str, Any] = {
        "method": Method(rounds=1, repeat=3).model_dump(),
        "environment": ENVIRONMENT,
        "results": [
            result("pytorch", "eager", [100.0, 120.0, 90.0]).model_dump(),
            {
                "framework": "keras",
                "mode": "jax",
                "workload": "mlp",
                "status": "failed",
                "error": "Traceback ...\nRuntimeError: boom",
            },
        ],
    }
    data.update(overrides)
    return BenchFile.model_validate(data)
