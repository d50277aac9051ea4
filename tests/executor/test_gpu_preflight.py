"""The GPU lock and the pre-flight: the plan agrees with the pins, and no GPU means failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ROOT
from tests.helpers.scratch import write

from dlcompare.cli import build_parser
from dlcompare.executor.execute import ProcessResult
from dlcompare.executor.gpu import has_nvidia_gpu
from dlcompare.executor.gpu_lock import (
    LockError,
    installed_problems,
    parse_lock,
    plan_problems,
    project_pins,
)
from dlcompare.executor.gpu_preflight import Check, checks, judge_check, preflight
from dlcompare.vocabulary import KERAS_BACKENDS, keras_label

PYPROJECT = """
[project]
name = "scratch"
version = "0"
[project.optional-dependencies]
frameworks = ["torch==2.13.0", "tensorflow==2.21.0", "jax==0.10.2", "jaxlib==0.10.2"]
"""
GOOD_LOCK = """
--extra-index-url https://download.pytorch.org/whl/cu126
torch==2.13.0+cu126
tensorflow[and-cuda]==2.21.0
jax[cuda12]==0.10.2
jaxlib==0.10.2
jax-cuda12-plugin[with-cuda]==0.10.2
"""


def scratch(tmp_path: Path, lock: str) -> Path:
    write(tmp_path, "pyproject.toml", PYPROJECT)
    write(tmp_path, "requirements/gpu.txt", lock)
    return tmp_path


# --- the lock -------------------------------------------------------------------------


def test_the_committed_lock_agrees_with_the_project_pins() -> None:
    lock = parse_lock(ROOT)
    assert plan_problems(ROOT, lock) == []
    pins = project_pins(ROOT)
    for name in ("torch", "tensorflow", "jax", "jaxlib", "keras"):
        assert lock.pins[name].public == pins[name], name
    assert lock.pins["torch"].version == f"{pins['torch']}+cu126"
    assert "and-cuda" in lock.pins["tensorflow"].extras
    assert "cuda12" in lock.pins["jax"].extras
    assert lock.pins["jax-cuda12-plugin"].version == pins["jaxlib"]


def test_a_good_scratch_lock_has_no_problems(tmp_path: Path) -> None:
    root = scratch(tmp_path, GOOD_LOCK)
    assert plan_problems(root, parse_lock(root)) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "tensorflow[and-cuda]==2.21.0",
            "tensorflow[and-cuda]==2.20.0",
            "requirements/gpu.txt:3: tensorflow==2.20.0, but pyproject.toml pins "
            "tensorflow==2.21.0; the GPU lock must pin the same release",
        ),
        (
            "torch==2.13.0+cu126",
            "torch==2.13.0",
            "requirements/gpu.txt: pin torch's CUDA build, e.g. torch==2.13.0+cu126",
        ),
        (
            "--extra-index-url https://download.pytorch.org/whl/cu126",
            "# (no index)",
            "requirements/gpu.txt:2: torch==2.13.0+cu126 comes from PyTorch's cu126 index: add "
            "'--extra-index-url https://download.pytorch.org/whl/cu126'",
        ),
        (
            "tensorflow[and-cuda]==2.21.0",
            "tensorflow==2.21.0",
            "requirements/gpu.txt: pin tensorflow[and-cuda] (without the extra",
        ),
        ("jax[cuda12]==0.10.2", "jax==0.10.2", "requirements/gpu.txt: pin jax[cuda12]"),
        (
            "jax-cuda12-plugin[with-cuda]==0.10.2",
            "jax-cuda12-plugin[with-cuda]==0.10.1",
            "requirements/gpu.txt:6: jax-cuda12-plugin==0.10.1 must be the release of jaxlib "
            "(0.10.2)",
        ),
    ],
)
def test_plan_problems_name_the_line_and_the_fix(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = scratch(tmp_path, GOOD_LOCK.replace(old, new))
    problems = plan_problems(root, parse_lock(root))
    assert any(p.startswith(message) for p in problems), problems


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("torch>=2.13", "requirements/gpu.txt:2: pin one exact version"),
        ("--index-url https://example.org/simple", "requirements/gpu.txt:2: only --extra-index"),
        ("torch==2.13.0+cu126\ntorch==2.13.0+cu126", "requirements/gpu.txt:3: torch is already"),
        ("torch = 2", "requirements/gpu.txt:2: not a requirement"),
    ],
)
def test_a_bad_lock_line_is_an_error_with_its_line(tmp_path: Path, line: str, message: str) -> None:
    root = scratch(tmp_path, "# header\n" + line + "\n")
    with pytest.raises(LockError, match="^" + message.replace("[", r"\[").replace("+", r"\+")):
        parse_lock(root)


def test_installed_packages_that_differ_from_the_lock_are_named(tmp_path: Path) -> None:
    root = scratch(tmp_path, "torch==0.0.1+cu126\nnot-a-real-package-xyz==1.0\n")
    problems = installed_problems(parse_lock(root))
    assert any(
        p.startswith("torch ") and "the GPU lock pins 0.0.1+cu126: run `make setup-gpu`" in p
        for p in problems
    ), problems
    assert "not-a-real-package-xyz==1.0 is not installed: run `make setup-gpu`" in problems


# --- the checks -----------------------------------------------------------------------


def test_every_framework_and_keras_backend_is_checked() -> None:
    labels = [check.label for check in checks()]
    assert labels[:3] == ["PyTorch", "TensorFlow", "JAX"]
    assert labels[3:] == [keras_label(b) for b in KERAS_BACKENDS]
    assert {c.backend for c in checks()[3:]} == set(KERAS_BACKENDS)


CHECK = Check("PyTorch", "", "torch")


def result(returncode: int, stdout: str = "", stderr: str = "", probes=None) -> ProcessResult:
    return ProcessResult(
        returncode=returncode, stdout=stdout, stderr=stderr, duration_s=1.0, probes=probes or []
    )


def test_a_check_passes_only_when_the_probe_saw_gpu_memory() -> None:
    used = [{"frameworks": {"torch": {"gpu_used": True, "gpu_name": "H100"}}}]
    verdict = judge_check(CHECK, result(0, "ok: H100, torch 2.13.0+cu126", probes=used))
    assert verdict.ok and verdict.line() == "✓ PyTorch: H100, torch 2.13.0+cu126"
    unused = [{"frameworks": {"torch": {"gpu_used": False}}}]
    verdict = judge_check(CHECK, result(0, "ok: H100", probes=unused))
    assert not verdict.ok
    assert verdict.line().startswith("✗ PyTorch: no GPU: the program reported a GPU tensor, but")


def test_a_failed_check_gives_its_reason() -> None:
    said = judge_check(CHECK, result(1, "noise\nno GPU: torch.cuda.is_available() is False"))
    assert said.line() == "✗ PyTorch: no GPU: torch.cuda.is_available() is False"
    crashed = judge_check(CHECK, result(1, stderr="Traceback\nImportError: libcudnn.so.9"))
    assert crashed.line() == "✗ PyTorch: no GPU: the check failed: ImportError: libcudnn.so.9"


def test_the_cli_has_the_subcommand() -> None:
    assert build_parser().parse_args(["gpu", "preflight", "--dry-run"]).dry_run is True
    assert build_parser().parse_args(["gpu", "preflight"]).dry_run is False


@pytest.mark.slow
@pytest.mark.skipif(has_nvidia_gpu(), reason="a GPU is present: run `make preflight` instead")
def test_dry_run_on_a_cpu_machine_fails_with_no_gpu_for_each_framework(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = preflight(ROOT, dry_run=True)
    out = capsys.readouterr().out
    assert code == 1, out
    assert "✓ requirements/gpu.txt: " in out and "pins agree with pyproject.toml" in out
    for check in checks():
        assert f"✗ {check.label}: no GPU" in out, out
    assert "6 of 6 checks: no GPU." in out


def test_programs_on_cuda_share_the_gpu_and_cpu_runs_hide_it() -> None:
    from dlcompare.executor.execute import program_env

    cuda = program_env(device="cuda")
    assert cuda["XLA_PYTHON_CLIENT_PREALLOCATE"] == "false"
    assert cuda["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"
    cpu = program_env(device="cpu")
    assert cpu["CUDA_VISIBLE_DEVICES"] == "" and cpu["JAX_PLATFORMS"] == "cpu"
    assert "DLCOMPARE_PROBE_MODULES" in cpu and "torch" in cpu["DLCOMPARE_PROBE_MODULES"]
