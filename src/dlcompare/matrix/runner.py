"""Run the matrix: every cell of every chosen release, through the project's one executor.

Incremental by design. A committed result is reused when its program's sha256 is
unchanged **and** the report's environment key is unchanged; the key is a hash of
the environment's *inputs* (the overlay's requirements, and the Python version and
package list of the main ``.venv``, i.e. the pins), so deciding "nothing changed"
needs neither a built environment nor a program run: a second ``make matrix`` with
nothing changed executes nothing. Only missing or stale cells run, and only their
environment is built (once, then cached in ``.cache/matrix/envs/``).

Reports that share an environment share their measurements. At the pins every
framework's report runs in the main ``.venv`` (one environment key), so Keras
3.15.1 on JAX and JAX 0.10.2 are the same cells, and a fact check about both torch
and Keras is one cell for torch 2.13.0 and Keras 3.15.1. A cell already measured in
any report with the same environment key, program sha256 and backend is copied,
not executed again: same inputs, same measurement.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dlcompare.executor import ProcessJob, program_env, run
from dlcompare.executor.sandbox import default_mode, ensure_bwrap
from dlcompare.matrix import envs
from dlcompare.matrix.outcome import judge, left_out
from dlcompare.matrix.plan import REGISTRY_FRAMEWORKS, Cell, cells_for, report_keys
from dlcompare.matrix.reports import (
    CellResult,
    Report,
    ReportEnvironment,
    load_reports,
    read_report,
    report_path,
    write_report,
)

CONSTRAINTS = Path("requirements/constraints.txt")


def pins(root: Path) -> dict[str, str]:
    """The project's pinned release of each framework, from the constraints file."""
    found: dict[str, str] = {}
    path = root / CONSTRAINTS
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line.strip())
            if match:
                found[match[1].lower()] = match[2].split("+")[0]
    return found


class BaseEnvironmentError(RuntimeError):
    """The main ``.venv`` does not hold the pins: measuring now would record garbage."""


def check_base(root: Path, base: dict[str, object]) -> None:
    """Refuse to run when the main environment lacks a pinned framework release.

    Every overlay sees the pins through ``.venv``; a venv being reinstalled (or
    holding other versions) would turn every cell into a bogus failure.
    """
    installed = {str(p).split("==")[0]: str(p).split("==")[1] for p in base["packages"]}  # type: ignore[attr-defined]
    wrong = [
        f"{name}=={version} (found {installed.get(name, 'nothing')})"
        for name, version in pins(root).items()
        if name in REGISTRY_FRAMEWORKS and installed.get(name, "").split("+")[0] != version
    ]
    if wrong:
        raise BaseEnvironmentError(
            f"the main environment ({envs.base_python(root)}) does not hold the pins of "
            f"requirements/constraints.txt: {', '.join(wrong)}; run `make setup` first"
        )


def environment_key(spec: envs.EnvSpec, base: dict[str, object]) -> str:
    """Hash of what an environment is made from: its requirements on top of the pins."""
    blob = json.dumps([list(spec.requirements), base["python"], base["packages"]]).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class MatrixStats:
    cells: int = 0
    cached: int = 0
    executed: int = 0
    not_run: int = 0
    run_s: float = 0.0
    reports: list[str] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.cached / self.cells if self.cells else 1.0


Log = Callable[[str], None]


