"""Judge one finished run for the matrix: pass, warn, fail (with the error) or not run.

Pure functions over the executor's :class:`~dlcompare.executor.ProcessResult`, so
every rule has a test without running a framework.
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass, field

from dlcompare.executor import ProcessResult
from dlcompare.matrix.reports import CellStatus
from dlcompare.snippets.requirements import MODULE_DISTRIBUTIONS

#: Warning categories that announce a coming break; they make a passing cell "warn".
DEPRECATION_CATEGORIES = frozenset(
    {"DeprecationWarning", "PendingDeprecationWarning", "FutureWarning"}
)
#: The last line of a traceback: ``ImportError: cannot import name ...``.
_EXCEPTION_LINE = re.compile(
    r"^(?P<cls>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Unsupported|Failure|Warning))"
    r"(?::\s*(?P<msg>.*))?$"
)
MESSAGE_CAP = 300
#: Shell-style exit codes of a process that a signal killed (128 + number).
_SIGNAL_EXITS = frozenset({128 + signal.SIGSEGV, 128 + signal.SIGABRT, 128 + signal.SIGBUS})


def _signal_name(number: int) -> str:
    """``SIGSEGV (signal 11)``; a number Python does not know is shown bare."""
    try:
        return f"{signal.Signals(number).name} (signal {number})"
    except ValueError:
        return f"signal {number}"


@dataclass(frozen=True)
class Outcome:
    status: CellStatus
    error: str = ""
    message: str = ""
    warnings: list[str] = field(default_factory=list)


def exception_of(stderr: str) -> tuple[str, str]:
    """(class, first message line) of the last exception in a traceback, else ("", "")."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    for index in range(len(lines) - 1, -1, -1):
        match = _EXCEPTION_LINE.match(lines[index].strip())
        if match and not lines[index].startswith(" "):
            return match["cls"].rsplit(".", 1)[-1], (match["msg"] or "").strip()[:MESSAGE_CAP]
    return "", ""


def deprecations(result: ProcessResult) -> list[str]:
    """Distinct Deprecation/FutureWarning messages, first line each, in order seen."""
    seen: dict[str, None] = {}
    for row in result.warnings:
        category = str(row.get("category", ""))
        if category in DEPRECATION_CATEGORIES:
            first = (str(row.get("message", "")).strip().splitlines() or [""])[0]
            seen[f"{category}: {first[:MESSAGE_CAP]}"] = None
    return list(seen)


def judge(result: ProcessResult) -> Outcome:
    """How a cell ended; a sandbox that could not start is "not run", not "fail"."""
    if result.ended == "sandbox-error":
        return Outcome("not-run", message=result.message)
    if result.timed_out:
        return Outcome("fail", error="Timeout", message=result.message)
    code = result.returncode
    if code is not None and (code < 0 or code in _SIGNAL_EXITS):
        # A native crash leaves no traceback; its last stderr line is usually an
        # unrelated log line, so name the signal instead.
        number = -code if code < 0 else code - 128
        return Outcome("fail", error="Signal", message=f"killed by {_signal_name(number)}")
    if result.returncode != 0 or result.ended != "exited":
        cls, msg = exception_of(result.stderr)
        if not cls:
            tail = [line for line in result.stderr.splitlines() if line.strip()][-1:]
            return Outcome(
                "fail", error="Exit", message=(tail[0] if tail else result.message)[:MESSAGE_CAP]
            )
        return Outcome("fail", error=cls, message=msg)
    found = deprecations(result)
    return Outcome("warn" if found else "pass", warnings=found)


_MISSING_MODULE = re.compile(r"No module named '(?P<module>[\w.]+)'")


def left_out(outcome: Outcome, hidden: list[str]) -> str:
    """Why a failed cell is really "not run": it needs a pin its environment left out.

    ``hidden`` holds the environment's ``"name: why"`` entries (pins that the varied
    release breaks, so the overlay does not see them). A program that stops on
    ``No module named 'jax'`` there did not fail on that release; it could not be
    measured. Returns the reason, or "" when the failure is the program's own.
    """
    if outcome.status != "fail" or outcome.error != "ModuleNotFoundError":
        return ""
    match = _MISSING_MODULE.search(outcome.message)
    if not match:
        return ""
    module = match["module"].split(".")[0]
    wanted = _normal(MODULE_DISTRIBUTIONS.get(module, module))
    for entry in hidden:
        name, _, why = entry.partition(":")
        if _normal(name) == wanted:
            reason = f"needs {name.strip()}, which this environment leaves out ({why.strip()})"
            return reason[:MESSAGE_CAP]
    return ""


def _normal(distribution: str) -> str:
    """A distribution name as pip compares them (PEP 503: case, ``_`` and ``.`` fold)."""
    return re.sub(r"[-_.]+", "-", distribution.strip()).lower()
