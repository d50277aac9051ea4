"""The gap/duplicate check both merges (snippet shards, release matrix) share."""

from __future__ import annotations

from dlcompare.snippets.cover import cover_problems, names


def test_an_exact_cover_has_no_problems() -> None:
    assert cover_problems(["a", "b", "c"], {"1/2": ["a", "c"], "2/2": ["b"]}) == []


def test_gaps_duplicates_and_strangers_are_named() -> None:
    problems = cover_problems(
        ["a", "b", "c", "d"], {"1/2": ["a", "b", "x"], "2/2": ["b"]}, unit="artifact"
    )
    assert problems == [
        "duplicate: b came from artifacts 1/2 and 2/2",
        "not in the plan (from another run?): x",
        "gap: no artifact ran 2 job(s): c, d",
    ]


def test_long_lists_are_cut() -> None:
    assert names([str(i) for i in range(15)]).endswith("10, 11 and 3 more")
