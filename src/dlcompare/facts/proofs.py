"""Concordance proofs: run the equivalence programs, judge each row, keep the measurement.

A concordance row with ``proof: {program, expect, tolerance}`` is proven by a
program under ``snippets/concordance/`` that feeds the same inputs through each
framework's call and prints ``row <id>: equal|differs max_abs=<x> tol=<t>
[reason=...]``. The programs run through the fact-check runner
(:func:`dlcompare.facts.checks.run_checks`: fresh interpreter, cache keyed by the
program and the framework versions); this module only parses their output, judges
each row against *its data's* tolerance and ``expect``, and writes what was measured
to ``data/concordance-proofs.json`` so the migration page can show the number
without running a framework (a fresh clone builds the site from that file).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dlcompare.facts.checks import CheckResult, run_checks
from dlcompare.facts.concordance import CONCORDANCE_FILE, Loaded, proof_rows
from dlcompare.validation import Problem, shorten
from dlcompare.yamlio import line_of

RECORD_FILE = Path("data/concordance-proofs.json")
_LINE = re.compile(
    r"^row (?P<id>[a-z0-9][a-z0-9-]*): (?P<verdict>equal|differs) "
    r"max_abs=(?P<max_abs>\S+) tol=(?P<tol>\S+)(?: reason=(?P<reason>.+))?$"
)


@dataclass(frozen=True)
class Measurement:
    """What a proof program printed for one row."""

    row: str
    verdict: str  # the program's own verdict, against its own tolerance
    max_abs: float
    tol: float
    reason: str | None = None


def parse_output(stdout: str) -> dict[str, Measurement]:
    """The ``row <id>: ...`` lines of a program's output, by row id (other lines ignored)."""
    found: dict[str, Measurement] = {}
    for line in stdout.splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        try:
            max_abs, tol = float(match["max_abs"]), float(match["tol"])
        except ValueError:
            continue
        reason = match["reason"].strip() if match["reason"] else None
        found[match["id"]] = Measurement(match["id"], match["verdict"], max_abs, tol, reason)
    return found


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the record the page reads ------------------------------------------------------------


@dataclass(frozen=True)
class ProgramRecord:
    """One program's last measurement, as stored in data/concordance-proofs.json."""

    sha256: str
    measured: str  # ISO date
    duration_s: float
    passed: bool
    versions: dict[str, str]
    rows: dict[str, Measurement]


