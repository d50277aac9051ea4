"""Run many example programs in parallel, with a cache, progress and a summary.

This is what ``dlcompare run`` and ``make snippets`` call. The orchestration is
kept separate from the per-program work (``execute``) and the judgement of each
run (``judge_run``) so each piece can be tested on its own.
"""

from __future__ import annotations

import hashlib
import os
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dlcompare.executor import environment
from dlcompare.executor.execute import ProcessResult, program_env, run_program
from dlcompare.executor.gpu import has_nvidia_gpu
from dlcompare.executor.portable import portable_path
from dlcompare.executor.sandbox import SandboxMode, SandboxUnavailable, default_mode, ensure_bwrap
from dlcompare.snippets.cache import RunCache, cache_key
from dlcompare.snippets.discover import Job, SnippetError, discover, jobs_for
from dlcompare.snippets.records import (
    MAX_STDOUT_CHARS,
    Record,
    Status,
    now_iso,
    read_record,
    record_path,
    write_record,
)
from dlcompare.snippets.summary import print_summary, write_report
from dlcompare.snippets.warnings_policy import ALLOWLIST, AllowEntry, judge, load_allowlist
from dlcompare.yamlio import YamlError

STDERR_TAIL_LINES = 25


@dataclass(frozen=True)
class RunOptions:
    device: str = "cpu"  # cpu | cuda | auto
    jobs: int = 0  # 0: one per core
    use_cache: bool = True
    retries: int = 0
    backends: tuple[str, ...] | None = None
    report: Path | None = None
    write_records: bool = True
    sandbox: SandboxMode | None = None  # None: DLCOMPARE_SANDBOX, else bwrap


@dataclass(frozen=True)
class Outcome:
    job: Job
    record: Record
    cached: bool = False

    @property
    def flaky(self) -> bool:
        return self.record.passed and self.record.attempts > 1


def resolve_device(device: str) -> str:
    """``auto`` means cuda when an NVIDIA driver answers, else cpu."""
    if device != "auto":
        return device
    return "cuda" if has_nvidia_gpu() else "cpu"


