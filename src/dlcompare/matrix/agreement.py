"""Typed ranges against measured ones: does the release matrix confirm a fact's ``since``?

A fact with an executable ``check`` says, per framework, from which release its value
holds (``since``; for a ``no``/``removed`` cell, ``until``, the first release without
the feature, from which "no" holds). The matrix runs that check on real releases, so
the two can be compared, as MDN's collector compares typed browser versions with its
runs. Over the releases measured for the check (``not-run`` cells are gaps), a typed
start ``H`` is:

* **contradicted** when a measured release at or after ``H`` fails the check (the data
  says the value holds there, the run says it does not), or a release before ``H``
  passes it (the value held earlier than typed);
* **confirmed** when neither happens and releases on both sides were measured (the
  last before ``H`` fails, every one from ``H`` passes);
* **consistent** when neither happens but every measured release lies on one side of
  ``H``, so the runs cannot place the start;
* **not measured** when the matrix has no run of the check on that framework.

A contradiction fails ``dlcompare check`` with both values, unless the cell carries a
``measured_override`` with a reason and a source id; then it is **overridden** and
counted as such. The counts are published on the Compatibility page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from packaging.version import InvalidVersion, Version

from dlcompare.facts.lint import fact_cells
from dlcompare.facts.loader import Located
from dlcompare.facts.models import Fact
from dlcompare.matrix.infer import RUNS, Observation, Range, ranges, short
from dlcompare.matrix.reports import Report, load_reports

Verdict = Literal["confirmed", "consistent", "contradicted", "overridden", "not-measured"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
#: The facts' framework columns and the registry framework whose releases vary them.
COLUMN_FRAMEWORK = {"pytorch": "torch", "tensorflow": "tensorflow", "keras": "keras"}


@dataclass(frozen=True)
class TypedRange:
    """One typed start of a fact cell: where it is and what it says."""

    fact: str
    column: str  # pytorch, tensorflow, keras
    key: Literal["since", "until"]
    version: str  # the typed release, e.g. "2.16"
    check: str  # the fact's check program
    file: str = ""
    line: int = 1
    overridden: bool = False


@dataclass(frozen=True)
class Agreement:
    typed: TypedRange
    verdict: Verdict
    measured: tuple[Observation, ...] = ()
    detail: str = ""  # what the runs say, in words

    @property
    def suggestion(self) -> str:
        """The start the runs support (the first release of the final run of passes)."""
        passing_from = None
        for obs in reversed([o for o in self.measured if o.status != "not-run"]):
            if obs.status not in RUNS:
                break
            passing_from = obs.version
        return short(passing_from) if passing_from else ""


def current_shas(root: Path, reports: Iterable[Report]) -> dict[str, str]:
    """sha256 of every program the reports name that still exists."""
    programs = {r.program for report in reports for r in report.results}
    return {
        p: hashlib.sha256((root / p).read_bytes()).hexdigest()
        for p in sorted(programs)
        if (root / p).is_file()
    }


def measured_ranges(root: Path) -> list[Range]:
    """Every cell's range from the committed reports (stale cells marked)."""
    reports = load_reports(root)
    return ranges(reports, current_shas(root, reports))


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None  # a day such as 2022-09-12: not a release the matrix can measure


def _summary(observations: Iterable[Observation]) -> str:
    return ", ".join(
        f"{o.version} {'passes' if o.status in RUNS else 'fails'}" for o in observations
    )


def judge(typed: TypedRange, measured_range: Range | None) -> Agreement:
    """The verdict on one typed start (see the module docstring)."""
    start = _version(typed.version)
    observed = [
        o for o in (measured_range.observations if measured_range else []) if o.status != "not-run"
    ]
    if start is None or not observed:
        return Agreement(typed, "not-measured", tuple(observed))
    after = [o for o in observed if Version(o.version) >= start]
    before = [o for o in observed if Version(o.version) < start]
    wrong = [o for o in after if o.status not in RUNS] + [o for o in before if o.status in RUNS]
    detail = _summary(observed)
    if wrong:
        verdict: Verdict = "overridden" if typed.overridden else "contradicted"
        return Agreement(typed, verdict, tuple(observed), detail)
    verdict = "confirmed" if before and after else "consistent"
    return Agreement(typed, verdict, tuple(observed), detail)


def typed_ranges(facts: Iterable[Located[Fact]]) -> list[TypedRange]:
    """The typed starts of every fact with a check."""
    found: list[TypedRange] = []
    for located in facts:
        fact = located.item
        if not fact.check:
            continue
        for column, line, cell in fact_cells(located):
            if column not in COLUMN_FRAMEWORK:
                continue
            key: Literal["since", "until"] = "until" if cell.until else "since"
            version = cell.until or cell.since
            if not version:
                continue
            overridden = cell.measured_override is not None
            found.append(
                TypedRange(
                    fact.id, column, key, version, fact.check, located.file, line, overridden
                )
            )
    return found


def agreements(facts: Iterable[Located[Fact]], all_ranges: Iterable[Range]) -> list[Agreement]:
    """Every typed start judged against the matrix's runs of its fact's check."""
    by_key = {(r.framework, r.program): r for r in all_ranges if r.backend is None}
    return [
        judge(t, by_key.get((COLUMN_FRAMEWORK[t.column], t.check))) for t in typed_ranges(facts)
    ]


def counts(found: Iterable[Agreement]) -> dict[Verdict, int]:
    tally: dict[Verdict, int] = dict.fromkeys(VERDICTS, 0)
    for item in found:
        tally[item.verdict] += 1
    return tally
