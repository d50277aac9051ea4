"""Find the example programs and turn them into jobs (one per program and backend).

A program is ``snippets/<task>/<framework>.py``. Keras programs become one job per
Keras backend that is installed and that the program supports; the
``# dlcompare: backends = ...`` comment narrows the set and must say why.

Every ``# dlcompare:`` directive is validated here (known keys only, each value
checked), because a typo'd directive silently does nothing and a ``timeout = nan``
once crashed the whole run. A program with a bad directive does not stop discovery:
it becomes a :class:`Program` carrying its ``error``, which the runner reports as a
failed run while every other program still runs.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import math
import re
from dataclasses import dataclass
from pathlib import Path

from dlcompare.vocabulary import BACKEND_MODULES, FRAMEWORKS, KERAS_BACKENDS, Backend

DEFAULT_TIMEOUT_S = 180.0
#: No example may ask for more: a CI job is 30 min on two cores for the whole suite.
MAX_TIMEOUT_S = 1800.0
_DIRECTIVE = re.compile(r"^#\s*dlcompare\s*:(?P<rest>.*)$")
#: Any runner header comment: ``# dlcompare: …`` and ``# dlcompare-matrix: …``.
_ANY_DIRECTIVE = re.compile(r"^\s*#\s*dlcompare(?:-[\w-]+)?\s*:")
_META = re.compile(r"^\s*(?P<key>[\w-]+)\s*=\s*(?P<value>.*?)\s*$")
_KNOWN_KEYS = {"backends", "backends-reason", "timeout", "varying"}
_EXAMPLE = "'# dlcompare: timeout = 300'"


class SnippetError(ValueError):
    """A program's metadata is wrong; the message names file, line and fix."""


@dataclass(frozen=True)
class Program:
    """One example program on disk and what its header comments ask for."""

    path: Path  # relative to the project root, e.g. snippets/cnn/keras.py
    task: str
    framework: str
    source_sha256: str
    timeout_s: float = DEFAULT_TIMEOUT_S
    backends: tuple[str, ...] = ()  # Keras only: the backends the program supports
    backends_reason: str = ""
    #: Regular expression of output lines allowed to differ between runs.
    varying: str | None = None
    #: Why the program cannot be run as written (a bad directive); it then fails.
    error: str | None = None


