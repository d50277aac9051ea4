"""Run records: what one program printed on one configuration, committed to git.

Records are the bridge between CI and the site: the runner writes them, the MkDocs
hook reads them, and because they are committed a fresh clone can build the site
without training a single model. Each record carries the sha256 of the program it
came from, which is how a page knows its output is stale.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RUNS_DIR = Path("data/runs")
SCHEMA_VERSION = 1
MAX_STDOUT_CHARS = 20_000

Status = Literal["passed", "failed", "timeout", "warnings", "no-gpu"]


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
    device: Literal["cpu", "cuda"] = Field(description="device the run was asked to use")
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
    warnings: list[dict] = Field(default_factory=list)
    sandbox: Literal["bwrap", "none"] = Field(
        default="bwrap", description="bwrap: the contained run; none: --sandbox=none"
    )

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def day(self) -> str:
        return self.date[:10]


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
    found = {}
    base = root / RUNS_DIR
    for path in sorted(base.glob("*/*/*.json")):
        record = read_record(path)
        found[(record.device, record.task, record.framework, record.backend)] = record
    return found


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()
