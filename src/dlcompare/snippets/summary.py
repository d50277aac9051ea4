"""The end-of-run summary: a task x configuration table, then every failure in full.

A contributor reading CI logs should see at a glance what broke, and for each
failure the file, the backend, the command to reproduce it and the end of stderr.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from dlcompare.snippets.suite import Outcome

_CELL = {"passed": "[green]✓[/]", "failed": "[red]✗ failed[/]", "timeout": "[red]⏱ timeout[/]",
         "warnings": "[yellow]⚠ warning[/]", "no-gpu": "[red]∅ no GPU[/]"}
_PLAIN = {"passed": "✓", "failed": "✗ failed", "timeout": "⏱ timeout",
          "warnings": "⚠ deprecation", "no-gpu": "∅ GPU unused"}


def _column(outcome: Outcome) -> str:
    job = outcome.job
    return f"keras[{job.backend}]" if job.backend else job.program.framework


def counts(outcomes: list[Outcome]) -> Counter:
    tally = Counter(o.record.status for o in outcomes)
    tally["cached"] = sum(o.cached for o in outcomes)
    tally["flaky"] = sum(o.flaky for o in outcomes)
    return tally


def reproduce_command(outcome: Outcome) -> str:
    job = outcome.job
    prefix = f"KERAS_BACKEND={job.backend} " if job.backend else ""
    return f"{prefix}python -P {job.program.path.as_posix()}"


def failure_text(outcome: Outcome) -> str:
    record = outcome.record
    lines = [f"{record.snippet}" + (f" (backend {record.backend})" if record.backend else "")
             + f": {_PLAIN[record.status]}",
             f"  reproduce: {reproduce_command(outcome)}"]
    if record.status == "no-gpu":
        lines.append("  the run was asked to use CUDA but no framework allocated GPU memory; "
                     "move the model and data to the GPU when one is available")
    for warning in record.warnings:
        if warning.get("verdict") == "blocking":
            lines.append(
                f"  {warning['filename']}:{warning['lineno']}: {warning['category']}: "
                f"{warning['message'].splitlines()[0] if warning['message'] else ''}"
            )
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
    failed = len(outcomes) - tally["passed"]
    console.print(
        f"{tally['passed']} passed, {failed} failed"
        f" ({tally['cached']} from cache, {tally['flaky']} flaky)"
    )
    for outcome in outcomes:
        if not outcome.record.passed:
            console.print(f"\n[red bold]FAILED[/] {escape(failure_text(outcome))}", highlight=False, soft_wrap=True)
    for outcome in outcomes:
        if outcome.flaky:
            console.print(f"[yellow]flaky:[/] {escape(outcome.job.label)} failed, then passed on attempt "
                          f"{outcome.record.attempts}")


def write_report(path: Path, outcomes: list[Outcome], device: str) -> None:
    """Markdown for humans (the canary opens an issue with it)."""
    tally = counts(outcomes)
    failed = [o for o in outcomes if not o.record.passed]
    packages = outcomes[0].record.packages if outcomes else {}
    lines = [
        f"# Snippet run on {device}",
        "",
        f"{tally['passed']} passed, {len(failed)} failed, {tally['flaky']} flaky.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(packages.items())),
        "",
    ]
    if failed:
        lines += ["## Failures", ""]
        for outcome in failed:
            lines += ["```text", failure_text(outcome), "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
