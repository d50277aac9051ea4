"""The schema of ``data/bench/<environment>.json``: one file per machine it ran on."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dlcompare.vocabulary import Framework

__all__ = ["BenchEnvironment", "BenchFile", "BenchResult", "Framework", "Spread", "Workload"]

SCHEMA_VERSION: Literal[1] = 1

Workload = Literal["mlp", "cnn", "wide"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Spread(Strict):
    """Repeated measurements of one quantity, with the summary the page shows."""

    samples: list[float] = Field(min_length=1)
    median: float
    min: float
    max: float

    @classmethod
    def of(cls, samples: list[float]) -> Spread:
        return cls(
            samples=list(samples),
            median=statistics.median(samples),
            min=min(samples),
            max=max(samples),
        )

    def quantile(self, q: float) -> float:
        """Nearest-rank quantile of the samples (``q`` in 0..1)."""
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]

    @property
    def rel_spread(self) -> float:
        """(max - min) / median: 0.1 means the repetitions differed by 10 % of the median."""
        return (self.max - self.min) / self.median if self.median else 0.0


class BenchEnvironment(Strict):
    """Where and how the numbers were measured."""

    label: str  # "cpu", "cuda-h100", ...
    date: str  # ISO 8601, UTC
    python: str
    platform: str
    machine: str
    cpu: str
    cpu_count: int
    gpu: str | None = None
    threads: int  # pinned intra-op threads for every framework
    packages: dict[str, str]
    load_average: list[float] = Field(default_factory=list)  # 1, 5, 15 min, at start
    load_average_end: list[float] = Field(default_factory=list)
    wall_s: float | None = None  # whole benchmark run
    command: str


class BenchResult(Strict):
    """One configuration (framework + mode) on one workload, from one fresh process."""

    framework: Framework
    mode: str  # eager | compile | function | xla | tensorflow | torch | jax
    workload: Workload
    status: Literal["ok", "failed", "timeout"] = "ok"
    error: str | None = None
    import_s: float | None = None
    build_s: float | None = None
    first_step_s: float | None = None
    time_to_first_step_s: Spread | None = None  # one sample per fresh process
    train_samples_per_s: Spread | None = None
    latency_b1_ms: Spread | None = None
    latency_b256_ms: Spread | None = None
    #: CPU seconds per wall second while training; above 1: more than one busy thread.
    train_cpu_per_wall: float | None = None
    peak_rss_mib: float | None = None
    accuracy: float | None = Field(default=None, ge=0.0, le=1.0)
    process_s: float | None = None  # wall time of the whole child process
    threads: dict[str, int | None] = Field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.framework}/{self.mode}"

    @field_validator("error")
    @classmethod
    def _short_error(cls, value: str | None) -> str | None:
        return value[-2000:] if value else value


class BenchFile(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    quick: bool = False
    repeat: int = Field(ge=1)
    environment: BenchEnvironment
    results: list[BenchResult]


def load(path: Path) -> BenchFile:
    return BenchFile.model_validate(json.loads(path.read_text(encoding="utf-8")))


def dump(bench: BenchFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bench.model_dump_json(indent=1) + "\n", encoding="utf-8")
