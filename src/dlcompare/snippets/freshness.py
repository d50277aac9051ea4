"""Are the committed run records current? (``dlcompare records``)

A record is stale when its program changed after it was written. On CPU that fails
the test suite: anyone can refresh CPU records with ``make snippets``. GPU records
can only be refreshed on a GPU runner, so a stale GPU record is a warning and the
page marks it stale until the GPU workflow runs again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from dlcompare.snippets.discover import SnippetError, discover, jobs_for
from dlcompare.snippets.records import RUNS_DIR, read_record, record_path
from dlcompare.vocabulary import DEVICES, KERAS_BACKENDS

FIX = "run `make snippets` and commit data/runs/"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    fatal: bool


def find_problems(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    try:
        programs = discover(root)
    except SnippetError as exc:
        return [Problem("snippets/", str(exc), True)]
    jobs = jobs_for(programs, KERAS_BACKENDS)
    expected: set[Path] = set()
    for device in DEVICES:
        fatal = device == "cpu"
        device_dir = root / RUNS_DIR / device
        if device == "cuda" and not device_dir.exists():
            continue  # no GPU run yet: pages say "GPU: not run"
        for job in jobs:
            path = record_path(root, device, job.program.task, job.record_name)
            expected.add(path)
            rel = path.relative_to(root).as_posix()
            if not path.exists():
                if fatal:
                    problems.append(
                        Problem(
                            rel, f"missing: {job.label} has no {device} run record; {FIX}", True
                        )
                    )
                continue
            try:
                record = read_record(path)
            except (ValueError, OSError) as exc:
                problems.append(
                    Problem(rel, f"unreadable record ({exc}); delete it and {FIX}", fatal)
                )
                continue
            if record.source_sha256 != job.program.source_sha256:
                fix = FIX if fatal else "the GPU workflow refreshes it (label a PR `run-gpu`)"
                problems.append(
                    Problem(
                        rel,
                        f"stale: {job.program.path.as_posix()} changed since this record "
                        f"was written; {fix}",
                        fatal,
                    )
                )
            elif not record.passed:
                problems.append(
                    Problem(
                        rel,
                        f"the last {device} run {record.status}; fix the program and {FIX}",
                        fatal,
                    )
                )
    for path in sorted((root / RUNS_DIR).glob("*/*/*.json")):
        if path not in expected and path.parent.parent.name in DEVICES:
            rel = path.relative_to(root).as_posix()
            problems.append(
                Problem(rel, "orphan: no program produces this record any more; delete it", True)
            )
    return problems


def main(root: Path, console: Console | None = None) -> int:
    console = console or Console(highlight=False)
    problems = find_problems(root)
    for problem in problems:
        level = "[red]error[/]" if problem.fatal else "[yellow]warning[/]"
        console.print(f"{problem.path}: {level}: {problem.message}")
    fatal = sum(p.fatal for p in problems)
    if fatal:
        console.print(f"[red]{fatal} run record problem(s)[/]")
        return 1
    console.print("run records are up to date")
    return 0