def read_record(root: Path) -> dict[str, ProgramRecord]:
    """The committed measurements by program path; empty when absent or unreadable."""
    path = root / RECORD_FILE
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        programs = payload["programs"]
        return {
            program: ProgramRecord(
                sha256=str(entry["sha256"]),
                measured=str(entry["measured"]),
                duration_s=float(entry["duration_s"]),
                passed=bool(entry["passed"]),
                versions={str(k): str(v) for k, v in entry["versions"].items()},
                rows={rid: Measurement(**m) for rid, m in entry["rows"].items()},
            )
            for program, entry in programs.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_record(root: Path, records: dict[str, ProgramRecord]) -> bool:
    """Write the record (sorted, stable) when it changed; True when the file was written."""
    payload: dict[str, Any] = {
        "about": "measured by `dlcompare check` from snippets/concordance/*.py; do not edit",
        "programs": {
            program: {**asdict(rec), "rows": {k: asdict(v) for k, v in sorted(rec.rows.items())}}
            for program, rec in sorted(records.items())
        },
    }
    text = json.dumps(payload, indent=1, sort_keys=True) + "\n"
    path = root / RECORD_FILE
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _versions() -> dict[str, str]:
    from dlcompare.executor.environment import package_versions

    wanted = ("torch", "tensorflow", "keras")
    return {k: v for k, v in package_versions().items() if k in wanted}


def refresh_record(
    root: Path, results: dict[str, CheckResult], today: date | None = None
) -> dict[str, ProgramRecord]:
    """Fold fresh results into the record; an unchanged measurement keeps its date."""
    records = read_record(root)
    versions = _versions()
    for program, result in results.items():
        path = root / program
        if not path.is_file():
            continue
        rows = parse_output(result.output)
        sha = sha256_of(path)
        old = records.get(program)
        if old and old.sha256 == sha and old.rows == rows and old.versions == versions:
            continue
        records[program] = ProgramRecord(
            sha256=sha,
            measured=(today or date.today()).isoformat(),
            duration_s=round(result.duration_s, 1),
            passed=result.passed,
            versions=versions,
            rows=rows,
        )
    return records


# --- running and judging --------------------------------------------------------------------


def proof_programs(loaded: Loaded | None) -> list[str]:
    if loaded is None or loaded.data is None:
        return []
    programs = [row.proof.program for _, row in proof_rows(loaded.data) if row.proof]
    return list(dict.fromkeys(programs))


def run_proofs(
    root: Path, loaded: Loaded | None, *, jobs: int = 2, use_cache: bool = True
) -> dict[str, CheckResult]:
    """Run every proof program once (through the fact-check runner and its cache)."""
    programs = [p for p in proof_programs(loaded) if (root / p).is_file()]
    results = run_checks(root, programs, jobs=jobs, use_cache=use_cache)
    # a cache entry written before the runner kept stdout has no rows to read: re-run it
    stale = [p for p, r in results.items() if r.cached and not parse_output(r.output)]
    if stale:
        results.update(run_checks(root, stale, jobs=jobs, use_cache=False))
    return results


def _problem(line: int, message: str, severity: str = "error") -> Problem:
    return Problem(
        CONCORDANCE_FILE.as_posix(),
        line,
        message,
        severity="warning" if severity == "warning" else "error",
        rule="concordance-proof",
    )


def judge(
    loaded: Loaded | None,
    measured: dict[str, dict[str, Measurement]],
    failures: dict[str, str] | None = None,
) -> list[Problem]:
    """Each proven row against what its program measured (by program, then row id).

    ``failures`` holds the message of programs that exited non-zero; a row without a
    line from such a program reports that message.
    """
    if loaded is None or loaded.data is None:
        return []
    failures = failures or {}
    problems: list[Problem] = []
    for here, row in proof_rows(loaded.data):
        proof = row.proof
        if proof is None or (proof.program not in measured and proof.program not in failures):
            continue
        line = line_of(loaded.lines, (*here, "proof"))
        got = measured.get(proof.program, {}).get(str(row.id))
        if got is None:
            why = failures.get(proof.program)
            detail = f" (it failed: {shorten(why, 160)})" if why else ""
            problems.append(
                _problem(
                    line,
                    f"row {row.id}: {proof.program} printed no `row {row.id}:` line{detail}; "
                    "add the row to the program or fix the id",
                )
            )
            continue
        equal = got.max_abs <= proof.tolerance
        if proof.expect == "equal" and not equal:
            problems.append(
                _problem(
                    line,
                    f"row {row.id}: expected equal but {proof.program} measured "
                    f"max_abs={got.max_abs:.2g}, above the tolerance {proof.tolerance:g}; "
                    "fix the mapping, or set `expect: differs` and print the reason",
                )
            )
        elif proof.expect == "differs" and equal:
            problems.append(
                _problem(
                    line,
                    f"row {row.id}: declared `differs` but {proof.program} measured "
                    f"max_abs={got.max_abs:.2g}, within the tolerance {proof.tolerance:g}; "
                    "set `expect: equal` or make the program show the difference",
                )
            )
        elif proof.expect == "differs" and not got.reason:
            problems.append(
                _problem(
                    line,
                    f"row {row.id}: {proof.program} printed no `reason=` for a difference; "
                    "say why the frameworks disagree",
                )
            )
    return problems


def check_with_programs(
    root: Path, loaded: Loaded | None, *, jobs: int = 2, use_cache: bool = True
) -> tuple[list[Problem], dict[str, CheckResult]]:
    """``dlcompare check``: run the proofs, judge every row, refresh the record."""
    results = run_proofs(root, loaded, jobs=jobs, use_cache=use_cache)
    if not results:
        return [], results
    write_record(root, refresh_record(root, results))
    measured = {p: parse_output(r.output) for p, r in results.items()}
    failures = {p: r.message for p, r in results.items() if not r.passed}
    return judge(loaded, measured, failures), results


def check_record(root: Path, loaded: Loaded | None) -> list[Problem]:
    """Without running programs (the site build): judge the committed measurements.

    A program changed since its measurement, or a proven row never measured, is a
    warning: ``dlcompare check`` (run by ``make test``) refreshes the record.
    """
    if loaded is None or loaded.data is None:
        return []
    records = read_record(root)
    problems: list[Problem] = []
    current: dict[str, dict[str, Measurement]] = {}
    for here, row in proof_rows(loaded.data):
        proof = row.proof
        if proof is None or not (root / proof.program).is_file():
            continue
        line = line_of(loaded.lines, (*here, "proof"))
        rec = records.get(proof.program)
        if rec is None or str(row.id) not in rec.rows:
            problems.append(
                _problem(
                    line,
                    f"row {row.id}: not measured yet; run `dlcompare check` to run "
                    f"{proof.program} and record the result in {RECORD_FILE.as_posix()}",
                    "warning",
                )
            )
            continue
        if rec.sha256 != sha256_of(root / proof.program):
            problems.append(
                _problem(
                    line,
                    f"row {row.id}: {proof.program} changed since it was measured; run "
                    "`dlcompare check` to measure it again",
                    "warning",
                )
            )
            continue
        current.setdefault(proof.program, rec.rows)
    return problems + judge(loaded, current)


Measured = dict[tuple[str, str], tuple[Measurement, ProgramRecord]]


def measurements(root: Path) -> Measured:
    """Every recorded measurement by (program, row id), with its program's record."""
    return {
        (program, row_id): (measurement, rec)
        for program, rec in read_record(root).items()
        for row_id, measurement in rec.rows.items()
    }
