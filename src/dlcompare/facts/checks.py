"""Run the executable checks of facts (``check: snippets/facts/<name>.py``).

A check program is tiny: it imports what it needs, asserts the fact, prints one
line and exits 0; an ``AssertionError`` (exit 1) means the fact no longer holds.
Programs run through the executor (a fresh, sandboxed interpreter each), two at a
time. A passing result is cached in the executor's content-hash cache under
``.cache/dlcompare/fact-checks/``, keyed by the program's sha256, the installed
framework versions and the sandbox mode, so a re-run with nothing changed is
instant; failures are never cached. Each program that runs prints one progress line
on stderr as it finishes (a cold run is minutes of work, and CI logs showed nothing
between "dlcompare check" and the summary).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from dlcompare.executor.cache import CACHE_ROOT, ContentCache, content_key

CACHE_NAME = "fact-checks"
CACHE_DIR = CACHE_ROOT / CACHE_NAME
DEFAULT_TIMEOUT_S = 180.0


@dataclass
class CheckResult:
    program: str  # relative path, e.g. snippets/facts/license.py
    passed: bool
    message: str  # the program's last line of output (or why it failed)
    duration_s: float
    cached: bool = False
    output: str = ""  # the program's whole stdout (concordance proofs read every line)
    sandbox: str = "bwrap"


def _fingerprint() -> str:
    from dlcompare.executor.environment import current

    return current().fingerprint()


def cache_key(root: Path, program: str, fingerprint: str, sandbox: str = "bwrap") -> str:
    source = hashlib.sha256((root / program).read_bytes()).hexdigest()
    return content_key({"source": source, "environment": fingerprint, "sandbox": sandbox})


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
    from dlcompare.executor.execute import program_env, run_program
    from dlcompare.executor.sandbox import SandboxUnavailable

    try:
        env = program_env(device="cpu")
        result = run_program(root, Path(program), env=env, timeout_s=timeout_s)
    except SandboxUnavailable as exc:
        return CheckResult(program, False, str(exc), 0.0)
    mode = result.sandbox
    if result.timed_out:
        message = f"timed out after {timeout_s:.0f} s"
        return CheckResult(program, False, message, result.duration_s, sandbox=mode)
    if result.ended != "exited" or result.returncode != 0:
        message = _failure_message(result.stdout, result.stderr, result.returncode)
        if result.ended != "exited" or result.network_blocked:
            message += f" ({result.message})"
        return CheckResult(
            program, False, message, result.duration_s, sandbox=mode, output=result.stdout
        )
    line = _last_line(result.stdout) or "ok"
    return CheckResult(program, True, line, result.duration_s, sandbox=mode, output=result.stdout)


def run_checks(
    root: Path,
    programs: list[str],
    *,
    jobs: int = 2,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    use_cache: bool = True,
    progress: TextIO | None = None,
) -> dict[str, CheckResult]:
    """Run each distinct program once (cache first); return results by program path.

    ``progress`` (stderr unless given) gets a line per program run, as each finishes.
    """
    from dlcompare.executor.sandbox import default_mode

    unique = list(dict.fromkeys(programs))
    results: dict[str, CheckResult] = {}
    todo: list[str] = []
    cache = ContentCache(root, CACHE_NAME)
    fingerprint = _fingerprint() if unique else ""
    mode = default_mode()
    keys = {}
    for program in unique:
        if not (root / program).is_file():
            results[program] = CheckResult(program, False, "program not found", 0.0)
            continue
        keys[program] = cache_key(root, program, fingerprint, mode)
        text = cache.get_text(keys[program]) if use_cache else None
        if text is not None:
            try:
                payload = json.loads(text)
                results[program] = CheckResult(
                    program,
                    True,
                    payload.get("message", "ok"),
                    0.0,
                    cached=True,
                    sandbox=mode,
                    output=payload.get("output", ""),
                )
                continue
            except json.JSONDecodeError:
                pass
        todo.append(program)
    if todo:
        out = progress or sys.stderr
        workers = max(1, jobs)
        cached = len(unique) - len(todo)
        print(
            f"  running {len(todo)} check program(s), {workers} at a time"
            + (f" ({cached} from the cache)" if cached else ""),
            file=out,
            flush=True,
        )
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run_one, root, p, timeout_s=timeout_s) for p in todo]
            for done, future in enumerate(as_completed(futures), start=1):
                result = future.result()
                mark = "✓" if result.passed else "✗"
                print(
                    f"  [{done}/{len(todo)}] {mark} {result.program} ({result.duration_s:.1f} s)",
                    file=out,
                    flush=True,
                )
                results[result.program] = result
                if result.passed:
                    payload = {**asdict(result), "fingerprint": fingerprint, "at": time.time()}
                    cache.put_text(keys[result.program], json.dumps(payload, indent=1))
    return results
