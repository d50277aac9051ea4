"""The silent-skip guard, rule by rule, on hand-made probes and records."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.snippets.discover import Job, Program
from dlcompare.snippets.records import Record
from dlcompare.snippets.skip_guard import (
    MIN_RECORDED_S,
    TOO_FAST_S,
    check_duration,
    check_imports,
    check_run,
    evidence,
)
from dlcompare.snippets.warnings_policy import policy_hash
from dlcompare.vocabulary import BACKEND_MODULES, FRAMEWORK_IMPORTS, FRAMEWORK_MODULES


def job(framework: str, backend: str | None = None) -> Job:
    program = Program(
        path=Path(f"snippets/cnn/{framework}.py"),
        task="cnn",
        framework=framework,
        source_sha256="0" * 64,
    )
    return Job(program, backend)


def probe(*imported: str, keras_backend: str | None = None) -> dict[str, object]:
    return {"pid": 1, "frameworks": {}, "imported": list(imported), "keras_backend": keras_backend}


def committed(duration_s: float, status: str = "passed") -> Record:
    return Record.model_validate(
        {
            "snippet": "snippets/cnn/pytorch.py",
            "task": "cnn",
            "framework": "pytorch",
            "source_sha256": "0" * 64,
            "status": status,
            "device": "cpu",
            "device_name": "a CPU",
            "python": "3.11.2",
            "platform": "Linux x86_64",
            "packages": {},
            "env_fingerprint": "0",
            "date": "2026-12-03T00:00:00+00:00",
            "duration_s": duration_s,
            "returncode": 0,
            "stdout": "device: cpu",
        }
    )


def test_the_probe_watches_every_framework_and_backend_module() -> None:
    assert set(FRAMEWORK_IMPORTS) == {*FRAMEWORK_MODULES.values(), *BACKEND_MODULES.values()}


def test_a_run_that_imported_its_framework_passes() -> None:
    assert check_imports(job("pytorch"), evidence([probe("torch")])) == []
    assert check_imports(job("tensorflow"), evidence([probe("tensorflow")])) == []


def test_a_run_that_never_imported_its_framework_fails() -> None:
    [problem] = check_imports(job("tensorflow"), evidence([probe("torch")]))
    assert problem.startswith("snippets/cnn/tensorflow.py: never imported tensorflow, so it did")
    assert "import tensorflow and do the work with it" in problem


def test_a_child_process_counts_as_evidence() -> None:
    # A DataLoader worker or a spawned helper writes its own probe; any one suffices.
    seen = evidence([probe(), probe("torch")])
    assert check_imports(job("pytorch"), seen) == []


def test_no_probe_at_all_fails_and_says_why() -> None:
    [problem] = check_imports(job("pytorch"), evidence([]))
    assert "exit probe never reported" in problem and "os._exit" in problem
    # A probe from an older bootstrap (no "imported" field) proves nothing either.
    assert check_imports(job("pytorch"), evidence([{"frameworks": {}}]))


def test_keras_must_run_on_the_asked_backend() -> None:
    ok = evidence([probe("keras", "jax", keras_backend="jax")])
    assert check_imports(job("keras", "jax"), ok) == []
    [problem] = check_imports(job("keras", "torch"), ok)
    assert problem.startswith(
        "snippets/cnn/keras.py: this run was for Keras on torch (KERAS_BACKEND=torch), but Keras "
        "initialised jax;"
    )
    assert "do not set KERAS_BACKEND" in problem


def test_keras_never_imported_or_never_initialised() -> None:
    [never] = check_imports(job("keras", "jax"), evidence([probe("jax")]))
    assert "never imported keras" in never
    [uninitialised] = check_imports(job("keras", "jax"), evidence([probe("keras")]))
    assert "but Keras initialised no backend" in uninitialised


@pytest.mark.parametrize(
    ("duration_s", "recorded_s", "fails"),
    [
        (0.3, 5.0, True),  # under 10 % and under 0.5 s
        (0.45, 4.0, False),  # over 10 % of the record
        (0.6, 20.0, False),  # under 10 %, but over the 0.5 s floor
        (0.05, 0.9, False),  # the record is under 1 s: too noisy to compare
        (0.05, MIN_RECORDED_S, True),
        (TOO_FAST_S, 30.0, False),
    ],
)
def test_too_fast_against_the_record(duration_s: float, recorded_s: float, fails: bool) -> None:
    problems = check_duration(job("pytorch"), duration_s, committed(recorded_s))
    assert bool(problems) is fails
    if fails:
        assert problems[0].startswith(f"snippets/cnn/pytorch.py: finished in {duration_s:.2f} s")
        assert "dlcompare run --no-skip-guard cnn/pytorch" in problems[0]


def test_too_fast_needs_a_passing_record() -> None:
    assert check_duration(job("pytorch"), 0.1, None) == []
    assert check_duration(job("pytorch"), 0.1, committed(10.0, status="failed")) == []


def test_check_run_combines_the_rules() -> None:
    problems = check_run(job("pytorch"), [probe()], 0.1, committed(10.0))
    assert len(problems) == 2


def test_switching_the_guard_off_changes_the_cache_key(tmp_path: Path) -> None:
    assert policy_hash(tmp_path) != policy_hash(tmp_path, skip_guard=False)
    assert policy_hash(tmp_path) == policy_hash(tmp_path, skip_guard=True)
