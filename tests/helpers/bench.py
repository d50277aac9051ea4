"""A synthetic benchmark result file, shared by the model and the page tests."""

from __future__ import annotations

from typing import Any

from dlcompare.bench.models import BenchFile, Spread


def make_bench(**overrides: Any) -> BenchFile:
    """A small but complete result file: two configurations, one of them failed."""
    data = {
        "repeat": 3,
        "environment": {
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
        },
        "results": [
            {
                "framework": "pytorch",
                "mode": "eager",
                "workload": "mlp",
                "import_s": 1.0,
                "build_s": 0.1,
                "first_step_s": 0.01,
                "time_to_first_step_s": Spread.of([1.11]).model_dump(),
                "train_samples_per_s": Spread.of([100.0, 120.0, 90.0]).model_dump(),
                "latency_b1_ms": Spread.of([0.1, 0.2]).model_dump(),
                "latency_b256_ms": Spread.of([1.0, 1.5]).model_dump(),
                "peak_rss_mib": 300.0,
                "accuracy": 0.9,
                "process_s": 2.0,
                "threads": {"intra_op": 1, "inter_op": 1},
            },
            {
                "framework": "keras",
                "mode": "jax",
                "workload": "mlp",
                "status": "failed",
                "error": "Traceback ...\nRuntimeError: boom",
                "process_s": 1.0,
            },
        ],
    }
    data.update(overrides)
    return BenchFile.model_validate(data)