@dataclass(frozen=True)
class Job:
    """A program run under one configuration: the unit the runner schedules and records."""

    program: Program
    backend: str | None = None  # Keras backend, None for torch/TF programs

    @property
    def label(self) -> str:
        suffix = f" [{self.backend}]" if self.backend else ""
        return f"{self.program.task}/{self.program.framework}{suffix}"

    @property
    def record_name(self) -> str:
        """File name of this job's run record inside ``data/runs/<device>/<task>/``."""
        if self.backend:
            return f"{self.program.framework}-{self.backend}.json"
        return f"{self.program.framework}.json"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _unknown_key(rel: Path, lineno: int, key: str) -> SnippetError:
    close = difflib.get_close_matches(key, sorted(_KNOWN_KEYS), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return SnippetError(
        f"{rel}:{lineno}: unknown dlcompare metadata key {key!r}; {hint}"
        f"use one of {', '.join(sorted(_KNOWN_KEYS))}"
    )


def read_directives(rel: Path, text: str) -> dict[str, tuple[str, int]]:
    """``key -> (value, line)`` of every ``# dlcompare: key = value`` comment."""
    meta: dict[str, tuple[str, int]] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        directive = _DIRECTIVE.match(line.strip())
        if not directive:
            continue
        match = _META.match(directive["rest"])
        if not match:
            raise SnippetError(
                f"{rel}:{lineno}: a dlcompare directive is '# dlcompare: <key> = <value>', "
                f"e.g. {_EXAMPLE}"
            )
        key, value = match["key"], match["value"]
        if key not in _KNOWN_KEYS:
            raise _unknown_key(rel, lineno, key)
        if key in meta:
            raise SnippetError(
                f"{rel}:{lineno}: {key!r} is already set on line {meta[key][1]}; keep one"
            )
        meta[key] = (value, lineno)
    return meta


def directive_lines(text: str) -> list[int]:
    """Line numbers (1-based) of every runner directive, so pages can leave them out.

    Directives are instructions to the runner and the release matrix, not part of
    the lesson; the shown code skips them while the downloadable file keeps them.
    """
    return [n for n, line in enumerate(text.splitlines(), start=1) if _ANY_DIRECTIVE.match(line)]


def parse_timeout(rel: Path, value: str, lineno: int) -> float:
    """A positive, finite number of seconds, at most :data:`MAX_TIMEOUT_S`."""
    try:
        timeout = float(value)
    except ValueError:
        raise SnippetError(
            f"{rel}:{lineno}: timeout must be a number of seconds, e.g. {_EXAMPLE}, not {value!r}"
        ) from None
    if not math.isfinite(timeout) or timeout <= 0 or timeout > MAX_TIMEOUT_S:
        raise SnippetError(
            f"{rel}:{lineno}: timeout must be a number of seconds above 0 and at most "
            f"{MAX_TIMEOUT_S:.0f}, e.g. {_EXAMPLE}, not {value!r}"
        )
    return timeout


def parse_backends(rel: Path, framework: str, meta: dict[str, tuple[str, int]]) -> tuple[str, ...]:
    backends: tuple[Backend, ...] = KERAS_BACKENDS if framework == "keras" else ()
    if "backends" not in meta:
        return backends
    value, lineno = meta["backends"]
    if framework != "keras":
        raise SnippetError(
            f"{rel}:{lineno}: only keras.py programs choose backends; remove this line"
        )
    chosen = tuple(b.strip() for b in value.split(",") if b.strip())
    unknown = [b for b in chosen if b not in KERAS_BACKENDS]
    if unknown or not chosen:
        raise SnippetError(
            f"{rel}:{lineno}: unknown Keras backend(s) {unknown or value!r}; "
            f"choose from {', '.join(KERAS_BACKENDS)}"
        )
    if set(chosen) != set(KERAS_BACKENDS) and not meta.get("backends-reason", ("", 0))[0]:
        raise SnippetError(
            f"{rel}:{lineno}: a program that skips a backend must say why: add "
            "'# dlcompare: backends-reason = <why>'"
        )
    return chosen


def parse_varying(rel: Path, meta: dict[str, tuple[str, int]]) -> str | None:
    if "varying" not in meta:
        return None
    value, lineno = meta["varying"]
    try:
        re.compile(value)
    except re.error as exc:
        raise SnippetError(
            f"{rel}:{lineno}: varying must be a regular expression of the output lines that "
            f"may differ between runs ({exc})"
        ) from None
    if not value or re.search(value, ""):
        raise SnippetError(
            f"{rel}:{lineno}: varying = {value!r} matches every line; name the lines that "
            "vary, e.g. '# dlcompare: varying = ^took '"
        )
    return value


def parse_program(root: Path, path: Path) -> Program:
    """Read one program's header metadata; unknown keys and bad values are errors."""
    rel = path.resolve().relative_to(root.resolve())
    framework = path.stem
    meta = read_directives(rel, path.read_text(encoding="utf-8"))
    timeout = DEFAULT_TIMEOUT_S
    if "timeout" in meta:
        timeout = parse_timeout(rel, *meta["timeout"])
    return Program(
        path=rel,
        task=path.parent.name,
        framework=framework,
        source_sha256=sha256_file(path),
        timeout_s=timeout,
        backends=parse_backends(rel, framework, meta),
        backends_reason=meta.get("backends-reason", ("", 0))[0],
        varying=parse_varying(rel, meta),
    )


def load_program(root: Path, path: Path) -> Program:
    """Like :func:`parse_program`, but a bad directive gives a failing program, not an error.

    One contributor's typo must not hide every other program's result.
    """
    try:
        return parse_program(root, path)
    except (SnippetError, UnicodeDecodeError) as exc:
        rel = path.resolve().relative_to(root.resolve())
        message = str(exc)
        if isinstance(exc, UnicodeDecodeError):
            message = f"{rel}:1: the program is not UTF-8 ({exc.reason}); save it as UTF-8"
        framework = path.stem
        return Program(
            path=rel,
            task=path.parent.name,
            framework=framework,
            source_sha256=sha256_file(path),
            backends=KERAS_BACKENDS if framework == "keras" else (),
            error=message,
        )


def discover(root: Path, selectors: list[str] | None = None) -> list[Program]:
    """All example programs under ``root/snippets``, optionally filtered.

    A selector is a task (``cnn``), a task and framework (``cnn/keras``) or a path
    (``snippets/cnn/keras.py``).
    """
    programs = []
    for framework in FRAMEWORKS:
        for path in sorted((root / "snippets").glob(f"*/{framework}.py")):
            programs.append(load_program(root, path))
    programs.sort(key=lambda p: (p.task, FRAMEWORKS.index(p.framework)))
    if not selectors:
        return programs
    chosen = [p for p in programs if any(_selected(p, s) for s in selectors)]
    unmatched = [s for s in selectors if not any(_selected(p, s) for p in programs)]
    if unmatched:
        tasks = sorted({p.task for p in programs})
        raise SnippetError(
            f"no example program matches {', '.join(unmatched)}; known tasks: {', '.join(tasks)}"
        )
    return chosen


def _selected(program: Program, selector: str) -> bool:
    selector = selector.strip().rstrip("/")
    if selector.startswith("snippets/"):
        return str(program.path) == selector or program.path.parent.as_posix() == selector
    if "/" in selector:
        task, framework = selector.split("/", 1)
        return program.task == task and program.framework == framework
    return program.task == selector


def installed_backends() -> tuple[str, ...]:
    """Keras backends whose package can be imported here (checked without importing it)."""
    return tuple(b for b in KERAS_BACKENDS if importlib.util.find_spec(BACKEND_MODULES[b]))


def jobs_for(programs: list[Program], backends: tuple[str, ...] | None = None) -> list[Job]:
    """Expand programs into jobs; Keras programs get one job per usable backend."""
    available = installed_backends() if backends is None else backends
    jobs: list[Job] = []
    for program in programs:
        if program.framework == "keras":
            jobs.extend(Job(program, b) for b in program.backends if b in available)
        else:
            jobs.append(Job(program))
    return jobs
