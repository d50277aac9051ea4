"""Judging a finished process for the matrix."""

from __future__ import annotations

from dlcompare.executor import ProcessResult
from dlcompare.matrix.outcome import Outcome, exception_of, judge, left_out

TRACEBACK = """Traceback (most recent call last):
  File "snippets/cnn/keras.py", line 3, in <module>
    from keras import ops
ImportError: cannot import name 'ops' from 'keras' (site-packages/keras/__init__.py)
"""


def result(**kw: object) -> ProcessResult:
    base: dict[str, object] = {"returncode": 0, "stdout": "", "stderr": "", "duration_s": 1.0}
    return ProcessResult(**{**base, **kw})  # type: ignore[arg-type]


def test_failure_names_class_and_first_line() -> None:
    outcome = judge(result(returncode=1, stderr=TRACEBACK))
    assert outcome.status == "fail"
    assert outcome.error == "ImportError"
    assert outcome.message.startswith("cannot import name 'ops'")


def test_dotted_exception_class_is_shortened() -> None:
    assert exception_of("torch._dynamo.exc.Unsupported: graph break\n")[0] == "Unsupported"


def test_deprecation_warning_makes_warn_and_is_listed_once() -> None:
    row = {"category": "FutureWarning", "message": "x is deprecated\nmore", "filename": "a.py"}
    outcome = judge(result(warnings=[row, row, {"category": "UserWarning", "message": "u"}]))
    assert outcome.status == "warn"
    assert outcome.warnings == ["FutureWarning: x is deprecated"]


def test_clean_exit_passes() -> None:
    assert judge(result()).status == "pass"


def test_timeout_fails_and_sandbox_error_is_not_run() -> None:
    assert (
        judge(result(returncode=None, ended="killed-timeout", message="killed")).error == "Timeout"
    )
    assert judge(result(ended="sandbox-error", message="no bwrap")).status == "not-run"


def test_native_crash_names_the_signal_not_a_log_line() -> None:
    log = "E0000 cuda_platform.cc:52] failed call to cuInit\n"
    for code in (-11, 139):
        outcome = judge(result(returncode=code, stderr=log))
        assert (outcome.status, outcome.error) == ("fail", "Signal")
        assert outcome.message == "killed by SIGSEGV (signal 11)"
    assert judge(result(returncode=-99, stderr=log)).message == "killed by signal 99"


def test_ordinary_nonzero_exit_is_not_a_signal() -> None:
    assert judge(result(returncode=1, stderr="needs the JAX backend\n")).error == "Exit"


def test_missing_module_that_the_environment_hid_is_not_run() -> None:
    hidden = ["jax: requires numpy>=2.0, but numpy 1.26.4 is installed"]
    failed = Outcome("fail", error="ModuleNotFoundError", message="No module named 'jax'")
    assert left_out(failed, hidden).startswith("needs jax, which this environment leaves out")
    other = Outcome("fail", error="ModuleNotFoundError", message="No module named 'onnx'")
    assert left_out(other, hidden) == ""
    assert (
        left_out(Outcome("fail", error="ImportError", message="No module named 'jax'"), hidden)
        == ""
    )
    assert left_out(Outcome("pass"), hidden) == ""
    sklearn = Outcome("fail", error="ModuleNotFoundError", message="No module named 'sklearn'")
    assert left_out(sklearn, ["scikit-learn: needs numpy>=2"]).startswith("needs scikit-learn")
