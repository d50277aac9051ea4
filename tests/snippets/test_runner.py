"""The runner end to end on tiny programs: each failure mode gives a clear message.

Every passing program prints its device (or Keras backend) first, as the output
rules now require; assertions on ``stdout`` include that line.
"""

from pathlib import Path

import pytest
from rich.console import Console
from tests.conftest import write_program

from dlcompare.snippets.records import read_record
from dlcompare.snippets.suite import RunOptions, run_suite

FAST = RunOptions(skip_guard=False, device="cpu", jobs=2, backends=("torch",))


def run(project: Path, *selectors: str, options: RunOptions = FAST) -> tuple[int, str]:
    console = Console(record=True, width=200, force_terminal=False)
    code = run_suite(project, list(selectors), options, console)
    return code, console.export_text()


def record(project: Path, task: str, name: str = "pytorch.json"):
    return read_record(project / "data/runs/cpu" / task / name)


def test_passing_program_writes_a_record(project: Path) -> None:
    write_program(project, "snippets/ok/pytorch.py", 'print("device: cpu")\nprint("loss 0.25")\n')
    code, out = run(project)
    assert code == 0, out
    rec = record(project, "ok")
    assert rec.status == "passed"
    assert rec.stdout == "device: cpu\nloss 0.25"
    assert rec.device == "cpu" and not rec.gpu_used
    assert "1 passed, 0 failed" in out


def test_failing_program_fails_with_file_and_stderr(project: Path) -> None:
    write_program(project, "snippets/bad/pytorch.py", 'raise RuntimeError("shapes do not match")\n')
    code, out = run(project)
    assert code == 1
    assert "FAILED snippets/bad/pytorch.py: ✗ failed" in out
    assert "RuntimeError: shapes do not match" in out
    assert "reproduce: python -P snippets/bad/pytorch.py" in out
    assert record(project, "bad").status == "failed"


def test_hung_program_is_killed_at_its_timeout(project: Path) -> None:
    write_program(
        project,
        "snippets/hang/pytorch.py",
        """
        # dlcompare: timeout = 1
        import time
        print("started", flush=True)
        time.sleep(60)
    """,
    )
    code, out = run(project)
    assert code == 1
    assert "⏱ timeout" in out and "killed after 1 s timeout" in out
    rec = record(project, "hang")
    assert rec.status == "timeout" and rec.duration_s < 30


def test_deprecated_call_fails_and_names_the_line(project: Path) -> None:
    write_program(
        project,
        "snippets/old/pytorch.py",
        """
        import warnings
        print("device: cpu")
        warnings.warn("use new_api() instead", DeprecationWarning)
    """,
    )
    code, out = run(project)
    assert code == 1
    assert "snippets/old/pytorch.py:3: DeprecationWarning: use new_api() instead" in out
    assert "snippets/warnings-allowlist.yaml" in out
    assert record(project, "old").status == "warnings"


def test_allowlisted_warning_passes_and_is_recorded(project: Path) -> None:
    write_program(
        project,
        "snippets/old/pytorch.py",
        """
        import warnings
        print("device: cpu")
        warnings.warn("use new_api() instead", FutureWarning)
    """,
    )
    (project / "snippets/warnings-allowlist.yaml").write_text(
        "- category: FutureWarning\n  message: new_api\n  reason: upstream cannot be avoided yet\n"
    )
    code, out = run(project)
    assert code == 0, out
    assert record(project, "old").warnings[0]["verdict"] == "allowed"


def test_allowlist_entry_without_reason_is_rejected(project: Path) -> None:
    write_program(project, "snippets/ok/pytorch.py", "print(1)\n")
    (project / "snippets/warnings-allowlist.yaml").write_text(
        "- category: FutureWarning\n  message: x\n"
    )
    code, out = run(project)
    assert code == 2
    assert "snippets/warnings-allowlist.yaml:1: reason: Field required" in out