def _print(line: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {line}", flush=True)


def run_cell(root: Path, cell: Cell, env: envs.BuiltEnv, sha: str) -> CellResult:
    """Execute one cell in ``env``'s interpreter, sandboxed, and judge it."""
    job = ProcessJob(
        argv=[str(root / cell.program)],
        env=program_env(device="cpu", backend=cell.backend),
        timeout_s=cell.timeout_s,
        root=root,
        python=env.interpreter,
    )
    # SandboxUnavailable propagates: a machine without the sandbox says nothing about
    # a release, so it must stop the run rather than be written down as "not run".
    result = run(job)
    outcome = judge(result)
    reason = left_out(outcome, env.hidden)
    if reason:
        return _not_run(cell, sha, reason)
    return CellResult(
        program=cell.program,
        backend=cell.backend,
        source_sha256=sha,
        status=outcome.status,
        error=outcome.error,
        message=outcome.message,
        warnings=outcome.warnings,
        duration_s=round(result.duration_s, 2),
    )


def _not_run(cell: Cell, sha: str, reason: str) -> CellResult:
    return CellResult(
        program=cell.program, backend=cell.backend, source_sha256=sha,
        status="not-run", message=reason,
    )  # fmt: skip


def _environment(env: envs.BuiltEnv, key: str) -> ReportEnvironment:
    return ReportEnvironment(
        name=env.name,
        python=env.python,
        platform=env.platform,
        fingerprint=key,
        requirements=env.requirements,
        overlay=env.overlay,
        packages=env.packages,
        build_error=env.error,
        hidden=env.hidden,
        conflicts=env.conflicts,
    )


SharedResults = dict[tuple[str, str | None, str], CellResult]


def shared_results(root: Path, key: str) -> SharedResults:
    """Every measured cell of the reports made in the environment ``key``.

    Keyed by (program, backend, program sha256); "not run" cells are left out, since
    their reason can belong to one report (a ``requires`` on the varied framework).
    """
    found: SharedResults = {}
    for report in load_reports(root):
        if report.environment.fingerprint != key:
            continue
        for item in report.results:
            if item.status != "not-run":
                found.setdefault((item.program, item.backend, item.source_sha256), item)
    return found


def _split(
    root: Path,
    cells: list[Cell],
    old: Report | None,
    stats: MatrixStats,
    shared: SharedResults | None = None,
    applies: Callable[[Cell], bool] = lambda _cell: True,
) -> tuple[dict[tuple[str, str | None], CellResult], list[tuple[Cell, str]]]:
    """Results still valid (same program sha256, same environment key) and cells to run.

    ``shared``: cells measured by other reports in the same environment (see the
    module docstring); used where this report has no valid result of its own and
    the cell applies here (``applies``: the program declares no skip for it).
    """
    results: dict[tuple[str, str | None], CellResult] = {}
    todo: list[tuple[Cell, str]] = []
    for cell in cells:
        stats.cells += 1
        sha = sha256_of(root / cell.program)
        kept = old.result(cell.program, cell.backend) if old else None
        if (kept is None or kept.source_sha256 != sha) and shared and applies(cell):
            kept = shared.get((cell.program, cell.backend, sha))
        if kept is not None and kept.source_sha256 == sha:
            stats.cached += 1
            results[(cell.program, cell.backend)] = kept
            continue
        todo.append((cell, sha))
    return results, todo


def _save(
    root: Path,
    where: tuple[str, str, str | None],
    env: envs.BuiltEnv,
    key: str,
    cells: list[Cell],
    results: dict[tuple[str, str | None], CellResult],
    old: Report | None,
) -> Path:
    """Write the report: measured cells in plan order, then older cells kept as they were."""
    framework, version, backend = where
    merged = dict(results)
    for item in old.results if old else []:  # cells outside this selection stay
        merged.setdefault((item.program, item.backend), item)
    planned = [(c.program, c.backend) for c in cells]
    ordered = [merged[k] for k in planned if k in merged]
    ordered += [r for k, r in merged.items() if k not in set(planned)]
    report = Report(
        framework=framework,
        version=version,
        backend=backend,
        date=date.today().isoformat(),
        source="github-actions" if os.environ.get("GITHUB_ACTIONS") == "true" else "local",
        environment=_environment(env, key),
        results=ordered,
    )
    return write_report(root, report)


def run_release(
    root: Path,
    framework: str,
    version: str,
    *,
    stats: MatrixStats,
    jobs: int = 2,
    use_cache: bool = True,
    select: Callable[[Cell], bool] | None = None,
    log: Log = _print,
) -> None:
    """Bring every report of one release up to date (building its environment if needed)."""
    pinned = pins(root).get(framework)
    spec = envs.spec_for(framework, version, pinned)
    base = envs.describe(envs.base_python(root))
    check_base(root, base)
    key = environment_key(spec, base)
    env: envs.BuiltEnv | None = None
    shared: SharedResults | None = None
    for backend in report_keys(framework):
        path = report_path(root, framework, version, backend)
        old = read_report(path) if path.is_file() else None
        # Same environment: the old report's cells stay valid. --no-cache re-runs the
        # selected cells, but the cells outside the selection are kept either way.
        same_env = old is not None and old.environment.fingerprint == key
        fresh = same_env and use_cache
        cells = [c for c in cells_for(root, framework, backend) if select is None or select(c)]
        if shared is None and use_cache:  # the reports are read once per release
            shared = shared_results(root, key)
        results, todo = _split(
            root, cells, old if fresh else None, stats, shared,
            applies=lambda c: not c.skip_reason(version, pinned),
        )  # fmt: skip
        copied = [r for k, r in results.items() if old is None or old.result(*k) != r]
        if not todo and not copied:
            continue
        if env is None:
            started = time.monotonic()
            env = envs.ensure(root, spec)
            if not spec.is_base:
                log(f"env {env.name}: {'ok' if env.ok else env.error} "
                    f"({time.monotonic() - started:.0f} s)")  # fmt: skip
        suffix = f"-{backend}" if backend else ""
        name = f"{framework} {version}{suffix}"

        def one(item: tuple[Cell, str], env: envs.BuiltEnv = env) -> CellResult:
            cell, sha = item
            reason = cell.skip_reason(version, pinned)
            if not env.ok:
                return _not_run(cell, sha, f"could not install: {env.error}")
            if reason:
                return _not_run(cell, sha, reason)
            return run_cell(root, cell, env, sha)

        started = time.monotonic()
        kept = old if same_env else None
        if copied:
            log(f"{name}: {len(copied)} cell(s) copied from reports in the same environment")
            written = _save(root, (framework, version, backend), env, key, cells, results, kept)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for future in as_completed([pool.submit(one, item) for item in todo]):
                result = future.result()
                results[(result.program, result.backend)] = result
                stats.executed += result.status != "not-run"
                stats.not_run += result.status == "not-run"
                detail = f" {result.error}: {result.message}" if result.status == "fail" else ""
                log(f"{name} {result.program} {result.status}{detail} ({result.duration_s:.0f} s)")
                # Written after every cell, so an interrupted run keeps what it measured.
                written = _save(root, (framework, version, backend), env, key, cells, results, kept)
        stats.run_s += time.monotonic() - started
        stats.reports.append(str(written.relative_to(root)))


def ensure_sandbox() -> None:
    """Stop before any report is touched when programs cannot be sandboxed here.

    Without this check a machine lacking bubblewrap would overwrite every committed
    result with "not run: bwrap is not on PATH" (seen on a fresh machine, 2026-12-03).
    ``DLCOMPARE_SANDBOX=none`` is an explicit choice and passes.
    """
    if default_mode() == "bwrap":
        ensure_bwrap()


def run_matrix(
    root: Path,
    targets: list[tuple[str, str]],
    *,
    jobs: int = 2,
    use_cache: bool = True,
    select: Callable[[Cell], bool] | None = None,
    log: Log = _print,
) -> MatrixStats:
    ensure_sandbox()
    stats = MatrixStats()
    for framework, version in targets:
        run_release(
            root, framework, version, stats=stats, jobs=jobs, use_cache=use_cache,
            select=select, log=log,
        )  # fmt: skip
    log(
        f"matrix: {stats.cells} cells, {stats.cached} cached ({stats.hit_rate:.0%}), "
        f"{stats.executed} executed, {stats.not_run} not run, {stats.run_s:.0f} s running"
    )
    return stats


if (
    __name__ == "__main__"
):  # pragma: no cover - ad-hoc: python -m dlcompare.matrix.runner torch 2.15.0
    args = sys.argv[1:]
    run_matrix(Path.cwd(), list(zip(args[::2], args[1::2], strict=True)))
