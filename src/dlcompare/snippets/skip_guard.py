"""The silent-skip guard: a run that never really exercised its framework fails.

An example can pass for the wrong reason: a program that returns before its work
(an early ``sys.exit(0)``, a ``try: import torch / except ImportError: pass``) still
exits 0 and may print a plausible summary. The committed record would then tell
readers that code ran which never did. So, besides its exit status, a run must show
evidence, from the bootstrap's exit probe, that it did what its file name says:

* it imported its framework's module (:data:`~dlcompare.vocabulary.FRAMEWORK_MODULES`);
* for Keras, Keras really ran on the backend the job asked for, so a program that
  sets ``KERAS_BACKEND`` itself cannot pass as a run on another backend;
* it did not finish implausibly fast against its committed record: under
  :data:`TOO_FAST_RATIO` of the recorded duration *and* under :data:`TOO_FAST_S`,
  checked only when the record took at least :data:`MIN_RECORDED_S` (shorter
  records are too noisy to compare with).

Each rule returns problems in the runner's usual form: the file, what was expected,
and the fix. Only example programs are guarded; fact checks are snippets of a few
lines whose output is their evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dlcompare.snippets.discover import Job
from dlcompare.snippets.records import Record
from dlcompare.vocabulary import BACKEND_MODULES, FRAMEWORK_LABELS, FRAMEWORK_MODULES

#: A run is too fast when it took less than this share of its committed record …
TOO_FAST_RATIO = 0.10
#: … and less than this many seconds (an absolute floor: a framework import alone costs more).
TOO_FAST_S = 0.5
#: Records shorter than this are not compared with (start-up noise dominates them).
MIN_RECORDED_S = 1.0
#: How to turn the guard off for one run, e.g. after a program genuinely got faster.
OPT_OUT = "dlcompare run --no-skip-guard"


@dataclass(frozen=True)
class Evidence:
    """What the exit probes of one run (the program and any child process) saw."""

    probed: bool  # at least one probe was written (the interpreter exited normally)
    imported: frozenset[str]
    keras_backends: frozenset[str]


def evidence(probes: Iterable[Mapping[str, Any]]) -> Evidence:
    """Merge every probe of a run: a framework counts if any of its processes used it."""
    probed, imported, backends = False, set[str](), set[str]()
    for probe in probes:
        if "imported" not in probe:
            continue  # a probe without the field (an older bootstrap) proves nothing
        probed = True
        imported.update(str(name) for name in probe.get("imported") or ())
        if probe.get("keras_backend"):
            backends.add(str(probe["keras_backend"]))
    return Evidence(probed, frozenset(imported), frozenset(backends))


def check_imports(job: Job, seen: Evidence) -> list[str]:
    """The framework (and, for Keras, the asked-for backend) was really used."""
    program = job.program
    path = program.path.as_posix()
    if not seen.probed:
        return [
            f"{path}: the runner's exit probe never reported, so nothing shows the program ran "
            f"{_label(job)}; let it end normally (no os._exit, no os.exec*), so its run can be "
            "checked"
        ]
    module = _lookup(FRAMEWORK_MODULES, program.framework)
    if module is None:
        return []
    if module not in seen.imported:
        return [
            f"{path}: never imported {module}, so it did not run {_label(job)} code; an example "
            f"must exercise its framework: import {module} and do the work with it (a program "
            "that is not an example belongs outside snippets/)"
        ]
    if job.backend is None:
        return []
    if job.backend not in seen.keras_backends:
        ran = ", ".join(sorted(seen.keras_backends)) or "no backend"
        backend_module = _lookup(BACKEND_MODULES, job.backend)
        return [
            f"{path}: this run was for Keras on {job.backend} (KERAS_BACKEND={job.backend}), "
            f"but Keras initialised {ran}; the runner chooses the backend: do not set "
            "KERAS_BACKEND or call keras.config.set_backend() in the program, and let Keras "
            f"import {backend_module or job.backend} itself"
        ]
    return []


def check_duration(job: Job, duration_s: float, committed: Record | None) -> list[str]:
    """The run did not end implausibly fast against its committed, passing record."""
    if committed is None or not committed.passed or committed.duration_s < MIN_RECORDED_S:
        return []
    recorded = committed.duration_s
    if duration_s >= TOO_FAST_RATIO * recorded or duration_s >= TOO_FAST_S:
        return []
    path = job.program.path.as_posix()
    return [
        f"{path}: finished in {duration_s:.2f} s, under {TOO_FAST_RATIO:.0%} of the "
        f"{recorded:.1f} s its committed record took, which usually means it skipped its work "
        "(an early exit, a missing framework); find what it skipped, or, if the program really "
        f"is this fast now, refresh its record once with `{OPT_OUT} {job.program.task}/"
        f"{job.program.framework}`"
    ]


def check_run(
    job: Job,
    probes: Iterable[Mapping[str, Any]],
    duration_s: float,
    committed: Record | None,
) -> list[str]:
    """Every skip-guard problem of one finished, otherwise passing run."""
    return check_imports(job, evidence(probes)) + check_duration(job, duration_s, committed)


def _lookup(table: Mapping[Any, str], key: str) -> str | None:
    """``table[key]`` for a vocabulary table keyed by a Literal, from a plain string."""
    return table.get(key)


def _label(job: Job) -> str:
    label = _lookup(FRAMEWORK_LABELS, job.program.framework) or job.program.framework
    return f"{label} on {job.backend}" if job.backend else label
