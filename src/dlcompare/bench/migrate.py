"""Convert a format-1 result file to format 2 (``dlcompare bench --migrate FILE``).

Format 1 kept one process per configuration, run in blocks, with the samples of
throughput and latency but only one CPU-per-wall ratio per process and no per-
repetition wall, CPU time or load. The conversion keeps every sample it had, gives
each repetition its process's CPU ratio (the best that file can say), leaves the
unknown fields empty, and marks the file ``migrated_from: 1`` so the page says so.
"""

from __future__ import annotations

from typing import Any

from dlcompare.bench.models import (
    SCHEMA_VERSION,
    BenchEnvironment,
    BenchFile,
    BenchResult,
    Method,
    ProcessRun,
    Repetition,
)
from dlcompare.bench.summary import flag, summarise

__all__ = ["from_v1"]


def _run(
    old: dict[str, Any], *, order: int, threads: int, cpu_count: int, method: Method
) -> ProcessRun:
    ratio = float(old.get("train_cpu_per_wall") or 0.0)
    reps = [
        Repetition(samples_per_s=value, cpu_per_wall=ratio)
        for value in old["train_samples_per_s"]["samples"]
    ]
    first = old["time_to_first_step_s"]["samples"][0]
    return ProcessRun(
        round=0,
        order=order,
        process_s=old.get("process_s") or 0.0,
        import_s=old["import_s"],
        build_s=old["build_s"],
        first_step_s=old["first_step_s"],
        time_to_first_step_s=first,
        peak_rss_mib=old["peak_rss_mib"],
        accuracy=old["accuracy"],
        threads=old.get("threads") or {},
        repetitions=flag(reps, threads=threads, cpu_count=cpu_count, method=method),
        latency_b1_ms=old["latency_b1_ms"]["samples"],
        latency_b256_ms=old["latency_b256_ms"]["samples"],
    )


def from_v1(raw: dict[str, Any]) -> BenchFile:
    """The format-2 file holding everything a format-1 file recorded."""
    if raw.get("schema_version") != 1:
        raise ValueError(
            f"not a format-1 benchmark file (schema_version {raw.get('schema_version')!r}); "
            f"this version writes {SCHEMA_VERSION}"
        )
    env = BenchEnvironment.model_validate(raw["environment"])
    method = Method(order="blocks", rounds=1, repeat=raw["repeat"], warmup=1)
    results = []
    for order, old in enumerate(raw["results"]):
        base = {k: old[k] for k in ("framework", "mode", "workload", "status", "error") if k in old}
        if old.get("status", "ok") != "ok":
            results.append(BenchResult.model_validate(base))
            continue
        run = _run(old, order=order, threads=env.threads, cpu_count=env.cpu_count, method=method)
        results.append(
            summarise(BenchResult.model_validate(base).model_copy(update={"runs": [run]}))
        )
    return BenchFile(
        quick=raw.get("quick", False),
        migrated_from=1,
        method=method,
        environment=env,
        results=results,
    )
