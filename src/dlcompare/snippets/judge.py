"""Judge one finished program run as a reader would see it.

The judgement turns what a process left behind (exit code, output, warning log,
GPU probe) into a record's reader-visible fields: a status, the output as it will
be shown, the annotated warnings and the rule problems, each naming the file and
the fix. Kept apart from the orchestration in ``suite`` so every rule can be
tested on a hand-made result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dlcompare.executor.execute import Ended
from dlcompare.executor.portable import portable_path, portable_text
from dlcompare.snippets.discover import Job
from dlcompare.snippets.output_rules import check_determinism, check_form
from dlcompare.snippets.records import MAX_STDOUT_CHARS, Record, Status
from dlcompare.snippets.skip_guard import check_run
from dlcompare.snippets.warnings_policy import AllowEntry, judge, where

STDERR_TAIL_LINES = 25


class RunResult(Protocol):
    """What the executor reports for one run (``ProcessResult`` has these fields)."""

    returncode: int | None
    stdout: str
    stderr: str
    ended: Ended
    message: str
    duration_s: float
    network_blocked: bool
    warnings: list[dict[str, Any]]
    probes: list[dict[str, Any]]

    @property
    def timed_out(self) -> bool: ...


@dataclass(frozen=True)
class Judgement:
    status: Status
    gpu_used: bool
    gpu_name: str | None
    stdout: str
    stderr_tail: str
    warnings: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def judge_run(
    result: RunResult, device: str, blocking_warnings: list[dict[str, Any]]
) -> tuple[Status, bool, str | None]:
    """Status from the process alone, whether a GPU really held memory, and its name."""
    gpu_names = [
        str(info.get("gpu_name", "GPU"))
        for probe in result.probes
        for info in probe.get("frameworks", {}).values()
        if info.get("gpu_used")
    ]
    gpu_used = bool(gpu_names)
    name = gpu_names[0] if gpu_used else None
    if result.timed_out:
        return "timeout", gpu_used, name
    if result.returncode != 0 or result.ended != "exited":
        return "failed", gpu_used, name
    if blocking_warnings:
        return "warnings", gpu_used, name
    if device == "cuda" and not gpu_used:
        return "no-gpu", gpu_used, name
    return "passed", gpu_used, name


def clean_stdout(root: Path, text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out = portable_text(root, "\n".join(lines).strip("\n"))
    if len(out) > MAX_STDOUT_CHARS:
        out = out[:MAX_STDOUT_CHARS] + "\n[... output truncated by dlcompare ...]"
    return out


def tail(text: str, lines: int = STDERR_TAIL_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def blocking_lines(record: Record) -> list[str]:
    """``program:line: Category: message`` for every warning that failed the run."""
    return [
        f"{where(w, record.snippet)}: {w['category']}: "
        f"{w['message'].splitlines()[0] if w.get('message') else ''}"
        for w in record.warnings
        if w.get("verdict") == "blocking"
    ]


def judge_job(
    root: Path,
    job: Job,
    result: RunResult,
    *,
    device: str,
    allowlist: list[AllowEntry],
    packages: dict[str, str],
    committed: Record | None,
    skip_guard: bool = True,
) -> Judgement:
    """Everything a reader would object to, from one finished run.

    ``skip_guard``: also fail a run that shows no sign of having used its framework
    (``skip_guard.py``); off only for the runner's own toy programs and for
    refreshing the record of a program that genuinely became fast.
    """
    program = job.program
    warnings = [
        {
            **w,
            "filename": portable_path(root, str(w.get("filename", ""))),
            "message": portable_text(root, str(w.get("message", ""))),
        }
        for w in result.warnings
    ]
    verdict = judge(warnings, program.path.as_posix(), allowlist)
    status, gpu_used, gpu_name = judge_run(result, device, verdict.blocking)
    stdout = clean_stdout(root, result.stdout)
    problems: list[str] = []
    if status == "passed":
        problems = check_form(program, job.backend, result.stdout)
        problems += check_determinism(program, stdout, packages, committed)
        if skip_guard:
            problems += check_run(job, result.probes, result.duration_s, committed)
        if problems:
            status = "failed"
    stderr_tail = "" if status == "passed" else portable_text(root, tail(result.stderr))
    if status == "failed" and (result.ended != "exited" or result.network_blocked):
        # The real cause in words: "exited, but a child kept the output open", …
        stderr_tail = (stderr_tail + f"\n[{result.message}]").strip()
    return Judgement(
        status=status,
        gpu_used=gpu_used,
        gpu_name=gpu_name,
        stdout=stdout,
        stderr_tail=stderr_tail,
        warnings=verdict.annotated(),
        problems=problems,
    )
