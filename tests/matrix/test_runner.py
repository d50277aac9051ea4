"""The matrix runner: real cells through the sandboxed executor, and the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import ROOT, write_program

from dlcompare.executor.sandbox import SandboxUnavailable
from dlcompare.matrix.reports import read_report, report_path
from dlcompare.matrix.runner import BaseEnvironmentError, run_matrix


@pytest.fixture(autouse=True)
def main_venv_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pins are the project's venv, named by variable (no link to it in tmp trees)."""
    monkeypatch.setenv("DLCOMPARE_MATRIX_BASE_PYTHON", str(ROOT / ".venv/bin/python"))


def scratch(tmp_path: Path, keras_pin: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: scratch\n")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements/constraints.txt").write_text(f"keras=={keras_pin}\n")
    return tmp_path


def quiet(_line: str) -> None:
    pass


def test_second_run_with_nothing_changed_executes_nothing(tmp_path: Path) -> None:
    """At the pin the environment is .venv itself: no build, tiny programs, real sandbox."""
    root = scratch(tmp_path, "3.15.1")
    write_program(root, "snippets/tiny/keras.py", "import os\nprint(os.environ['KERAS_BACKEND'])\n")
    write_program(
        root, "snippets/broken/keras.py", "# dlcompare: backends = jax\n"
        "# dlcompare: backends-reason = test\nfrom keras import no_such_name\n",
    )  # fmt: skip
    first = run_matrix(root, [("keras", "3.15.1")], log=quiet)
    assert first.executed == 4 and first.cached == 0  # tiny on 3 backends + broken on jax
    report = read_report(report_path(root, "keras", "3.15.1", "jax"))
    broken = report.result("snippets/broken/keras.py", "jax")
    assert broken is not None and broken.status == "fail" and broken.error == "ImportError"
    assert report.environment.packages, "the full package list is recorded"

    second = run_matrix(root, [("keras", "3.15.1")], log=quiet)
    assert second.executed == 0 and second.hit_rate == 1.0

    write_program(root, "snippets/tiny/keras.py", "print('changed')\n")
    third = run_matrix(root, [("keras", "3.15.1")], log=quiet)
    assert third.executed == 3  # only the changed program, on its three backends


def test_no_cache_on_a_selection_keeps_the_other_cells(tmp_path: Path) -> None:
    """``--no-cache --program X`` re-runs X; the rest of the report must survive."""
    root = scratch(tmp_path, "3.15.1")
    for name in ("one", "two"):
        write_program(
            root, f"snippets/{name}/keras.py", "# dlcompare: backends = jax\n"
            "# dlcompare: backends-reason = test\nprint('ok')\n",
        )  # fmt: skip
    run_matrix(root, [("keras", "3.15.1")], log=quiet)
    again = run_matrix(
        root, [("keras", "3.15.1")], use_cache=False, select=lambda c: "one" in c.program,
        log=quiet,
    )  # fmt: skip
    assert again.executed == 1
    report = read_report(report_path(root, "keras", "3.15.1", "jax"))
    assert {r.program for r in report.results} == {
        "snippets/one/keras.py",
        "snippets/two/keras.py",
    }


@pytest.mark.slow
def test_one_real_cell_on_another_keras_release(tmp_path: Path) -> None:
    """Keras 3.10.0 (not the pin) on the JAX backend: overlay env, sandbox, report."""
    root = scratch(tmp_path, "3.15.1")
    (root / ".cache").mkdir()
    (root / ".cache/matrix").symlink_to(ROOT / ".cache/matrix", target_is_directory=True)
    (ROOT / ".cache/matrix").mkdir(parents=True, exist_ok=True)
    (root / "snippets/tensors").mkdir(parents=True)
    shutil.copy(ROOT / "snippets/tensors/keras.py", root / "snippets/tensors/keras.py")
    stats = run_matrix(root, [("keras", "3.10.0")], select=lambda c: c.backend == "jax", log=quiet)
    assert stats.executed == 1
    path = report_path(root, "keras", "3.10.0", "jax")
    data = json.loads(path.read_text())
    assert data["environment"]["overlay"] == ["keras==3.10.0"]
    assert "keras==3.10.0" in data["environment"]["packages"]
    assert data["results"][0]["status"] in ("pass", "warn"), data["results"][0]


def test_refuses_to_run_when_the_main_venv_lacks_the_pins(tmp_path: Path) -> None:
    root = scratch(tmp_path, "9.9.9")
    write_program(root, "snippets/tiny/keras.py", "print(1)\n")
    with pytest.raises(BaseEnvironmentError, match=r"keras==9\.9\.9 \(found 3\.15\.1\)"):
        run_matrix(root, [("keras", "3.15.1")], log=quiet)


def test_no_sandbox_stops_before_any_report_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh machine without bwrap once overwrote every report with "not run"."""
    root = scratch(tmp_path, "3.15.1")
    write_program(root, "snippets/tiny/keras.py", "print('hi')\n")
    monkeypatch.setenv("DLCOMPARE_SANDBOX", "bwrap")
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no bwrap on PATH
    with pytest.raises(SandboxUnavailable, match="bwrap is not on PATH"):
        run_matrix(root, [("keras", "3.15.1")], log=quiet)
    assert not (root / "data/compat").exists()


def test_reports_in_one_environment_share_their_cells(tmp_path: Path) -> None:
    """At the pins Keras and torch run in .venv: a fact check about both runs once."""
    root = scratch(tmp_path, "3.15.1")
    (root / "requirements/constraints.txt").write_text("keras==3.15.1\ntorch==2.13.0\n")
    write_program(root, "snippets/facts/both.py", 'print("keras", "torch")\n')
    stats = run_matrix(root, [("keras", "3.15.1"), ("torch", "2.13.0")], log=quiet)
    assert (stats.executed, stats.cached) == (1, 1)
    keras = read_report(report_path(root, "keras", "3.15.1", None))
    torch = read_report(report_path(root, "torch", "2.13.0", None))
    assert keras.environment.fingerprint == torch.environment.fingerprint
    assert keras.results == torch.results and torch.results[0].status == "pass"

    write_program(root, "snippets/facts/both.py", 'print("keras", "torch", 2)\n')
    again = run_matrix(root, [("keras", "3.15.1"), ("torch", "2.13.0")], log=quiet)
    assert (again.executed, again.cached) == (1, 1)  # changed: measured once, copied once
