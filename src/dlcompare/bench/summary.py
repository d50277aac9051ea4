"""From raw samples to the per-configuration summaries the page shows.

Kept apart from the runner so the same rule applies to a fresh run, a file migrated
from format 1 and a test's synthetic data.
"""

from __future__ import annotations

import math

from dlcompare.bench.contention import Thresholds, reasons
from dlcompare.bench.models import BenchResult, Method, ProcessRun, Repetition, Summary

__all__ = ["MIN_CLEAN", "flag", "summarise"]

#: The fewest clean repetitions a summary may rest on (and at least half of them all).
MIN_CLEAN = 3


def flag(
    repetitions: list[Repetition], *, threads: int, cpu_count: int, method: Method
) -> list[Repetition]:
    """The repetitions with ``contended`` filled in by the file's thresholds."""
    limits = Thresholds(cpu_ratio=method.cpu_ratio, load_per_core=method.load_per_core)
    return [
        rep.model_copy(
            update={
                "contended": reasons(
                    rep.cpu_per_wall,
                    rep.load1,
                    threads=threads,
                    cpu_count=cpu_count,
                    thresholds=limits,
                )
            }
        )
        for rep in repetitions
    ]


def clean_enough(clean: int, total: int) -> bool:
    """Whether ``clean`` of ``total`` repetitions can carry a summary on their own."""
    return clean >= max(MIN_CLEAN, math.ceil(total / 2))


def summarise(result: BenchResult) -> BenchResult:
    """``result`` with every summary recomputed from its runs' raw samples.

    Training throughput uses only the clean repetitions when there are enough of them
    (``clean_enough``); otherwise it uses all of them and ``train_basis`` says "all",
    which keeps the configuration out of the page's claims.
    """
    runs: list[ProcessRun] = result.runs
    if not runs:
        return result
    reps = [rep for run in runs for rep in run.repetitions]
    clean = [rep for rep in reps if not rep.contended]
    basis = "clean" if clean_enough(len(clean), len(reps)) else "all"
    chosen = clean if basis == "clean" else reps
    return result.model_copy(
        update={
            "train_samples_per_s": Summary.of([rep.samples_per_s for rep in chosen]),
            "train_basis": basis,
            "repetitions": len(reps),
            "contended": len(reps) - len(clean),
            "train_cpu_per_wall": Summary.of([rep.cpu_per_wall for rep in reps]),
            "latency_b1_ms": Summary.of([v for run in runs for v in run.latency_b1_ms]),
            "latency_b256_ms": Summary.of([v for run in runs for v in run.latency_b256_ms]),
            "time_to_first_step_s": Summary.of([run.time_to_first_step_s for run in runs]),
            "peak_rss_mib": max(run.peak_rss_mib for run in runs),
            "accuracy": runs[0].accuracy,
        }
    )
