"""Combine the release matrix's artifacts into ``data/compat/`` (``dlcompare matrix merge``).

Each job of the compat workflow measures one (framework, release) and uploads its
reports. This is the read-only step between those jobs and the one that commits:
it accepts the artifacts only when every report the plan expects came from
exactly one of them (the same gap/duplicate rule as the snippet shards,
:mod:`dlcompare.snippets.cover`), each file parses as a report and is named as
its content says, and then copies them into ``data/compat/``. A release job that
crashed is therefore a failed merge that names the release, not a pull request
that quietly keeps the old cell.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from dlcompare.matrix.plan import cells_for, report_keys
from dlcompare.matrix.reports import Report, read_report, report_path
from dlcompare.snippets.cover import cover_problems


def report_key(framework: str, version: str, backend: str | None) -> str:
    """``keras/3.10.0-jax``: the report's path under ``data/compat/``, without ``.json``."""
    return f"{framework}/{version}" + (f"-{backend}" if backend else "")


def expected_reports(root: Path, targets: Sequence[tuple[str, str]]) -> list[str]:
    """Every report the targets produce: one per report key that has cells."""
    return [
        report_key(framework, version, backend)
        for framework, version in targets
        for backend in report_keys(framework)
        if cells_for(root, framework, backend)
    ]


Found = dict[str, tuple[Path, Report]]


def gather(folders: Sequence[Path]) -> tuple[dict[str, list[str]], Found, list[str]]:
    """The report keys in each folder, the file and report of each key, and bad files."""
    ran: dict[str, list[str]] = {}
    files: Found = {}
    problems: list[str] = []
    for folder in folders:
        keys = ran.setdefault(str(folder), [])
        paths = sorted(folder.rglob("*.json")) if folder.is_dir() else []
        if not paths:
            problems.append(f"{folder}: no report (*.json) in it: did its release job finish?")
        for path in paths:
            try:
                report: Report = read_report(path)
            except (ValueError, ValidationError, OSError) as exc:
                problems.append(f"{path}: not a compat report ({exc})")
                continue
            key = report_key(report.framework, report.version, report.backend)
            if path.name != f"{key.split('/', 1)[1]}.json":
                problems.append(f"{path}: holds the report {key}; name it {key.split('/')[1]}.json")
                continue
            keys.append(key)
            files.setdefault(key, (path, report))
    return ran, files, problems


def merge_reports(
    root: Path, folders: Sequence[Path], targets: Sequence[tuple[str, str]]
) -> tuple[list[str], list[Path]]:
    """Problems (nothing written if any), else the report files now in ``data/compat/``."""
    ran, files, problems = gather(folders)
    problems += cover_problems(
        expected_reports(root, targets), ran, unit="artifact", item="report", verb="produced"
    )
    if problems:
        return problems, []
    written = []
    for _key, (source, report) in sorted(files.items()):
        target = report_path(root, report.framework, report.version, report.backend)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return [], written
