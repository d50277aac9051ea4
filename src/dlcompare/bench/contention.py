"""Which repetitions were measured while something else competed for the CPU.

A configuration pinned to ``threads`` threads that really ran alone keeps about that
many cores busy: its CPU seconds per wall second are close to ``threads``. When
another process takes the core, wall time keeps running but CPU time does not, so the
ratio drops; the repetition then measures the machine's load, not the framework. A
1-minute load average above the number of cores says the same from the other side.

Flagged repetitions stay in the result file (every sample is published); the summary
and the page's claims leave them out when enough clean ones remain (see
``runner.summarise``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Thresholds", "reasons"]


@dataclass(frozen=True)
class Thresholds:
    """When a repetition counts as contended; stored in the result file beside the data."""

    #: Flag below this fraction of the allowed threads' worth of CPU seconds per second.
    cpu_ratio: float = 0.85
    #: Flag when the 1-minute load average exceeds this many runnable tasks per core.
    load_per_core: float = 1.0


def reasons(
    cpu_per_wall: float,
    load1: float | None,
    *,
    threads: int,
    cpu_count: int,
    thresholds: Thresholds = Thresholds(),
) -> list[str]:
    """Why one repetition is contended, in words; empty when it is clean."""
    out = []
    expected = thresholds.cpu_ratio * threads
    if cpu_per_wall < expected:
        out.append(f"cpu {cpu_per_wall:.2f} s/s < {expected:.2f}")
    if load1 is not None and cpu_count and load1 > thresholds.load_per_core * cpu_count:
        out.append(f"load {load1:.2f} > {thresholds.load_per_core * cpu_count:g}")
    return out
