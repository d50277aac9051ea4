"""Run the executable checks of facts (``check: snippets/facts/<name>.py``).

A check program is tiny: it imports what it needs, asserts the fact, prints one
line and exits 0; an ``AssertionError`` (exit 1) means the fact no longer holds.
Programs run in a fresh interpreter through the snippet runner's ``run_program``,
two at a time. A passing result is cached under ``.cache/dlcompare/fact-checks/``
keyed by the sha256 of the program plus the installed framework versions, so a
re-run with nothing changed is instant; failures are never cached.
"""

from __future__ import annotations

import hashlib
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

CACHE_DIR = Path(".cache/dlcompare/fact-checks")
DEFAULT_TIMEOUT_S = 180.0


@dataclass
class CheckResult:
    program: str  # relative path, e.g. snippets/facts/license.py
    passed: bool
    message: str  # the program's last line of output (or why it failed)
    duration_s: float
    cached: bool = False
    output: str = ""  # the program's whole stdout (concordance proofs read every line)


def _fingerprint() -> str:
    from dlcompare.snippets.environment import current

    return current().fingerprint()


def cache_key(root: Path, program: str, fingerprint: str) -> str:
    digest = hashlib.sha256()
    digest.update((root / program).read_bytes())
    digest.update(b"\0")
    digest.update(fingerprint.encode())
    return digest.hexdigest()


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _failure_message(stdout: str, stderr: str, returncode: int | None) -> str:
    """The most useful line: the exception at the end of the traceback."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "Exception" in line or line.startswith("assert"):
            return line
    return _last_line(stderr) or _last_line(stdout) or f"exited with status {returncode}"


def run_one(root: Path, program: str, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> CheckResult:
    from dlcompare.snippets.execute import program_env, run_program

    result = run_program(root, root / program, env=program_env(device="cpu"), timeout_s=timeout_s)
    if result.timed_out:
        return CheckResult(program, False, f"timed out after {timeout_s:.0f} s", result.duration_s)
    if result.returncode != 0:
        message = _failure_message(result.stdout, result.stderr, result.returncode)
        return CheckResult(program, False, message, result.duration_s, output=result.stdout)
    return CheckResult(
        program, True, _last_line(result.stdout) or "ok", result.duration_s, output=result.stdout
    )


def run_checks(
    root: Path,
    programs: list[str],
    *,
    jobs: int = 2,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    use_cache: bool = True,
) -> dict[str, CheckResult]:
    """Run each distinct program once (cache first); return results by program path."""
    unique = list(dict.fromkeys(programs))
    results: dict[str, CheckResult] = {}
    todo: list[str] = []
    cache_dir = root / CACHE_DIR
    fingerprint = _fingerprint() if unique else ""
    keys = {}
    for program in unique:
        if not (root / program).is_file():
            results[program] = CheckResult(program, False, "program not found", 0.0)
            continue
        keys[program] = cache_key(root, program, fingerprint)
        cached = cache_dir / f"{keys[program]}.json"
        if use_cache and cached.is_file():
            try:
                payload = json.loads(cached.read_text(encoding="utf-8"))
                results[program] = CheckResult(
                    program,
                    True,
                    payload.get("message", "ok"),
                    0.0,
                    cached=True,
                    output=payload.get("output", ""),
                )
                continue
            except (OSError, json.JSONDecodeError):
                pass
        todo.append(program)
    if todo:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for result in pool.map(lambda p: run_one(root, p, timeout_s=timeout_s), todo):
                results[result.program] = result
                if result.passed:
                    cache_dir.mkdir(parents=True, exist_ok=True)
                    payload = {**asdict(result), "fingerprint": fingerprint, "at": time.time()}
                    (cache_dir / f"{keys[result.program]}.json").write_text(
                        json.dumps(payload, indent=1), encoding="utf-8"
                    )
    return results
