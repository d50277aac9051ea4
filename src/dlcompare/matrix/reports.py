"""The raw reports: one JSON file per (framework, release[, backend]) under ``data/compat/``.

``data/compat/<framework>/<version>[-<backend>].json`` holds the environment the
cells ran in (Python, platform, every importable package) and one result per cell.
A result is about one question only, "does this program run on this release?":

* ``pass``: exited 0 with no Deprecation/FutureWarning;
* ``warn``: exited 0, but Python emitted DeprecationWarning, PendingDeprecationWarning
  or FutureWarning (``warnings`` lists them): it runs today, breakage is announced;
* ``fail``: non-zero exit or timeout; ``error`` is the exception class from the
  traceback's last line and ``message`` its first line;
* ``not-run``: the cell could not be measured (the release could not be installed,
  or the program declares it does not apply); ``message`` says why. Never a failure.

Output that differs from the pinned run record is *not* a failure here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CellStatus = Literal["pass", "warn", "fail", "not-run"]
CELL_STATUSES: tuple[CellStatus, ...] = ("pass", "warn", "fail", "not-run")
#: One glyph and a plain word for each status; "not run" never reads as "fails".
CELL_GLYPHS: dict[CellStatus, str] = {"pass": "✓", "warn": "⚠", "fail": "✗", "not-run": "—"}
CELL_WORDS: dict[CellStatus, str] = {
    "pass": "runs",
    "warn": "runs, with deprecation warnings",
    "fail": "fails",
    "not-run": "not run",
}
COMPAT_DIR = Path("data/compat")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CellResult(_Strict):
    program: str
    backend: str | None = None
    source_sha256: str
    status: CellStatus
    error: str = ""  # exception class, for fail
    message: str = ""  # first line of the error (fail) or the reason (not-run)
    warnings: list[str] = Field(default_factory=list)  # "DeprecationWarning: text"
    duration_s: float = 0.0


class ReportEnvironment(_Strict):
    name: str
    python: str
    platform: str
    fingerprint: str
    requirements: list[str] = Field(default_factory=list)  # installed on top of the pins
    overlay: list[str] = Field(default_factory=list)  # what pip put into the overlay
    packages: list[str] = Field(default_factory=list)  # everything importable (pip freeze)
    build_error: str = ""
    hidden: list[str] = Field(default_factory=list)  # pinned packages left out, and why
    conflicts: list[str] = Field(default_factory=list)  # `pip check` lines left standing


class Report(_Strict):
    framework: str
    version: str
    backend: str | None = None
    date: str
    source: Literal["local", "github-actions"] = "local"
    environment: ReportEnvironment
    results: list[CellResult]

    def result(self, program: str, backend: str | None) -> CellResult | None:
        for item in self.results:
            if item.program == program and item.backend == backend:
                return item
        return None


def report_path(root: Path, framework: str, version: str, backend: str | None) -> Path:
    suffix = f"-{backend}" if backend else ""
    return root / COMPAT_DIR / framework / f"{version}{suffix}.json"


def write_report(root: Path, report: Report) -> Path:
    path = report_path(root, report.framework, report.version, report.backend)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = report.model_dump(mode="json")
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)  # atomic: a killed run never leaves half a report
    return path


def read_report(path: Path) -> Report:
    return Report.model_validate_json(path.read_text(encoding="utf-8"))


def load_reports(root: Path) -> list[Report]:
    """Every committed report, in a stable order (framework, file name)."""
    folder = root / COMPAT_DIR
    if not folder.is_dir():
        return []
    return [read_report(p) for p in sorted(folder.glob("*/*.json"))]
