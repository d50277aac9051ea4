"""Run many example programs in parallel, with a cache, progress and a summary.

This is what ``dlcompare run`` and ``make snippets`` call. The orchestration is
kept separate from the per-program work (``execute``) and the judgement of each
run (``judge``) so each piece can be tested on its own.

Records are written only when their reader-visible part changed
(:func:`records.reader_view`); with ``check=True`` nothing is written and every
run is compared with its committed record instead, a drift failing the suite.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dlcompare.executor import environment
from dlcompare.executor.execute import program_env, run_program
from dlcompare.executor.gpu import has_nvidia_gpu
from dlcompare.executor.sandbox import SandboxMode, SandboxUnavailable, default_mode, ensure_bwrap
from dlcompare.snippets.cache import RunCache, cache_key
from dlcompare.snippets.discover import Job, SnippetError, discover, jobs_for
from dlcompare.snippets.judge import judge_job
from dlcompare.snippets.outcome import Outcome
from dlcompare.snippets.output_rules import only_drift
from dlcompare.snippets.records import (
    Record,
    now_iso,
    read_record,
    reader_view,
    record_path,
    write_record,
)
from dlcompare.snippets.shard_records import (
    clear_folder,
    default_folder,
    finish_shard,
    folder_problem,
    longest_first,
    select_shard,
)
from dlcompare.snippets.shards import Plan, ShardSpec, format_plan
from dlcompare.snippets.summary import print_summary, write_report
from dlcompare.snippets.warnings_policy import AllowEntry, load_allowlist, policy_hash
from dlcompare.vocabulary import DEVICES, STATUS_GLYPHS, Device
from dlcompare.yamlio import YamlError

__all__ = ["Outcome", "RunOptions", "run_suite"]


@dataclass(frozen=True)
class RunOptions:
    device: str = "cpu"  # cpu | cuda | auto
    jobs: int = 0  # 0: one per core
    use_cache: bool = True
    retries: int = 0
    backends: tuple[str, ...] | None = None
    report: Path | None = None
    write_records: bool = True
    #: Compare every run with its committed record and write nothing (``--check``).
    check: bool = False
    sandbox: SandboxMode | None = None  # None: DLCOMPARE_SANDBOX, else bwrap
    #: Run only this shard's jobs (``--shard K/N``) and leave their records in
    #: ``shard_dir`` instead of ``data/runs/`` (``dlcompare records merge`` puts them there).
    shard: ShardSpec | None = None
    shard_dir: Path | None = None  # None: .cache/shards/<device>-K-of-N
    #: Print the shard plan and run nothing (``--shard-plan``).
    shard_plan: bool = False
    #: Fail a run with no sign of its framework, or implausibly fast (``skip_guard.py``).
    skip_guard: bool = True


def resolve_device(device: str) -> Device:
    """``auto`` means cuda when an NVIDIA driver answers, else cpu."""
    if device in DEVICES:
        return "cuda" if device == "cuda" else "cpu"
    return "cuda" if has_nvidia_gpu() else "cpu"


def committed_record(root: Path, job: Job, device: str) -> Record | None:
    path = record_path(root, device, job.program.task, job.record_name)
    try:
        return read_record(path) if path.exists() else None
    except (ValueError, OSError):
        return None


def _invalid_program_record(job: Job, device: Device) -> Record:
    """The record of a program that cannot run as written (a bad directive)."""
    env_info = environment.current()
    program = job.program
    return Record(
        snippet=program.path.as_posix(),
        task=program.task,
        framework=program.framework,
        backend=job.backend,
        source_sha256=program.source_sha256,
        status="failed",
        device=device,
        device_name=env_info.cpu,
        python=env_info.python,
        platform=f"{env_info.platform} {env_info.machine}",
        packages=env_info.packages,
        env_fingerprint=env_info.fingerprint(),
        date=now_iso(),
        duration_s=0.0,
        returncode=None,
        stdout="",
        problems=[program.error or "invalid program"],
    )


def run_job(
    root: Path,
    job: Job,
    *,
    device: Device,
    threads: int,
    allowlist: list[AllowEntry],
    retries: int,
    sandbox: SandboxMode | None = None,
    skip_guard: bool = True,
) -> Record:
    """Run one job (retrying failures), judge it and build its record."""
    program = job.program
    if program.error:
        return _invalid_program_record(job, device)
    env = program_env(device=device, backend=job.backend, threads=threads)
    env["DLCOMPARE_PROGRAM"] = program.path.as_posix()  # lets the bootstrap find its lines
    env_info = environment.current()
    committed = committed_record(root, job, device)
    attempts = 0
    while True:
        attempts += 1
        result = run_program(
            root,
            program.path,
            env=env,
            timeout_s=program.timeout_s,
            sandbox=sandbox,
            gpu=device == "cuda",
        )
        verdict = judge_job(
            root,
            job,
            result,
            device=device,
            allowlist=allowlist,
            packages=env_info.packages,
            committed=committed,
            skip_guard=skip_guard,
        )
        if verdict.status not in ("failed", "timeout") or attempts > retries:
            break
    stderr_tail = verdict.stderr_tail
    if verdict.status == "timeout":
        stderr_tail = (stderr_tail + f"\n[killed after {program.timeout_s:.0f} s timeout]").strip()
    return Record(
        snippet=program.path.as_posix(),
        task=program.task,
        framework=program.framework,
        backend=job.backend,
        source_sha256=program.source_sha256,
        status=verdict.status,
        device=device,
        gpu_used=verdict.gpu_used,
        device_name=verdict.gpu_name or env_info.cpu,
        python=env_info.python,
        platform=f"{env_info.platform} {env_info.machine}",
        packages=env_info.packages,
        env_fingerprint=env_info.fingerprint(),
        date=now_iso(),
        duration_s=round(result.duration_s, 2),
        attempts=attempts,
        returncode=result.returncode,
        stdout=verdict.stdout,
        stderr_tail=stderr_tail,
        warnings=verdict.warnings,
        problems=verdict.problems,
        sandbox=result.sandbox,
    )


def store_record(root: Path, job: Job, record: Record) -> bool:
    """Write ``record`` unless the committed one shows a reader the same; True if written.

    A run whose only problem is output differing from the committed record leaves
    that record in place: it is the reference the next run is compared with, so an
    unseeded program keeps failing until it is seeded or declares its varying lines.
    """
    return store_if_changed(
        record_path(root, record.device, job.program.task, job.record_name), record
    )


def store_if_changed(path: Path, record: Record) -> bool:
    """:func:`store_record` for a known path (the merge of shard records uses it too)."""
    if only_drift(record.problems):
        return False
    if path.exists():
        try:
            if reader_view(read_record(path)) == reader_view(record):
                return False
        except (ValueError, OSError):
            pass
    write_record(path, record)
    return True


def record_drift(committed: Record | None, record: Record) -> tuple[str, ...]:
    """What a reader would see change if ``record`` replaced ``committed``."""
    if committed is None:
        return ("no committed record: run `make snippets` and commit data/runs/",)
    old, new = reader_view(committed), reader_view(record)
    drift = []
    for key in old:
        if old[key] != new[key]:
            drift.append(f"{key}: {_short(old[key])} -> {_short(new[key])}")
    return tuple(drift)


def _short(value: object, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def execute_jobs(
    root: Path,
    jobs: list[Job],
    options: RunOptions,
    console: Console,
    *,
    device: Device,
    allowlist: list[AllowEntry],
) -> list[Outcome]:
    """Run ``jobs`` on ``device`` (already resolved from ``auto``) in parallel."""
    workers = options.jobs or os.cpu_count() or 1
    threads = max(1, (os.cpu_count() or 1) // workers)
    cache = RunCache(root)
    fingerprint = environment.current().fingerprint()
    sandbox = options.sandbox or default_mode()
    policy = policy_hash(root, skip_guard=options.skip_guard)
    outcomes: list[Outcome] = []

    def work(job: Job) -> Outcome:
        key = cache_key(
            source_sha256=job.program.source_sha256,
            backend=job.backend,
            device=device,
            env_fingerprint=fingerprint,
            policy_sha256=policy,
            sandbox=sandbox,
        )
        if options.use_cache and (hit := cache.get(key)) is not None:
            return Outcome(job, hit, cached=True)
        record = run_job(
            root,
            job,
            device=device,
            threads=threads,
            allowlist=allowlist,
            retries=options.retries,
            sandbox=options.sandbox,
            skip_guard=options.skip_guard,
        )
        cache.put(key, record)
        return Outcome(job, record)

    columns = (
        TextColumn("[bold]snippets[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("run", total=len(jobs))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            start = longest_first(root, jobs, device)
            futures = {pool.submit(work, job): job for job in start}
            for future in as_completed(futures):
                outcome = future.result()
                if options.check:
                    committed = committed_record(root, outcome.job, device)
                    outcome = replace(outcome, drift=record_drift(committed, outcome.record))
                elif options.write_records:
                    store_record(root, outcome.job, outcome.record)
                outcomes.append(outcome)
                progress.console.print(_line(outcome))
                progress.advance(bar)
    order = {job: i for i, job in enumerate(jobs)}
    outcomes.sort(key=lambda o: order[o.job])
    return outcomes


_COLOURS = {
    "passed": "green",
    "failed": "red",
    "timeout": "red",
    "warnings": "yellow",
    "no-gpu": "red",
}


def _line(outcome: Outcome) -> str:
    record = outcome.record
    how = "cached" if outcome.cached else f"{record.duration_s:6.1f} s"
    extra = f" [yellow](flaky: passed on attempt {record.attempts})[/]" if outcome.flaky else ""
    detail = "" if record.passed else f" [dim]{record.status}[/]"
    if outcome.drift:
        detail += " [red]differs from the committed record[/]"
    mark = f"[{_COLOURS[record.status]}]{STATUS_GLYPHS[record.status]}[/]"
    return f"{mark} {escape(f'{outcome.job.label:<34}')} {how}{detail}{extra}"


def run_suite(
    root: Path, selectors: list[str] | None, options: RunOptions, console: Console | None = None
) -> int:
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
    device = resolve_device(options.device)
    shard: tuple[ShardSpec, Path, Plan] | None = None
    if options.shard:
        spec = options.shard
        jobs, plan = select_shard(root, jobs, device, spec)
        if options.shard_plan:
            console.print(escape(format_plan(plan, mark=spec.index)))
            return 0
        folder = options.shard_dir or default_folder(root, device, spec.index, spec.total)
        if problem := folder_problem(root, folder):
            console.print(f"[red]error:[/] {escape(problem)}")
            return 2
        clear_folder(folder)
        shard = (spec, folder, plan)
        # data/runs/ is the plan's input: a shard writing it would change the split for
        # the shards that run after it. `dlcompare records merge` writes it, once.
        options = replace(options, write_records=False)
        console.print(
            f"shard {spec}: {len(jobs)} of {len(plan.predicted)} runs, predicted "
            f"{plan.shard(spec.index).predicted_s:.0f} s; records to {folder}"
        )
    try:
        if (options.sandbox or default_mode()) == "bwrap":
            ensure_bwrap()  # one clear message before any program starts
    except SandboxUnavailable as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        return 2
    console.print(
        f"Running {len(jobs)} program runs from {len(programs)} programs on [bold]{device}[/] "
        f"with {options.jobs or os.cpu_count()} in parallel"
        f"{'' if options.use_cache else ', cache off'}"
        f"{', comparing with the committed records' if options.check else ''}"
        f" (python {sys.version.split()[0]}, sandbox {options.sandbox or default_mode()})"
    )
    started = time.monotonic()
    outcomes = execute_jobs(root, jobs, options, console, device=device, allowlist=allowlist)
    if shard is not None:
        spec, folder, plan = shard
        manifest = finish_shard(
            folder, (o.record for o in outcomes), device=device, spec=spec, plan=plan
        )
        console.print(
            f"shard {spec}: {time.monotonic() - started:.0f} s (predicted "
            f"{plan.shard(spec.index).predicted_s:.0f} s); manifest {manifest}"
        )
    print_summary(console, outcomes)
    if options.report:
        write_report(options.report, outcomes, device)
        console.print(f"report written to {options.report}")
    return 0 if all(o.record.passed and not o.drift for o in outcomes) else 1
