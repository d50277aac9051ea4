"""Combine the folders of a sharded run into one set of records (``dlcompare records merge``).

Each shard of a CI matrix uploads the folder ``dlcompare run --shard K/N`` wrote
(:mod:`dlcompare.snippets.shard_records`). The merge accepts them only as a
complete, non-overlapping cover of one plan; anything else would publish a suite
that silently lost or doubled a program:

* every folder has a manifest (a shard that crashed or was cancelled has none);
* all manifests come from the same plan (device, N and job list);
* each shard number appears once, and each job of the plan was run by exactly one
  shard (a *gap* is a job no shard ran, a *duplicate* one that two shards ran);
* each job a manifest lists has its record beside it, and no record is unlisted.

Every problem is reported at once, before anything is written. Then the records go
into ``data/runs/`` by the runner's own rule (rewritten only when a reader would
see a change), or, with ``check``, are compared with the committed ones exactly as
``dlcompare run --check`` compares a single run: any drift or failed run fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from dlcompare.snippets.cover import cover_problems, names
from dlcompare.snippets.records import Record, read_record, record_path
from dlcompare.snippets.shard_records import (
    MANIFEST,
    Manifest,
    key_of_record,
    read_manifest,
)
from dlcompare.snippets.suite import record_drift, store_if_changed


class MergeError(ValueError):
    """The shard folders do not cover one plan exactly once; the message lists why."""


@dataclass(frozen=True)
class Merged:
    """One plan's records, each with the shard folder it came from."""

    manifest: Manifest  # the first folder's (all agree on the plan)
    records: dict[str, tuple[Record, Path]]


def _load_manifests(folders: Sequence[Path], problems: list[str]) -> list[tuple[Path, Manifest]]:
    loaded = []
    for folder in folders:
        if not (folder / MANIFEST).is_file():
            problems.append(
                f"{folder}: no {MANIFEST}: not a folder written by `dlcompare run --shard`, "
                "or its shard did not finish (a crashed or cancelled shard writes none)"
            )
            continue
        try:
            loaded.append((folder, read_manifest(folder)))
        except (ValueError, ValidationError, OSError) as exc:
            problems.append(f"{folder / MANIFEST}: unreadable manifest ({exc})")
    return loaded


def _check_cover(loaded: list[tuple[Path, Manifest]], problems: list[str]) -> None:
    """Same plan everywhere, each shard once, each job exactly once."""
    first_dir, first = loaded[0]
    plan = (first.device, first.shards, first.plan)
    seen_shards: dict[int, Path] = {}
    ran: dict[str, list[str]] = {}
    for folder, manifest in loaded:
        if (manifest.device, manifest.shards, manifest.plan) != plan:
            problems.append(
                f"{folder}: shard {manifest.label} on {manifest.device} belongs to another plan "
                f"than {first_dir} (shard {first.label} on {first.device}): every shard must "
                "come from the same commit, device and --shard N"
            )
            continue
        if manifest.shard in seen_shards:
            problems.append(
                f"duplicate: shard {manifest.label} appears twice, in "
                f"{seen_shards[manifest.shard]} and {folder}"
            )
            continue
        seen_shards[manifest.shard] = folder
        ran[manifest.label] = manifest.jobs
    missing = [f"{k}/{first.shards}" for k in range(1, first.shards + 1) if k not in seen_shards]
    whose = f" (no folder for shard {', '.join(missing)})" if missing else ""
    problems.extend(
        p.replace(" job(s): ", f" job(s){whose}: ", 1) if p.startswith("gap: ") else p
        for p in cover_problems(first.plan, ran)
    )


