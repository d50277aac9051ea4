"""Run records: what one program printed on one configuration, committed to git.

Records are the bridge between CI and the site: the runner writes them, the MkDocs
hook reads them, and because they are committed a fresh clone can build the site
without training a single model. Each record carries the sha256 of the program it
came from, which is how a page knows its output is stale.

A record has a reader-visible part (:func:`reader_view`: the program and its
sha256, status, stdout, warnings with their program lines, rule problems, the
device, whether and which GPU was used, package versions) and machine details a
reader never needs (CPU model, platform, Python patch level, duration, attempts,
stderr tail, date). ``dlcompare run`` rewrites a record only when the
reader-visible part changed, so local runs on other machines do not churn git; the
``date`` is then when this result was first recorded, and every later run that
compared equal confirms it. ``dlcompare run --check`` compares without writing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from dlcompare.executor.sandbox import SandboxMode
from dlcompare.vocabulary import Device, RunStatus

RUNS_DIR = Path("data/runs")
SCHEMA_VERSION = 1
MAX_STDOUT_CHARS = 20_000

Status = RunStatus


class Record(BaseModel):
    """One program run under one configuration."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    snippet: str = Field(description="program path relative to the project root")
    task: str
    framework: str
    backend: str | None = Field(default=None, description="Keras backend, if any")
    source_sha256: str
    status: Status
    device: Device = Field(description="device the run was asked to use")
    gpu_used: bool = False
    device_name: str = Field(description="CPU model, or the GPU's name when one was used")
    python: str
    platform: str
    packages: dict[str, str]
    env_fingerprint: str
    date: str = Field(description="UTC time the run finished, ISO 8601")
    duration_s: float
    attempts: int = 1
    returncode: int | None
    stdout: str
    stderr_tail: str = ""
    warnings: list[dict[str, Any]] = Field(default_factory=list)
    problems: list[str] = Field(
        default_factory=list,
        description="why the run failed a rule (bad directive, output rules), each naming the fix",
    )
    sandbox: SandboxMode = Field(
        default="bwrap", description="bwrap: the contained run; none: --sandbox=none"
    )

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def day(self) -> str:
        return self.date[:10]


#: Per-warning fields a reader sees (the library frame's line number is not one).
_WARNING_FIELDS = ("category", "message", "filename", "program_line", "verdict")


def reader_view(record: Record) -> dict[str, Any]:
    """The part of a record a reader can see; a record is rewritten only when it changes."""
    return {
        "snippet": record.snippet,
        "backend": record.backend,
        "source_sha256": record.source_sha256,
        "status": record.status,
        "device": record.device,
        "gpu_used": record.gpu_used,
        "gpu_name": record.device_name if record.gpu_used else None,
        "packages": record.packages,
        "stdout": record.stdout,
        "warnings": [{k: w.get(k) for k in _WARNING_FIELDS} for w in record.warnings],
        "problems": record.problems,
    }


def record_path(root: Path, device: str, task: str, name: str) -> Path:
    return root / RUNS_DIR / device / task / name


def write_record(path: Path, record: Record) -> None:
    """Write atomically so an interrupted run never leaves half a JSON file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_record(path: Path) -> Record:
    return Record.model_validate(json.loads(path.read_text(encoding="utf-8")))


def load_records(root: Path) -> dict[tuple[str, str, str, str | None], Record]:
    """All records keyed by (device, task, framework, backend)."""
    found: dict[tuple[str, str, str, str | None], Record] = {}
    base = root / RUNS_DIR
    for path in sorted(base.glob("*/*/*.json")):
        record = read_record(path)
        found[(record.device, record.task, record.framework, record.backend)] = record
    return found


def now_iso() -> str:
    """Now in UTC, ISO 8601 (``2026-11-25T14:03:18+00:00``), as the field promises."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
