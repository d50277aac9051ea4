"""The committed run records match the committed programs (CPU records are required)."""

from pathlib import Path

from dlcompare.snippets.freshness import find_problems

ROOT = Path(__file__).resolve().parents[1]


def test_committed_cpu_records_are_fresh() -> None:
    fatal = [f"{p.path}: {p.message}" for p in find_problems(ROOT) if p.fatal]
    assert not fatal, "\n".join(fatal)
