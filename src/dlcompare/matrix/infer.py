"""Turn raw reports into support ranges per (program, backend, framework), MDN-style.

Pure: reports in, ranges out, no files and no clock, so every rule has a test on
synthetic reports (tests/matrix/test_infer.py).

Definitions, over the releases that were *measured* for a cell, in version order
(``not-run`` and missing cells are gaps: they neither support nor break a range):

* a release **runs** the cell when its status is ``pass`` or ``warn``;
* ``added``: the first measured release from which every later measured release
  runs (the start of the final unbroken run of passes). ``None`` when the newest
  measured release does not run the cell;
* ``removed``: when the newest measured release fails, the first release of that
  final unbroken run of failures, provided some earlier release ran (the cell was
  supported, then broke). ``None`` otherwise;
* ``first_pass`` / ``last_pass``: the oldest and newest measured releases that run it;
* ``breaks``: every release that fails *after* an earlier release ran, with the
  error, i.e. regressions (a fail before the first pass is "not yet supported");
* ``readded``: True when the cell failed after running and later ran again;
* ``stale``: releases whose result was measured against another version of the
  program (its sha256 differs from the current file): "not re-verified since the
  program changed". Stale results still count, but the page says so.

The range text is ``added–newest`` ("2.12–2.15") when the cell runs on the newest
measured release, ``first_pass–last_pass`` ("until 2.14") after a removal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from packaging.version import Version

from dlcompare.matrix.reports import CellResult, CellStatus, Report

RUNS: frozenset[CellStatus] = frozenset({"pass", "warn"})


@dataclass(frozen=True)
class Observation:
    """One measured cell: a release and how the program did there."""

    version: str
    status: CellStatus
    error: str = ""
    message: str = ""
    warnings: tuple[str, ...] = ()
    stale: bool = False


@dataclass(frozen=True)
class Break:
    version: str
    error: str
    message: str


@dataclass
class Range:
    framework: str
    program: str
    backend: str | None
    observations: list[Observation] = field(default_factory=list)
    added: str | None = None
    removed: str | None = None
    first_pass: str | None = None
    last_pass: str | None = None
    breaks: list[Break] = field(default_factory=list)
    readded: bool = False

    @property
    def stale(self) -> list[str]:
        return [o.version for o in self.observations if o.stale]

    def text(self, label: str) -> str:
        """ "runs on torch 2.12–2.15" / "runs on keras 3.8–3.12 (fails from 3.13)"."""
        if self.first_pass is None:
            measured = [o for o in self.observations if o.status != "not-run"]
            return f"fails on every measured {label} release" if measured else "not measured"
        if self.added is not None:
            newest = self.observations[-1].version
            start, end = short(self.added), short(newest)
            span = start if start == end else f"{start}–{end}"
            return f"runs on {label} {span}"
        start, end = short(self.first_pass), short(self.last_pass or self.first_pass)
        span = start if start == end else f"{start}–{end}"
        return f"runs on {label} {span} (fails from {short(self.removed or '')})"


def short(version: str) -> str:
    """``2.15.0`` -> ``2.15``: ranges name release lines."""
    parsed = Version(version)
    return f"{parsed.major}.{parsed.minor}"


def infer(
    framework: str, program: str, backend: str | None, observations: Iterable[Observation]
) -> Range:
    """The range of one cell from its observations (any order; sorted by version)."""
    ordered = sorted(observations, key=lambda o: Version(o.version))
    result = Range(framework, program, backend, ordered)
    measured = [o for o in ordered if o.status != "not-run"]
    passing = [o for o in measured if o.status in RUNS]
    if passing:
        result.first_pass, result.last_pass = passing[0].version, passing[-1].version
    ran_before = False
    broke = False
    for obs in measured:
        if obs.status in RUNS:
            if broke:
                result.readded = True
            ran_before = True
        elif ran_before:
            broke = True
            result.breaks.append(Break(obs.version, obs.error, obs.message))
    if not measured:
        return result
    tail_runs = measured[-1].status in RUNS
    index = len(measured) - 1
    while index > 0 and (measured[index - 1].status in RUNS) == tail_runs:
        index -= 1
    if tail_runs:
        result.added = measured[index].version
    elif passing:
        result.removed = measured[index].version
    return result


def observations_of(
    reports: Iterable[Report], current_sha: dict[str, str] | None = None
) -> dict[tuple[str, str, str | None], list[Observation]]:
    """Group every result by (framework, program, backend)."""
    grouped: dict[tuple[str, str, str | None], list[Observation]] = defaultdict(list)
    for report in reports:
        for item in report.results:
            grouped[(report.framework, item.program, item.backend)].append(
                _observation(report.version, item, current_sha)
            )
    return dict(grouped)


def _observation(version: str, item: CellResult, current_sha: dict[str, str] | None) -> Observation:
    known = (current_sha or {}).get(item.program, item.source_sha256)
    stale = known != item.source_sha256
    return Observation(version, item.status, item.error, item.message, tuple(item.warnings), stale)


def ranges(reports: Iterable[Report], current_sha: dict[str, str] | None = None) -> list[Range]:
    """Every cell's range, sorted by framework, program and backend."""
    grouped = observations_of(reports, current_sha)
    return [
        infer(framework, program, backend, obs)
        for (framework, program, backend), obs in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
        )
    ]


#: How bad a status is when several backends' results for one release are combined.
_SEVERITY: dict[CellStatus, int] = {"pass": 0, "warn": 1, "not-run": 2, "fail": 3}


def on_every_backend(cells: Iterable[Range]) -> Range | None:
    """One program's ranges on several Keras backends as one: where it runs on all of them.

    A release's combined status is its worst: a failure on any backend fails it, a
    backend not run there leaves a gap (it neither supports nor breaks the range),
    a warning anywhere warns. So "runs on keras 3.12–3.15" then means every backend
    ran it on each of those releases. ``None`` when there is nothing to combine.
    """
    cells = list(cells)
    if not cells:
        return None
    by_version: dict[str, list[Observation]] = defaultdict(list)
    for cell in cells:
        for obs in cell.observations:
            by_version[obs.version].append(obs)
    combined = []
    for version, found in by_version.items():
        worst = max(found, key=lambda o: _SEVERITY[o.status])
        if len(found) < len(cells) and _SEVERITY[worst.status] < _SEVERITY["not-run"]:
            worst = Observation(version, "not-run", message="not measured on every backend")
        stale = any(o.stale for o in found)
        combined.append(
            Observation(version, worst.status, worst.error, worst.message, worst.warnings, stale)
        )
    first = cells[0]
    return infer(first.framework, first.program, None, combined)
