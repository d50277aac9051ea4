"""The chart axis: linear until values span more than 20×, then log with decade ticks."""

from __future__ import annotations

import pytest

from dlcompare.render.bench_axis import axis_for, compact


def test_linear_axis_starts_at_zero_and_covers_the_top():
    axis = axis_for([31_000.0, 73_000.0, 36_000.0])
    assert not axis.log
    assert axis.ticks[0] == 0 and axis.ticks[-1] >= 73_000
    assert 3 <= len(axis.ticks) <= 6
    assert axis.position(0) == 0 and axis.position(axis.high) == 1


def test_wide_span_switches_to_log():
    axis = axis_for([0.0149, 0.25, 1.8])  # 120× apart
    assert axis.log
    assert axis.low <= 0.0149 and axis.high >= 1.8
    assert axis.ticks[0] == pytest.approx(0.01) and axis.ticks[-1] == pytest.approx(10)
    assert axis.position(0.1) == pytest.approx(1 / 3)
    assert axis.position(1e-9) == 0  # clamped, never off the plot


def test_many_decades_keep_ticks_sparse():
    axis = axis_for([1.0, 3e6])
    assert axis.log and len(axis.ticks) <= 5
    assert axis.ticks[-1] >= 3e6


def test_compact_labels():
    assert [compact(v) for v in (0, 0.05, 2.5, 300, 12_000, 1_500_000)] == [
        "0",
        "0.05",
        "2.5",
        "300",
        "12k",
        "1.5M",
    ]
