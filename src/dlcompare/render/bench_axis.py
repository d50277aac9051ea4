"""The value axis of a benchmark chart: linear or log scale, ticks and their labels.

A linear axis turns a 50× spread into one long bar and a row of slivers; past
:data:`LOG_SPAN` the chart switches to a log axis with ticks at 1, 2 and 5 times
powers of ten (or decades only, when there are many). Positions are fractions of the
plot width (0..1), so the SVG can lay them out in percent and stay readable at any
width. Pure functions, no rendering.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["LOG_SPAN", "Axis", "axis_for", "compact"]

#: Largest max/min ratio still drawn on a linear axis.
LOG_SPAN = 20.0


@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    log: bool
    ticks: tuple[float, ...]

    def position(self, value: float) -> float:
        """Where ``value`` sits on the plot, 0 (left) to 1 (right), clamped."""
        if self.log:
            value = max(value, self.low)
            frac = (math.log10(value) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low)
            )
        else:
            frac = (value - self.low) / (self.high - self.low)
        return min(1.0, max(0.0, frac))


def _nice_step(span: float, target: int) -> float:
    raw = span / max(1, target)
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= mult * power:
            return float(mult * power)
    return float(10 * power)


def _linear(high: float, target: int = 4) -> Axis:
    step = _nice_step(high, target)
    top = step * math.ceil(high / step)
    count = round(top / step)
    return Axis(0.0, top, False, tuple(round(i * step, 12) for i in range(count + 1)))


def _log(low: float, high: float) -> Axis:
    lo_exp, hi_exp = math.floor(math.log10(low)), math.ceil(math.log10(high))
    if hi_exp - lo_exp > 5 and (hi_exp - lo_exp) % 2:
        hi_exp += 1  # an even number of decades, so every other one ends on the top
    decades = hi_exp - lo_exp
    mults = (1, 2, 5) if decades <= 2 else (1,)
    ticks = [
        m * 10.0**e
        for e in range(lo_exp, hi_exp + 1)
        for m in mults
        if 10.0**lo_exp <= m * 10.0**e <= 10.0**hi_exp
    ]
    if decades > 5:  # keep tick labels apart on a phone: every other decade
        ticks = ticks[::2]
    return Axis(10.0**lo_exp, 10.0**hi_exp, True, tuple(ticks))


def axis_for(values: list[float]) -> Axis:
    """An axis covering every value (all > 0): log when they span more than LOG_SPAN×."""
    positive = [v for v in values if v > 0]
    if not positive:
        return _linear(1.0)
    low, high = min(positive), max(positive)
    if high / low > LOG_SPAN:
        return _log(low, high)
    return _linear(high)


def compact(value: float) -> str:
    """A short tick label: 0.05, 2.5, 300, 12k, 1.5M."""
    if value == 0:
        return "0"
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:.3g}"