def tail(text: str, lines: int = STDERR_TAIL_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def clean_stdout(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    if len(out) > MAX_STDOUT_CHARS:
        out = out[:MAX_STDOUT_CHARS] + "\n[... output truncated by dlcompare ...]"
    return out


def judge_run(result: ProcessResult, device: str, blocking_warnings: list[dict]) -> tuple[Status, bool, str]:
    """Status, whether a GPU really held memory, and the device name to show."""
    gpu_names = [
        info.get("gpu_name", "GPU")
        for probe in result.probes
        for info in probe.get("frameworks", {}).values()
        if info.get("gpu_used")
    ]
    gpu_used = bool(gpu_names)
    name = gpu_names[0] if gpu_used else environment.current().cpu
    if result.timed_out:
        return "timeout", gpu_used, name
    if result.returncode != 0 or result.ended != "exited":
        return "failed", gpu_used, name
    if blocking_warnings:
        return "warnings", gpu_used, name
    if device == "cuda" and not gpu_used:
        return "no-gpu", gpu_used, name
    return "passed", gpu_used, name


def policy_hash(root: Path) -> str:
    path = root / ALLOWLIST
    return hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()


def run_job(root: Path, job: Job, device: str, threads: int, allowlist: list[AllowEntry],
            retries: int, sandbox: SandboxMode | None = None) -> Record:
    """Run one job (retrying failures), judge it and build its record."""
    program = job.program
    env = program_env(device=device, backend=job.backend, threads=threads)
    attempts = 0
    while True:
        attempts += 1
        result = run_program(root, program.path, env=env, timeout_s=program.timeout_s,
                             sandbox=sandbox, gpu=device == "cuda")
        warnings = [{**w, "filename": portable_path(root, w.get("filename", ""))} for w in result.warnings]
        verdict = judge(warnings, program.path.as_posix(), allowlist)
        status, gpu_used, device_name = judge_run(result, device, verdict.blocking)
        if status not in ("failed", "timeout") or attempts > retries:
            break
    env_info = environment.current()
    stderr_tail = "" if status == "passed" else tail(result.stderr)
    if status == "timeout":
        stderr_tail = (stderr_tail + f"\n[killed after {program.timeout_s:.0f} s timeout]").strip()
    elif status == "failed" and (result.ended != "exited" or result.network_blocked):
        stderr_tail = (stderr_tail + f"\n[{result.message}]").strip()
    return Record(
        snippet=program.path.as_posix(),
        task=program.task,
        framework=program.framework,
        backend=job.backend,
        source_sha256=program.source_sha256,
        status=status,
        device=device,  # type: ignore[arg-type]
        gpu_used=gpu_used,
        device_name=device_name,
        python=env_info.python,
        platform=f"{env_info.platform} {env_info.machine}",
        packages=env_info.packages,
        env_fingerprint=env_info.fingerprint(),
        date=now_iso(),
        duration_s=round(result.duration_s, 2),
        attempts=attempts,
        returncode=result.returncode,
        stdout=clean_stdout(result.stdout),
        stderr_tail=stderr_tail,
        warnings=verdict.annotated(),
        sandbox=result.sandbox,
    )


def _store_record(root: Path, job: Job, record: Record) -> None:
    path = record_path(root, record.device, job.program.task, job.record_name)
    if path.exists():
        try:
            if read_record(path) == record:
                return
        except (ValueError, OSError):
            pass
    write_record(path, record)


def execute_jobs(root: Path, jobs: list[Job], options: RunOptions, console: Console, *,
                 device: str, allowlist: list[AllowEntry]) -> list[Outcome]:
    """Run ``jobs`` on ``device`` (already resolved from ``auto``) in parallel."""
    workers = options.jobs or os.cpu_count() or 1
    threads = max(1, (os.cpu_count() or 1) // workers)
    cache = RunCache(root)
    fingerprint = environment.current().fingerprint()
    policy = policy_hash(root)
    sandbox = options.sandbox or default_mode()
    outcomes: list[Outcome] = []

    def work(job: Job) -> Outcome:
        key = cache_key(source_sha256=job.program.source_sha256, backend=job.backend,
                        device=device, env_fingerprint=fingerprint, policy_sha256=policy,
                        sandbox=sandbox)
        if options.use_cache and (hit := cache.get(key)) is not None:
            return Outcome(job, hit, cached=True)
        record = run_job(root, job, device, threads, allowlist, options.retries, options.sandbox)
        cache.put(key, record)
        return Outcome(job, record)

    columns = (TextColumn("[bold]snippets[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("run", total=len(jobs))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(work, job): job for job in jobs}
            for future in as_completed(futures):
                outcome = future.result()
                outcomes.append(outcome)
                if options.write_records:
                    _store_record(root, outcome.job, outcome.record)
                progress.console.print(_line(outcome))
                progress.advance(bar)
    order = {job: i for i, job in enumerate(jobs)}
    outcomes.sort(key=lambda o: order[o.job])
    return outcomes


_MARKS = {"passed": "[green]✓[/]", "failed": "[red]✗[/]", "timeout": "[red]⏱[/]",
          "warnings": "[yellow]⚠[/]", "no-gpu": "[red]∅[/]"}


def _line(outcome: Outcome) -> str:
    record = outcome.record
    how = "cached" if outcome.cached else f"{record.duration_s:6.1f} s"
    extra = " [yellow](flaky: passed on attempt %d)[/]" % record.attempts if outcome.flaky else ""
    detail = "" if record.passed else f" [dim]{record.status}[/]"
    return f"{_MARKS[record.status]} {escape(f'{outcome.job.label:<34}')} {how}{detail}{extra}"


def run_suite(root: Path, selectors: list[str] | None, options: RunOptions,
              console: Console | None = None) -> int:
    """Run the selected programs; print progress and a summary; return the exit code."""
    console = console or Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    try:
        programs = discover(root, selectors)
        allowlist = load_allowlist(root)  # read once, before any program starts
    except (SnippetError, YamlError) as exc:
        console.print(f"[red]error:[/] {exc}")
        return 2
    jobs = jobs_for(programs, options.backends)
    if not jobs:
        console.print("[red]error:[/] nothing to run (no programs, or no backend installed)")
        return 2
    try:
        if (options.sandbox or default_mode()) == "bwrap":
            ensure_bwrap()  # one clear message before any program starts
    except SandboxUnavailable as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        return 2
    device = resolve_device(options.device)
    console.print(
        f"Running {len(jobs)} program runs from {len(programs)} programs on [bold]{device}[/] "
        f"with {options.jobs or os.cpu_count()} in parallel"
        f"{'' if options.use_cache else ', cache off'} (python {sys.version.split()[0]}"
        f", sandbox {options.sandbox or default_mode()})"
    )
    outcomes = execute_jobs(root, jobs, options, console, device=device, allowlist=allowlist)
    print_summary(console, outcomes)
    if options.report:
        write_report(options.report, outcomes, device)
        console.print(f"report written to {options.report}")
    return 0 if all(o.record.passed for o in outcomes) else 1
