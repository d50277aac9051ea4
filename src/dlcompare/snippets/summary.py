"""The end-of-run summary: a task x configuration table, then every failure in full.

A contributor reading CI logs should see at a glance what broke, and for each
failure the file, the backend, the command to reproduce it and the end of stderr.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dlcompare.snippets.judge import blocking_lines
from dlcompare.snippets.outcome import Outcome
from dlcompare.vocabulary import RUN_STATUSES, STATUS_GLYPHS, STATUS_WORDS

_CELL = {
    "passed": "[green]✓[/]",
    "failed": "[red]✗ failed[/]",
    "timeout": "[red]⏱ timeout[/]",
    "warnings": "[yellow]⚠ warning[/]",
    "no-gpu": "[red]∅ no GPU[/]",
}
_PLAIN = {status: f"{STATUS_GLYPHS[status]} {STATUS_WORDS[status]}" for status in RUN_STATUSES}


def _column(outcome: Outcome) -> str:
    job = outcome.job
    return f"keras[{job.backend}]" if job.backend else job.program.framework


def counts(outcomes: list[Outcome]) -> Counter[str]:
    tally: Counter[str] = Counter(o.record.status for o in outcomes)
    tally["cached"] = sum(o.cached for o in outcomes)
    tally["flaky"] = sum(o.flaky for o in outcomes)
    tally["drift"] = sum(bool(o.drift) for o in outcomes)
    return tally


def failed(outcome: Outcome) -> bool:
    return not outcome.record.passed or bool(outcome.drift)


def reproduce_command(outcome: Outcome) -> str:
    job = outcome.job
    prefix = f"KERAS_BACKEND={job.backend} " if job.backend else ""
    return f"{prefix}python -P {job.program.path.as_posix()}"


def failure_text(outcome: Outcome) -> str:
    record = outcome.record
    lines = [
        f"{record.snippet}"
        + (f" (backend {record.backend})" if record.backend else "")
        + f": {_PLAIN[record.status]}",
        f"  reproduce: {reproduce_command(outcome)}",
    ]
    lines.extend(f"  {problem}" for problem in record.problems)
    if outcome.drift:
        lines.append(
            "  differs from the committed record (fix the program, or accept the change "
            "with `make snippets` and commit data/runs/):"
        )
        lines.extend(f"    {change}" for change in outcome.drift)
    if record.status == "no-gpu":
        lines.append(
            "  the run was asked to use CUDA but no framework allocated GPU memory; "
            "move the model and data to the GPU when one is available"
        )
    lines.extend(f"  {line}" for line in blocking_lines(record))
    if record.status == "warnings":
        lines.append("  fix the call, or add it to snippets/warnings-allowlist.yaml with a reason")
    if record.stderr_tail:
        lines.append("  stderr (last lines):")
        lines.extend("    " + line for line in record.stderr_tail.splitlines())
    return "\n".join(lines)


def print_summary(console: Console, outcomes: list[Outcome]) -> None:
    columns = list(dict.fromkeys(_column(o) for o in outcomes))
    tasks = list(dict.fromkeys(o.job.program.task for o in outcomes))
    table = Table(title="Example programs", show_lines=False)
    table.add_column("task")
    for column in columns:
        table.add_column(escape(column), justify="center")
    cells = {(o.job.program.task, _column(o)): o for o in outcomes}
    for task in tasks:
        row = []
        for column in columns:
            outcome = cells.get((task, column))
            row.append(_CELL[outcome.record.status] if outcome else "[dim]–[/]")
        table.add_row(task, *row)
    console.print(table)
    tally = counts(outcomes)
    failures = sum(failed(o) for o in outcomes)
    drift = f", {tally['drift']} differ from the committed records" if tally["drift"] else ""
    console.print(
        f"{len(outcomes) - failures} passed, {failures} failed"
        f" ({tally['cached']} from cache, {tally['flaky']} flaky{drift})"
    )
    for outcome in outcomes:
        if failed(outcome):
            console.print(
                f"\n[red bold]FAILED[/] {escape(failure_text(outcome))}",
                highlight=False,
                soft_wrap=True,
            )
    for outcome in outcomes:
        if outcome.flaky:
            console.print(
                f"[yellow]flaky:[/] {escape(outcome.job.label)} failed, then passed on attempt "
                f"{outcome.record.attempts}"
            )


def write_report(path: Path, outcomes: list[Outcome], device: str) -> None:
    """Markdown for humans (the canary opens an issue with it)."""
    tally = counts(outcomes)
    failures = [o for o in outcomes if failed(o)]
    packages = outcomes[0].record.packages if outcomes else {}
    lines = [
        f"# Snippet run on {device}",
        "",
        f"{len(outcomes) - len(failures)} passed, {len(failures)} failed, {tally['flaky']} flaky.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(packages.items())),
        "",
    ]
    if failures:
        lines += ["## Failures", ""]
        for outcome in failures:
            lines += ["```text", failure_text(outcome), "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