def test_network_is_refused(project: Path) -> None:
    write_program(
        project,
        "snippets/net/pytorch.py",
        """
        import socket
        print("device: cpu")
        try:
            socket.create_connection(("192.0.2.1", 80), timeout=2)
        except OSError as exc:
            print("refused:", "network access" in str(exc))
    """,
    )
    code, out = run(project)
    assert code == 0, out
    assert record(project, "net").stdout == "device: cpu\nrefused: True"


def test_cuda_run_without_gpu_use_fails(project: Path) -> None:
    write_program(project, "snippets/ok/pytorch.py", 'print("device: cuda")\n')
    code, out = run(project, options=RunOptions(skip_guard=False, device="cuda", jobs=1))
    assert code == 1
    assert "∅ GPU unused" in out and "no framework allocated GPU memory" in out
    assert read_record(project / "data/runs/cuda/ok/pytorch.json").status == "no-gpu"


def test_cache_skips_unchanged_and_reruns_edited(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    write_program(project, "snippets/b/pytorch.py", 'print("device: cpu")\nprint("b")\n')
    assert run(project)[0] == 0
    code, out = run(project)
    assert code == 0 and "(2 from cache" in out
    write_program(project, "snippets/b/pytorch.py", 'print("device: cpu")\nprint("b2")\n')
    code, out = run(project)
    assert "(1 from cache" in out
    assert record(project, "b").stdout == "device: cpu\nb2"


def test_failures_are_not_cached(project: Path) -> None:
    write_program(project, "snippets/bad/pytorch.py", "raise SystemExit(3)\n")
    run(project)
    code, out = run(project)
    assert code == 1 and "(0 from cache" in out


def test_flaky_program_is_reported(project: Path) -> None:
    marker = project / "attempted"
    write_program(
        project,
        "snippets/flaky/pytorch.py",
        f"""
        from pathlib import Path
        marker = Path({str(marker)!r})
        if not marker.exists():
            marker.touch()
            raise SystemExit("first attempt fails")
        print("device: cpu")
    """,
    )
    # The marker must survive between attempts, which the sandbox (read-only project,
    # fresh working directory per run) rightly forbids: this test runs unsandboxed.
    options = RunOptions(skip_guard=False, device="cpu", jobs=1, retries=1, sandbox="none")
    code, out = run(project, options=options)
    assert code == 0
    assert "flaky" in out and "passed on attempt 2" in out
    assert record(project, "flaky").attempts == 2


def test_keras_backend_is_set_per_job(project: Path) -> None:
    write_program(
        project,
        "snippets/k/keras.py",
        'import os\nprint("backend:", os.environ["KERAS_BACKEND"])\n',
    )
    code, _ = run(
        project,
        options=RunOptions(skip_guard=False, device="cpu", jobs=2, backends=("torch", "jax")),
    )
    assert code == 0
    assert record(project, "k", "keras-torch.json").stdout == "backend: torch"
    assert record(project, "k", "keras-jax.json").stdout == "backend: jax"


def test_programs_cannot_shadow_their_framework(project: Path) -> None:
    # Without safe-path mode, snippets/x/keras.py would import itself as `keras`.
    write_program(
        project,
        "snippets/x/keras.py",
        'import sys\nprint("backend: torch")\nprint(sys.flags.safe_path)\n',
    )
    code, _ = run(project)
    assert code == 0
    assert record(project, "x", "keras-torch.json").stdout == "backend: torch\nTrue"


def test_report_is_markdown(project: Path, tmp_path: Path) -> None:
    write_program(project, "snippets/bad/pytorch.py", 'raise ValueError("boom")\n')
    report = tmp_path / "report.md"
    run(project, options=RunOptions(skip_guard=False, device="cpu", jobs=1, report=report))
    text = report.read_text()
    assert text.startswith("# Snippet run on cpu")
    assert "ValueError: boom" in text


@pytest.mark.parametrize("selector", ["nope"])
def test_unknown_selector_exits_2(project: Path, selector: str) -> None:
    write_program(project, "snippets/a/pytorch.py", "print(1)\n")
    code, out = run(project, selector)
    assert code == 2 and "no example program matches nope" in out


def test_gpu_use_comes_from_the_probe() -> None:
    from dlcompare.executor.execute import ProcessResult
    from dlcompare.snippets.judge import judge_run

    probe = {"frameworks": {"torch": {"gpu_used": True, "gpu_name": "NVIDIA H100"}}}
    used = ProcessResult(returncode=0, stdout="", stderr="", duration_s=1, probes=[{}, probe])
    assert judge_run(used, "cuda", []) == ("passed", True, "NVIDIA H100")
    idle = ProcessResult(
        returncode=0,
        stdout="",
        stderr="",
        duration_s=1,
        probes=[{"frameworks": {"torch": {"gpu_used": False}}}],
    )
    assert judge_run(idle, "cuda", [])[0] == "no-gpu"
    assert judge_run(idle, "cpu", [])[0] == "passed"


def test_probe_reports_imported_frameworks(project: Path) -> None:
    # The bootstrap's exit probe sees torch when the program imported it.
    write_program(
        project, "snippets/t/pytorch.py", "import torch\nprint(torch.ones(2).sum().item())\n"
    )
    from dlcompare.executor.execute import program_env, run_program

    result = run_program(
        project, Path("snippets/t/pytorch.py"), env=program_env(device="cpu"), timeout_s=120
    )
    assert result.returncode == 0, result.stderr
    assert result.probes and result.probes[0]["frameworks"]["torch"]["gpu_used"] is False
    assert "torch" in result.probes[0]["imported"]  # the skip guard's evidence


def test_user_warning_from_a_program_line_fails_even_when_charged_to_a_library(
    project: Path,
) -> None:
    # A library that warns with stacklevel pointing into itself, called from line 4.
    (project / "libdir").mkdir()
    (project / "libdir/fakelib.py").write_text(
        "import warnings\n\n"
        "def layer():\n    warnings.warn('do not pass input_shape', UserWarning)\n"
    )
    write_program(
        project,
        "snippets/uw/pytorch.py",
        f"""
        import sys; sys.path.insert(0, {str(project / "libdir")!r})
        import fakelib
        print("device: cpu")
        fakelib.layer()
    """,
    )
    code, out = run(project, "uw")
    assert code == 1
    assert (
        "snippets/uw/pytorch.py:4 (raised in libdir/fakelib.py:4): UserWarning: do not pass "
        "input_shape"
    ) in out


def test_library_warning_with_no_program_frame_is_shown_not_blocking(project: Path) -> None:
    (project / "libdir").mkdir()
    (project / "libdir/fakelib.py").write_text(
        "import warnings\n\ndef work():\n    warnings.warn('background noise', UserWarning)\n"
    )
    write_program(
        project,
        "snippets/th/pytorch.py",
        f"""
        import sys, threading; sys.path.insert(0, {str(project / "libdir")!r})
        import fakelib
        print("device: cpu")
        t = threading.Thread(target=fakelib.work)
        t.start(); t.join()
    """,
    )
    code, out = run(project, "th")
    assert code == 0, out
    [warning] = record(project, "th").warnings
    assert warning["verdict"] == "shown" and warning["program_line"] is None


def test_a_child_holding_stdout_is_a_failure_with_its_cause(project: Path) -> None:
    write_program(
        project,
        "snippets/held/pytorch.py",
        """
        import subprocess, sys
        print("device: cpu")
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    """,
    )
    code, _out = run(project)
    assert code == 1
    rec = record(project, "held")
    assert rec.status == "failed" and rec.duration_s < 30
    assert "exited, but a child kept the output open" in rec.stderr_tail
    assert rec.sandbox == "bwrap"


def test_a_refused_download_names_the_sandbox(project: Path) -> None:
    write_program(
        project,
        "snippets/dl/pytorch.py",
        """
        import urllib.request
        urllib.request.urlopen("http://example.com/data.csv", timeout=5)
    """,
    )
    code, _out = run(project)
    assert code == 1
    assert "network access blocked by the sandbox" in record(project, "dl").stderr_tail
