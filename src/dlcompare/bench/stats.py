"""Robust summaries of repeated measurements, and the rule for claiming a difference.

The benchmark page reports the median and the interquartile range (IQR) rather than
the mean and the min–max range: a repetition slowed down by another process moves the
mean and the extremes a lot and the quartiles little. The coefficient of variation
(standard deviation over mean) is reported beside them as one number that says how
noisy a configuration was. Two configurations are said to differ only when their IQRs
do not overlap, a rule simple enough to state on the page and check by eye in a chart.

Pure functions on lists of floats; no NumPy, so the schema can use them anywhere.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["Quartiles", "compare", "cv", "intervals_overlap", "quartiles"]


@dataclass(frozen=True)
class Quartiles:
    q1: float
    median: float
    q3: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


def quartiles(samples: Sequence[float]) -> Quartiles:
    """First quartile, median and third quartile.

    Uses the "inclusive" method (linear interpolation between order statistics, the
    default of NumPy's ``percentile`` and of spreadsheets), so the quartiles of a
    handful of repetitions stay inside the observed range. One sample: all three equal.
    """
    if not samples:
        raise ValueError("quartiles of no samples")
    if len(samples) == 1:
        value = float(samples[0])
        return Quartiles(value, value, value)
    q1, median, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return Quartiles(q1, median, q3)


def cv(samples: Sequence[float]) -> float:
    """Coefficient of variation: sample standard deviation / mean (0 for one sample)."""
    if not samples:
        raise ValueError("coefficient of variation of no samples")
    mean = statistics.fmean(samples)
    if len(samples) < 2 or mean == 0:
        return 0.0
    return statistics.stdev(samples) / abs(mean)


def intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether closed intervals ``(low, high)`` share at least one point."""
    return a[0] <= b[1] and b[0] <= a[1]


Verdict = Literal["higher", "lower", "indistinguishable"]


def compare(a: Quartiles, b: Quartiles) -> Verdict:
    """``a`` against ``b``: "higher"/"lower" only when their IQRs do not overlap."""
    if intervals_overlap((a.q1, a.q3), (b.q1, b.q3)):
        return "indistinguishable"
    return "higher" if a.median > b.median else "lower"
