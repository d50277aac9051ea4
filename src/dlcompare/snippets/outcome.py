"""What the runner hands the summary: one job, its record, and how it was obtained.

Its own small module so that ``suite`` (which makes outcomes) and ``summary``
(which prints them) both import it and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlcompare.snippets.discover import Job
from dlcompare.snippets.records import Record


@dataclass(frozen=True)
class Outcome:
    job: Job
    record: Record
    cached: bool = False
    #: ``--check`` mode: how the run differs from the committed record (empty: it matches).
    drift: tuple[str, ...] = ()

    @property
    def flaky(self) -> bool:
        return self.record.passed and self.record.attempts > 1
