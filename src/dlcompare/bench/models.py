"""The schema of ``data/bench/<environment>.json``: one file per machine it ran on.

Format 2 publishes every raw sample: each fresh process (``ProcessRun``) with each
timed repetition (``Repetition``: wall time, CPU time, load average, whether it was
contended) and every latency call. The per-configuration summaries (median, quartiles,
coefficient of variation) are stored beside them for readers of the JSON, and are
recomputed from the samples by ``runner.summarise``. ``migrate`` converts format 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dlcompare.bench import stats
from dlcompare.vocabulary import Framework

__all__ = [
    "BenchEnvironment",
    "BenchFile",
    "BenchResult",
    "Framework",
    "Method",
    "ProcessRun",
    "Repetition",
    "Summary",
    "Workload",
]

SCHEMA_VERSION: Literal[2] = 2

Workload = Literal["mlp", "cnn", "wide", "cnn32"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Summary(Strict):
    """Median, quartiles, extremes and coefficient of variation of some samples."""

    n: int = Field(ge=1)
    median: float
    q1: float
    q3: float
    min: float
    max: float
    cv: float = Field(ge=0.0)

    @classmethod
    def of(cls, samples: list[float]) -> Summary:
        q = stats.quartiles(samples)
        return cls(
            n=len(samples),
            median=q.median,
            q1=q.q1,
            q3=q.q3,
            min=min(samples),
            max=max(samples),
            cv=stats.cv(samples),
        )

    @property
    def quartiles(self) -> stats.Quartiles:
        return stats.Quartiles(self.q1, self.median, self.q3)

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


class Repetition(Strict):
    """One timed training repetition (whole epochs) inside one process."""

    samples_per_s: float = Field(gt=0)
    wall_s: float | None = None  # None only in files migrated from format 1
    cpu_s: float | None = None  # user + system CPU of the whole process (getrusage)
    cpu_per_wall: float = Field(ge=0)
    load1: float | None = None  # 1-minute load average when the repetition ended
    contended: list[str] = Field(default_factory=list)  # why it was flagged; [] = clean


class ProcessRun(Strict):
    """One fresh interpreter running one configuration on one workload."""

    round: int = Field(ge=0)
    order: int = Field(ge=0)  # its position in the whole run: shows the interleaving
    process_s: float  # wall time of the whole process, interpreter start-up included
    child_cpu_s: float | None = None  # the parent's getrusage(RUSAGE_CHILDREN) delta
    import_s: float
    build_s: float
    first_step_s: float
    time_to_first_step_s: float
    peak_rss_mib: float
    accuracy: float = Field(ge=0.0, le=1.0)
    threads: dict[str, int | None] = Field(default_factory=dict)
    repetitions: list[Repetition] = Field(min_length=1)
    latency_b1_ms: list[float] = Field(min_length=1)
    latency_b256_ms: list[float] = Field(min_length=1)


class BenchResult(Strict):
    """One configuration (framework + mode) on one workload, over all its processes."""

    framework: Framework
    mode: str  # eager | compile | function | xla | tensorflow | torch | jax
    workload: Workload
    status: Literal["ok", "failed", "timeout"] = "ok"
    error: str | None = None
    runs: list[ProcessRun] = Field(default_factory=list)
    #: Training throughput over the clean repetitions, or over all when too few are clean.
    train_samples_per_s: Summary | None = None
    train_basis: Literal["clean", "all"] | None = None
    repetitions: int = 0
    contended: int = 0  # how many repetitions were flagged
    latency_b1_ms: Summary | None = None
    latency_b256_ms: Summary | None = None
    time_to_first_step_s: Summary | None = None  # one sample per process
    train_cpu_per_wall: Summary | None = None
    peak_rss_mib: float | None = None
    accuracy: float | None = Field(default=None, ge=0.0, le=1.0)

    @property
    def key(self) -> str:
        return f"{self.framework}/{self.mode}"

    @field_validator("error")
    @classmethod
    def _short_error(cls, value: str | None) -> str | None:
        return value[-2000:] if value else value


class Method(Strict):
    """How the samples were taken, so the page can state it from the file."""

    order: Literal["interleaved", "blocks"] = "interleaved"
    rounds: int = Field(ge=1)  # fresh processes per configuration and workload
    repeat: int = Field(ge=1)  # timed repetitions per process
    warmup: int = Field(default=1, ge=0)  # untimed repetitions per process, before those
    cpu_ratio: float = 0.85  # see contention.Thresholds
    load_per_core: float = 1.0


class BenchEnvironment(Strict):
    """Where the numbers were measured."""

    label: str  # "cpu", "cuda-h100", ...
    device: Literal["cpu", "cuda"] = "cpu"
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


class BenchFile(Strict):
    schema_version: Literal[2] = SCHEMA_VERSION
    quick: bool = False
    #: Set when this file was converted from an older format (``dlcompare bench --migrate``).
    migrated_from: Literal[1] | None = None
    method: Method
    environment: BenchEnvironment
    results: list[BenchResult]


def load(path: Path) -> BenchFile:
    """Read a result file; an old format fails with the command that converts it."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if version is not None and version != SCHEMA_VERSION:
        raise ValueError(
            f"{path}: benchmark format {version}, this version reads {SCHEMA_VERSION}; "
            f"convert it with `dlcompare bench --migrate {path}`"
        )
    return BenchFile.model_validate(raw)


def dump(bench: BenchFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bench.model_dump_json(indent=1) + "\n", encoding="utf-8")