def _collect_records(
    loaded: list[tuple[Path, Manifest]], problems: list[str]
) -> dict[str, tuple[Record, Path]]:
    records: dict[str, tuple[Record, Path]] = {}
    for folder, manifest in loaded:
        listed = set(manifest.jobs)
        for name in manifest.jobs:
            path = folder / f"{name}.json"
            try:
                record = read_record(path)
            except OSError:
                problems.append(f"gap: shard {manifest.label} lists {name} but {path} is missing")
                continue
            except ValueError as exc:
                problems.append(f"{path}: unreadable record ({exc})")
                continue
            if key_of_record(record) != name:
                problems.append(f"{path}: holds the record of {key_of_record(record)}, not {name}")
                continue
            records.setdefault(name, (record, folder))
        strays = sorted(
            p.relative_to(folder).with_suffix("").as_posix()
            for p in folder.glob("*/*/*.json")
            if p.relative_to(folder).with_suffix("").as_posix() not in listed
        )
        if strays:
            problems.append(
                f"{folder}: records its manifest does not list (from another run?): {names(strays)}"
            )
    return records


def collect(folders: Sequence[Path]) -> Merged:
    """Read and cross-check the shard folders; :class:`MergeError` lists every problem."""
    if not folders:
        raise MergeError("name the shard folders to merge, e.g. `dlcompare records merge shards/*`")
    problems: list[str] = []
    loaded = _load_manifests(folders, problems)
    if loaded:
        _check_cover(loaded, problems)
    records = _collect_records(loaded, problems) if not problems else {}
    if problems:
        raise MergeError("\n".join(problems))
    return Merged(manifest=loaded[0][1], records=records)


def _record_file(root: Path, record: Record) -> Path:
    stem = f"{record.framework}-{record.backend}" if record.backend else record.framework
    return record_path(root, record.device, record.task, f"{stem}.json")


def write_merged(root: Path, merged: Merged) -> list[str]:
    """Put the records into ``data/runs/``; the names of those rewritten."""
    return [
        name
        for name, (record, _) in sorted(merged.records.items())
        if store_if_changed(_record_file(root, record), record)
    ]


def check_merged(root: Path, merged: Merged) -> list[str]:
    """What ``--check`` fails on, per job: a failed run or a drift from the committed record."""
    problems = []
    for name, (record, folder) in sorted(merged.records.items()):
        path = _record_file(root, record)
        committed = None
        if path.exists():
            try:
                committed = read_record(path)
            except (ValueError, OSError):
                committed = None
        if not record.passed:
            problems.append(f"{name} ({folder}): the run {record.status}")
        for change in record_drift(committed, record):
            problems.append(f"{name} ({folder}): differs from the committed record: {change}")
    return problems


def main(
    root: Path, folders: Sequence[Path], *, check: bool, console: Console | None = None
) -> int:
    """``dlcompare records merge [--check] DIR...``: 0 when merged and every run passed.

    Like ``dlcompare run``, a failed run's record is still written (it is what the
    page shows), and the exit code says it failed.
    """
    console = console or Console(highlight=False)
    try:
        merged = collect(folders)
    except MergeError as exc:
        for line in str(exc).splitlines():
            console.print(f"[red]error:[/] {escape(line)}")
        console.print(f"[red]not merged:[/] the {len(folders)} folder(s) do not cover one plan")
        return 1
    plan = merged.manifest
    what = f"{len(merged.records)} records from {plan.shards} shard(s) on {plan.device}"
    if check:
        problems = check_merged(root, merged)
        for problem in problems:
            console.print(f"[red]error:[/] {escape(problem)}")
        if problems:
            console.print(f"[red]{len(problems)} problem(s)[/] in {what}")
            return 1
        console.print(f"{what}: all passed and equal to the committed records")
        return 0
    written = write_merged(root, merged)
    console.print(f"{what}: {len(written)} record(s) rewritten in data/runs/")
    for name in written:
        console.print(f"  {escape(name)}")
    failed = [name for name, (record, _) in sorted(merged.records.items()) if not record.passed]
    for name in failed:
        console.print(f"[red]error:[/] {escape(name)}: the run {merged.records[name][0].status}")
    return 1 if failed else 0
