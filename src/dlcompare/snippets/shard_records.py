"""What one shard of a sharded run leaves behind for the merge: records and a manifest.

``dlcompare run --shard K/N --shard-dir DIR`` writes every record it produced to
``DIR/<device>/<task>/<name>.json`` (the layout of ``data/runs/``, so a job's name
is its record's path) and, last, ``DIR/manifest.json``: the shard, the whole plan's
job list and the jobs this shard ran. The manifest is written only after every run
finished, so a shard that crashed or was cancelled leaves none and the merge
reports its jobs as missing instead of silently publishing a partial suite.

It is written in ``--check`` runs too: the shard folder is not ``data/``, and the
merge job needs the records to check the whole set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dlcompare.snippets.discover import Job
from dlcompare.snippets.records import RUNS_DIR, Record, read_record, record_path, write_record
from dlcompare.snippets.shards import Plan, ShardSpec, plan_shards, predictions

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


def job_key(job: Job, device: str) -> str:
    """The name a plan and a manifest use for a job: ``cpu/cnn/keras-torch``."""
    return f"{device}/{job.program.task}/{job.record_name.removesuffix('.json')}"


def key_of_record(record: Record) -> str:
    """The same name, read back from a record."""
    stem = f"{record.framework}-{record.backend}" if record.backend else record.framework
    return f"{record.device}/{record.task}/{stem}"


def recorded_durations(root: Path, jobs: Iterable[Job], device: str) -> dict[str, float | None]:
    """Each job's duration in its committed record (None where there is none).

    A GPU job with no GPU record yet borrows its CPU record's duration: the order of
    the programs by length is much the same on both, and any record beats a guess.
    """
    found: dict[str, float | None] = {}
    for job in jobs:
        duration = None
        for where in dict.fromkeys((device, "cpu")):
            path = record_path(root, where, job.program.task, job.record_name)
            try:
                duration = read_record(path).duration_s
            except (OSError, ValueError):
                continue
            break
        found[job_key(job, device)] = duration
    return found


def longest_first(root: Path, jobs: list[Job], device: str) -> list[Job]:
    """``jobs`` in the order to start them: longest recorded duration first.

    With two workers and runs of 20 s to 3 min, starting them in discovery order let
    a long program start last and run alone at the end while the other core idled;
    longest-first (the shard planner's rule, on one machine) keeps both busy to the end.
    """
    predicted = predictions(recorded_durations(root, jobs, device))
    return sorted(jobs, key=lambda job: -predicted[job_key(job, device)])


class Manifest(BaseModel):
    """Which jobs one shard ran, out of which plan."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = MANIFEST_VERSION
    device: str
    shard: int
    shards: int
    #: Every job of the plan (all shards), sorted: the merge's definition of "complete".
    plan: list[str]
    #: The jobs this shard ran, each with a record beside the manifest.
    jobs: list[str]

    @property
    def label(self) -> str:
        return f"{self.shard}/{self.shards}"


def write_shard_record(folder: Path, record: Record) -> None:
    write_record(folder / f"{key_of_record(record)}.json", record)


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Atomic, like the records: a manifest on disk means the shard finished."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MANIFEST
    partial = path.with_suffix(".json.partial")
    partial.write_text(manifest.model_dump_json(indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
    return path


def read_manifest(folder: Path) -> Manifest:
    return Manifest.model_validate(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))


def default_folder(root: Path, device: str, index: int, total: int) -> Path:
    """Where a shard's records go when ``--shard-dir`` is not given (ignored by git)."""
    return root / ".cache" / "shards" / f"{device}-{index}-of-{total}"


def select_shard(
    root: Path, jobs: list[Job], device: str, spec: ShardSpec
) -> tuple[list[Job], Plan]:
    """This shard's jobs (in the suite's order) and the whole plan they came from."""
    by_key = {job_key(job, device): job for job in jobs}
    plan = plan_shards(recorded_durations(root, jobs, device), spec.total)
    mine = set(plan.shard(spec.index).jobs)
    return [job for key, job in by_key.items() if key in mine], plan


def finish_shard(
    folder: Path, records: Iterable[Record], *, device: str, spec: ShardSpec, plan: Plan
) -> Path:
    """Write the shard's records, then its manifest (last: it marks the shard complete)."""
    ran = []
    for record in records:
        write_shard_record(folder, record)
        ran.append(key_of_record(record))
    manifest = Manifest(
        device=device,
        shard=spec.index,
        shards=spec.total,
        plan=list(plan.jobs),
        jobs=sorted(ran),
    )
    return write_manifest(folder, manifest)


def clear_folder(folder: Path) -> None:
    """Remove an earlier shard run's manifest and the records it listed.

    Only what a manifest names is deleted, so a mistyped ``--shard-dir`` pointing
    at other files loses none of them (the merge then reports them as strays).
    """
    try:
        old = read_manifest(folder)
    except (OSError, ValueError):
        return
    for name in old.jobs:
        (folder / f"{name}.json").unlink(missing_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)


def folder_problem(root: Path, folder: Path) -> str | None:
    """Why ``folder`` cannot hold a shard's records (None if it can)."""
    runs = (root / RUNS_DIR).resolve()
    where = folder.resolve()
    if where == runs or runs in where.parents:
        return (
            f"--shard-dir {folder} is inside {RUNS_DIR}/: a shard's records go to a folder "
            "of their own, and `dlcompare records merge` puts them into data/runs/"
        )
    return None
