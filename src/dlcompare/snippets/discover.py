"""Find the example programs and turn them into jobs (one per program and backend).

A program is ``snippets/<task>/<framework>.py``. Keras programs become one job per
Keras backend that is installed and that the program supports; the
``# dlcompare: backends = ...`` comment narrows the set and must say why.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from dlcompare.paths import FRAMEWORKS, KERAS_BACKENDS

DEFAULT_TIMEOUT_S = 180.0
_META = re.compile(r"^#\s*dlcompare:\s*(?P<key>[\w-]+)\s*=\s*(?P<value>.*?)\s*$")
_KNOWN_KEYS = {"backends", "backends-reason", "timeout"}
#: Import name of the package each Keras backend needs.
_BACKEND_MODULE = {"tensorflow": "tensorflow", "torch": "torch", "jax": "jax"}


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


def parse_program(root: Path, path: Path) -> Program:
    """Read one program's header metadata; unknown keys and bad values are errors."""
    rel = path.resolve().relative_to(root.resolve())
    framework = path.stem
    meta: dict[str, tuple[str, int]] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _META.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"]
        if key not in _KNOWN_KEYS:
            raise SnippetError(
                f"{rel}:{lineno}: unknown dlcompare metadata key {key!r}; "
                f"use one of {', '.join(sorted(_KNOWN_KEYS))}"
            )
        meta[key] = (value, lineno)

    timeout = DEFAULT_TIMEOUT_S
    if "timeout" in meta:
        value, lineno = meta["timeout"]
        try:
            timeout = float(value)
        except ValueError:
            raise SnippetError(
                f"{rel}:{lineno}: timeout must be a number of seconds, e.g. "
                f"'# dlcompare: timeout = 300', not {value!r}"
            ) from None

    backends: tuple[str, ...] = KERAS_BACKENDS if framework == "keras" else ()
    reason = meta.get("backends-reason", ("", 0))[0]
    if "backends" in meta:
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
        if set(chosen) != set(KERAS_BACKENDS) and not reason:
            raise SnippetError(
                f"{rel}:{lineno}: a program that skips a backend must say why: add "
                "'# dlcompare: backends-reason = <why>'"
            )
        backends = chosen

    return Program(
        path=rel,
        task=path.parent.name,
        framework=framework,
        source_sha256=sha256_file(path),
        timeout_s=timeout,
        backends=backends,
        backends_reason=reason,
    )


def discover(root: Path, selectors: list[str] | None = None) -> list[Program]:
    """All example programs under ``root/snippets``, optionally filtered.

    A selector is a task (``cnn``), a task and framework (``cnn/keras``) or a path
    (``snippets/cnn/keras.py``).
    """
    programs = []
    for framework in FRAMEWORKS:
        for path in sorted((root / "snippets").glob(f"*/{framework}.py")):
            programs.append(parse_program(root, path))
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
    return tuple(b for b in KERAS_BACKENDS if importlib.util.find_spec(_BACKEND_MODULE[b]))


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
