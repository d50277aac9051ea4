"""Median, quartiles, CV and the claim rule; the contention flag."""

from __future__ import annotations

import pytest

from dlcompare.bench.contention import Thresholds, reasons
from dlcompare.bench.stats import Quartiles, compare, cv, intervals_overlap, quartiles
from dlcompare.bench.summary import clean_enough


def test_quartiles_interpolate_inside_the_samples():
    q = quartiles([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (q.q1, q.median, q.q3, q.iqr) == (2.0, 3.0, 4.0, 2.0)
    q = quartiles([10.0, 0.0, 20.0, 30.0])  # unsorted input, even count
    assert (q.q1, q.median, q.q3) == (7.5, 15.0, 22.5)


def test_one_sample_has_no_spread():
    assert quartiles([4.0]) == Quartiles(4.0, 4.0, 4.0)
    assert cv([4.0]) == 0.0


def test_no_samples_is_an_error():
    with pytest.raises(ValueError):
        quartiles([])
    with pytest.raises(ValueError):
        cv([])


def test_cv_is_stdev_over_mean():
    assert cv([9.0, 11.0]) == pytest.approx(2**0.5 / 10)
    assert cv([5.0, 5.0, 5.0]) == 0.0


def test_one_outlier_moves_the_quartiles_little():
    calm = quartiles([10.0] * 15 + [11.0])
    spiked = quartiles([10.0] * 15 + [1000.0])
    assert (calm.q1, calm.median, calm.q3) == (spiked.q1, spiked.median, spiked.q3)


def test_claims_need_disjoint_iqrs():
    fast, slow = Quartiles(9.0, 10.0, 11.0), Quartiles(5.0, 6.0, 7.0)
    assert compare(fast, slow) == "higher"
    assert compare(slow, fast) == "lower"
    touching = Quartiles(7.0, 8.0, 9.0)
    assert compare(touching, slow) == "indistinguishable"  # shares the point 7.0
    assert intervals_overlap((1, 2), (2, 3)) and not intervals_overlap((1, 2), (2.1, 3))


@pytest.mark.parametrize(
    ("ratio", "load", "threads", "flagged"),
    [
        (0.99, 0.5, 1, []),
        (0.80, 0.5, 1, ["cpu 0.80 s/s < 0.85"]),
        (1.50, 0.5, 2, ["cpu 1.50 s/s < 1.70"]),
        (1.00, 2.5, 1, ["load 2.50 > 2"]),
        (1.00, None, 1, []),
    ],
)
def test_contention_reasons(ratio, load, threads, flagged):
    assert reasons(ratio, load, threads=threads, cpu_count=2) == flagged


def test_thresholds_can_be_relaxed():
    assert reasons(0.7, 3.0, threads=1, cpu_count=2, thresholds=Thresholds(0.5, 2.0)) == []


@pytest.mark.parametrize(
    ("clean", "total", "enough"), [(16, 16, True), (8, 16, True), (7, 16, False), (2, 2, False)]
)
def test_summary_needs_half_and_at_least_three_clean(clean, total, enough):
    assert clean_enough(clean, total) is enough
