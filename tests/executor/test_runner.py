"""The executor API: bounded output, the explicit unsandboxed mode, the clear failure."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.executor.conftest import run_source

from dlcompare.executor import SandboxUnavailable, default_mode
from dlcompare.executor.cache import ContentCache, content_key
from dlcompare.executor.output import STDERR_CAP, STDOUT_CAP, CappedStream
from dlcompare.executor.sandbox import ensure_bwrap

MiB = 1024 * 1024


def test_capped_streams_keep_head_and_tail_and_count_everything() -> None:
    head, tail = CappedStream(4, "head"), CappedStream(4, "tail")
    for chunk in (b"abc", b"defg", b"hij"):
        head.feed(chunk)
        tail.feed(chunk)
    assert head.data == b"abcd" and head.total == 10 and head.truncated_bytes == 6
    assert tail.data == b"ghij" and tail.truncated_bytes == 6


@pytest.mark.usefixtures("bwrap")
def test_600_mb_of_output_keeps_the_runner_small(tmp_path: Path) -> None:
    """Measured in a fresh interpreter, so pytest's own peak does not hide the runner's."""
    program = tmp_path / "loud.py"
    program.write_text(
        "import sys\nline = b'x' * 1023 + b'\\n'\n"
        "for _ in range(600 * 1024):\n    sys.stdout.buffer.write(line)\n"
        "sys.stderr.write('e' * (5 * 1024 * 1024))\n"
    )
    driver = textwrap.dedent(f"""
        import json, resource, time
        from dlcompare.executor import ProcessJob, program_env, run
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.monotonic()
        r = run(ProcessJob(argv=[{str(program)!r}], env=program_env(device="cpu"), timeout_s=300))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        took = time.monotonic() - start
        print(json.dumps({{"before_kib": before, "peak_kib": peak, "seconds": took,
                          "ok": r.ok, "stdout_bytes": r.stdout_bytes, "kept": len(r.stdout),
                          "cut": r.stdout_truncated_bytes, "stderr_cut": r.stderr_truncated_bytes,
                          "stderr_kept": len(r.stderr)}}))
    """)
    done = subprocess.run(
        [sys.executable, "-c", driver], capture_output=True, text=True, timeout=600, check=True
    )
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"600 MB of output: {stats}")
    assert stats["ok"]
    assert stats["stdout_bytes"] == 600 * MiB
    assert stats["kept"] == STDOUT_CAP and stats["cut"] == 600 * MiB - STDOUT_CAP
    assert stats["stderr_kept"] == STDERR_CAP and stats["stderr_cut"] == 5 * MiB - STDERR_CAP
    assert (stats["peak_kib"] - stats["before_kib"]) * 1024 < 200 * MiB


def test_missing_bwrap_fails_with_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on it
    with pytest.raises(SandboxUnavailable) as caught:
        ensure_bwrap()
    message = str(caught.value)
    assert "bwrap is not on PATH" in message
    assert "apt-get install bubblewrap" in message
    assert "kernel.apparmor_restrict_unprivileged_userns=0" in message
    assert "--sandbox=none" in message
    with pytest.raises(SandboxUnavailable):
        run_source(tmp_path, "print('never runs')\n")


def test_a_refused_sandbox_names_the_kernel_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "bin/bwrap"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    with pytest.raises(SandboxUnavailable) as caught:
        ensure_bwrap()
    assert "setting up uid map: Permission denied" in str(caught.value)
    assert "apparmor_restrict_unprivileged_userns" in str(caught.value)


def test_the_suite_stops_with_one_clear_message(
    monkeypatch: pytest.MonkeyPatch, project: Path, tmp_path: Path
) -> None:
    from rich.console import Console
    from tests.conftest import write_program

    from dlcompare.snippets.suite import RunOptions, run_suite

    write_program(project, "snippets/ok/pytorch.py", "print('device: cpu')\n")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    console = Console(record=True, width=300)
    assert run_suite(project, None, RunOptions(jobs=1, backends=("torch",)), console) == 2
    text = console.export_text()
    assert "cannot sandbox the programs: bwrap is not on PATH" in text
    assert not (project / "data/runs").exists()


def test_unsandboxed_mode_is_explicit_and_recorded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = run_source(tmp_path, "import os\nprint(os.environ['DLCOMPARE_SANDBOX'])\n",
                        sandbox="none")  # fmt: skip
    assert result.ok and result.sandbox == "none" and result.stdout.strip() == "none"
    assert "no sandbox (--sandbox=none)" in result.limits
    monkeypatch.setenv("DLCOMPARE_SANDBOX", "none")
    assert default_mode() == "none"
    monkeypatch.setenv("DLCOMPARE_SANDBOX", "off")
    with pytest.raises(SandboxUnavailable, match="DLCOMPARE_SANDBOX='off' is not a sandbox mode"):
        default_mode()


def test_the_cli_takes_the_sandbox_option() -> None:
    from dlcompare.cli import build_parser

    assert build_parser().parse_args(["run", "--sandbox", "none"]).sandbox == "none"
    assert build_parser().parse_args(["run"]).sandbox is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "--sandbox", "off"])


def test_child_held_output_is_detected_without_the_sandbox_too(tmp_path: Path) -> None:
    result = run_source(
        tmp_path,
        "import subprocess, sys\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)'])\n",
        sandbox="none",
        timeout_s=60,
    )
    assert result.ended == "child-held-output"


def test_content_key_is_canonical_and_writes_are_atomic(tmp_path: Path) -> None:
    assert content_key({"a": 1, "b": [2, None]}) == content_key({"b": [2, None], "a": 1})
    assert content_key({"a": 1}) != content_key({"a": 2})
    cache = ContentCache(tmp_path, "things", suffix=".txt")
    key = content_key(["x"])
    assert cache.get_text(key) is None
    path = cache.put_text(key, "payload")
    assert path == tmp_path / ".cache/dlcompare/things" / f"{key}.txt"
    assert cache.get_text(key) == "payload"
    assert sorted(p.name for p in cache.dir.iterdir()) == [f"{key}.txt"]  # no temp file left
