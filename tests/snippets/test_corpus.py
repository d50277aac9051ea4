"""The corpus of misbehaving programs: each fails with the exact message a contributor needs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console
from tests.conftest import ROOT, write_program

from dlcompare.snippets.records import read_record
from dlcompare.snippets.suite import RunOptions, run_suite

CORPUS = Path(__file__).with_name("corpus")
RULES = "see the output rules in snippets/README.md"


def run_case(project: Path, case: str, options: RunOptions | None = None) -> tuple[int, str]:
    shutil.copytree(CORPUS / case, project / "snippets" / case)
    console = Console(record=True, width=400, force_terminal=False)
    options = options or RunOptions(
        skip_guard=False, device="cpu", jobs=1, backends=("jax",), use_cache=False
    )
    code = run_suite(project, [case], options, console)
    return code, console.export_text()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            "ansi_progress",
            "snippets/ansi_progress/pytorch.py: output line 2 has an ANSI escape code (colour or "
            f"cursor control) ('\\x1b[32m'); print plain text ({RULES})",
        ),
        (
            "ansi_progress",
            "snippets/ansi_progress/pytorch.py: output line 3 has a progress bar ('━━'); pass "
            f"verbose=0 (Keras) or drop the progress bar ({RULES})",
        ),
        (
            "timings",
            "snippets/timings/pytorch.py: output line 2 has a timing ('12ms/step'); do not print "
            f"durations: they differ on every run ({RULES})",
        ),
        (
            "no_device_line",
            "snippets/no_device_line/pytorch.py: the first line printed must name the device, "
            "e.g. print(f\"device: {device}\") giving 'device: cpu'; it was 'loss 0.25'",
        ),
        (
            "empty_output",
            "snippets/empty_output/pytorch.py: printed nothing; print a short summary whose first "
            f"line is 'device: cpu' ({RULES})",
        ),
        (
            "bad_directive",
            "snippets/bad_directive/pytorch.py:1: unknown dlcompare metadata key 'timout'; did you "
            "mean 'timeout'? use one of backends, backends-reason, timeout, varying",
        ),
    ],
)
def test_output_rule_fails_with_message(project: Path, case: str, message: str) -> None:
    code, out = run_case(project, case)
    assert code == 1
    assert f"FAILED snippets/{case}/pytorch.py: ✗ failed" in out
    assert message in out
    assert message in read_record(project / f"data/runs/cpu/{case}/pytorch.json").problems


def test_too_long_output_fails(project: Path) -> None:
    write_program(
        project, "snippets/long/pytorch.py", 'print("device: cpu")\nfor i in range(40): print(i)\n'
    )
    code, out = run_case_in_place(project, "long")
    assert code == 1
    assert (
        "snippets/long/pytorch.py: printed 41 lines, 121 characters; the output rule is a short "
        "summary (at most 30 lines and 2000 characters): print fewer, rounded results"
    ) in out


def run_case_in_place(project: Path, case: str) -> tuple[int, str]:
    console = Console(record=True, width=400, force_terminal=False)
    code = run_suite(
        project,
        [case],
        RunOptions(skip_guard=False, device="cpu", jobs=1, use_cache=False),
        console,
    )
    return code, console.export_text()


def test_unseeded_output_fails_on_the_second_run(project: Path) -> None:
    code, _ = run_case(project, "unseeded")
    assert code == 0  # nothing to compare with yet
    code, out = run_case_in_place(project, "unseeded")
    assert code == 1
    assert (
        "snippets/unseeded/pytorch.py: the output differs from the committed record although "
        "the program and the package versions are unchanged (line 2 was 'sample: "
    ) in out
    assert (
        "seed every random generator, or declare the lines that vary with "
        "'# dlcompare: varying = <regex>'"
    ) in out
    # The committed record stays the reference: the third run fails as well.
    assert run_case_in_place(project, "unseeded")[0] == 1


def test_declared_varying_line_passes(project: Path) -> None:
    body = (CORPUS / "unseeded/pytorch.py").read_text()
    write_program(project, "snippets/v/pytorch.py", "# dlcompare: varying = ^sample: \n" + body)
    assert run_case_in_place(project, "v")[0] == 0
    assert run_case_in_place(project, "v")[0] == 0


def test_a_bad_directive_fails_one_program_and_the_others_run(project: Path) -> None:
    shutil.copytree(CORPUS / "bad_directive", project / "snippets/bad_directive")
    write_program(project, "snippets/good/pytorch.py", 'print("device: cpu")\n')
    console = Console(record=True, width=400, force_terminal=False)
    code = run_suite(project, [], RunOptions(skip_guard=False, device="cpu", jobs=1), console)
    out = console.export_text()
    assert code == 1
    assert "1 passed, 1 failed" in out
    assert read_record(project / "data/runs/cpu/good/pytorch.json").status == "passed"


@pytest.mark.slow
def test_keras_input_shape_fails_naming_the_program_line(project: Path) -> None:
    code, out = run_case(project, "input_shape")
    assert code == 1
    assert (
        "snippets/input_shape/keras.py:4 (raised in site-packages/keras/src/layers/core/dense.py:"
    ) in out
    assert "UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer." in out
    rec = read_record(project / "data/runs/cpu/input_shape/keras-jax.json")
    assert rec.status == "warnings"
    assert [w["program_line"] for w in rec.warnings if w["verdict"] == "blocking"] == [4]


@pytest.mark.slow
def test_softmax_before_cross_entropy_is_reported_with_the_line(project: Path) -> None:
    code, out = run_case(project, "softmax_ce")
    assert code == 1
    assert (
        "snippets/softmax_ce/pytorch.py:7: ProbabilitiesAsLogits: "
        "torch.nn.functional.cross_entropy expects logits but received probabilities (every row "
        "sums to 1): drop the softmax before the loss, or use a loss that takes probabilities"
    ) in out


@pytest.mark.slow
def test_logits_passed_to_cross_entropy_are_not_reported(project: Path) -> None:
    write_program(
        project,
        "snippets/ok/pytorch.py",
        """
        import torch
        print("device: cpu")
        loss = torch.nn.CrossEntropyLoss()(torch.randn(8, 3), torch.zeros(8, dtype=torch.long))
    """,
    )
    code, out = run_case_in_place(project, "ok")
    assert code == 0, out
    assert read_record(project / "data/runs/cpu/ok/pytorch.json").warnings == []


@pytest.mark.slow
def test_loss_guard_is_invisible_to_torch_compile(project: Path) -> None:
    # Traced by torch.compile, the guard's checks broke the graph and dynamo warned
    # about reading .grad of non-leaf tensors (seen in snippets/compile/keras.py).
    shutil.copy(ROOT / "snippets/warnings-allowlist.yaml", project / "snippets")
    write_program(
        project,
        "snippets/compile/keras.py",
        """
        import numpy as np
        import keras
        print(f"backend: {keras.backend.backend()}")
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        model.compile(optimizer="sgd", jit_compile=True,
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
        model.fit(x, np.zeros(32, dtype="int32"), batch_size=16, epochs=1, verbose=0)
    """,
    )
    console = Console(record=True, width=400, force_terminal=False)
    options = RunOptions(device="cpu", jobs=1, backends=("torch",), use_cache=False)
    code = run_suite(project, ["compile"], options, console)
    assert code == 0, console.export_text()
    rec = read_record(project / "data/runs/cpu/compile/keras-torch.json")
    assert [w for w in rec.warnings if w["verdict"] != "allowed"] == []


GUARDED = RunOptions(device="cpu", jobs=1, backends=("torch",), use_cache=False)


def test_a_program_that_never_imports_its_framework_fails(project: Path) -> None:
    code, out = run_case(project, "no_framework", GUARDED)
    assert code == 1
    assert "FAILED snippets/no_framework/pytorch.py: ✗ failed" in out
    message = (
        "snippets/no_framework/pytorch.py: never imported torch, so it did not run PyTorch code; "
        "an example must exercise its framework: import torch and do the work with it"
    )
    assert message in out
    rec = read_record(project / "data/runs/cpu/no_framework/pytorch.json")
    assert rec.status == "failed" and any(p.startswith(message) for p in rec.problems)


@pytest.mark.slow
def test_a_keras_program_that_sets_its_own_backend_fails(project: Path) -> None:
    code, out = run_case(project, "own_backend", GUARDED)
    assert code == 1
    message = (
        "snippets/own_backend/keras.py: this run was for Keras on torch (KERAS_BACKEND=torch), "
        "but Keras initialised jax; the runner chooses the backend: do not set KERAS_BACKEND or "
        "call keras.config.set_backend() in the program"
    )
    assert message in out
    rec = read_record(project / "data/runs/cpu/own_backend/keras-torch.json")
    assert rec.status == "failed"
