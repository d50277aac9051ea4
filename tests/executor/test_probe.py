"""The bootstrap's exit probe: which framework modules a run imported, and Keras' backend.

A stand-in ``keras`` package keeps this fast: the probe only reads ``sys.modules``
and calls ``keras.backend.backend()``, so no real framework is needed.
"""

from __future__ import annotations

from pathlib import Path

from tests.executor.conftest import run_source
from tests.helpers.scratch import write


def test_a_run_that_imports_nothing_reports_nothing_imported(tmp_path: Path) -> None:
    result = run_source(tmp_path, 'print("device: cpu")\n')
    assert result.ok, result.stderr
    [probe] = result.probes
    assert probe["imported"] == [] and probe["keras_backend"] is None


def test_the_probe_names_keras_and_the_backend_it_ran_on(tmp_path: Path) -> None:
    fake = tmp_path / "fake"
    write(fake, "keras/__init__.py", "from keras import backend\n")
    write(fake, "keras/backend.py", "def backend():\n    return 'jax'\n")
    result = run_source(
        tmp_path,
        f"""
        import sys
        sys.path.insert(0, {str(fake)!r})
        import keras
        print("backend: jax")
        """,
    )
    assert result.ok, result.stderr
    [probe] = result.probes
    assert probe["imported"] == ["keras"] and probe["keras_backend"] == "jax"


def test_a_program_ending_through_os_exit_leaves_no_probe(tmp_path: Path) -> None:
    # What the skip guard reports as "the exit probe never reported".
    result = run_source(tmp_path, 'import os\nprint("device: cpu", flush=True)\nos._exit(0)\n')
    assert result.ok and result.probes == []
