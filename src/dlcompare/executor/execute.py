"""Run one program in a fresh interpreter and collect everything it leaves behind.

A fresh process per program keeps examples honest: no state leaks from one example
into the next, a crash or hang is contained, and import costs are paid the way a
reader pays them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from dlcompare.snippets.environment import interpreter

BOOTSTRAP_DIR = Path(__file__).with_name("bootstrap")


@dataclass
class ProcessResult:
    """What a finished (or killed) program produced."""

    returncode: int | None
    stdout: str
    stderr: str
    duration_s: float
    timed_out: bool = False
    warnings: list[dict] = field(default_factory=list)
    probes: list[dict] = field(default_factory=list)


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a process killed mid-write leaves half a line
    return rows


def program_env(
    *,
    device: str,
    backend: str | None = None,
    threads: int | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """Environment for a program: reproducible, quiet, offline, on the asked device."""
    env = dict(os.environ)
    env.pop("KERAS_BACKEND", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(BOOTSTRAP_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env.update(
        # keras.py and tensorflow.py would otherwise shadow the packages they import:
        # safe-path mode keeps the program's own folder off sys.path (like ``python -P``).
        PYTHONSAFEPATH="1",
        PYTHONHASHSEED="0",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONWARNINGS="always::DeprecationWarning,always::FutureWarning",
        TF_CPP_MIN_LOG_LEVEL="2",
        MPLBACKEND="Agg",
        HF_HUB_OFFLINE="1",
        # Keep Keras from writing ~/.keras/keras.json into the user's home.
        KERAS_HOME=str(Path(tempfile.gettempdir()) / "dlcompare-keras-home"),
    )
    if backend:
        env["KERAS_BACKEND"] = backend
    if device == "cpu":
        # Hide every GPU from every framework: a CPU record must mean CPU.
        env["CUDA_VISIBLE_DEVICES"] = ""
        env["JAX_PLATFORMS"] = "cpu"
    if threads:
        for name in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(name, str(threads))
    env.update(extra or {})
    return env


def run_program(
    root: Path,
    path: Path,
    *,
    env: dict[str, str],
    timeout_s: float,
    args: list[str] | None = None,
) -> ProcessResult:
    """Run ``python path`` from ``root`` with the bootstrap hooks; never raises on failure."""
    with tempfile.TemporaryDirectory(prefix="dlcompare-run-") as scratch:
        warn_file = Path(scratch) / "warnings.jsonl"
        probe_file = Path(scratch) / "probe.jsonl"
        env = {
            **env,
            "DLCOMPARE_WARNINGS_FILE": str(warn_file),
            "DLCOMPARE_PROBE_FILE": str(probe_file),
        }
        start = time.monotonic()
        # A new session lets us kill the program *and* any workers it spawned.
        proc = subprocess.Popen(
            [interpreter(), str(path), *(args or [])],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        timed_out = False
        try:
            stdout, stderr = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(proc)
            stdout, stderr = proc.communicate()
        duration = time.monotonic() - start
        return ProcessResult(
            returncode=None if timed_out else proc.returncode,
            stdout=stdout,
            stderr=stderr,
            duration_s=duration,
            timed_out=timed_out,
            warnings=_read_jsonl(warn_file),
            probes=_read_jsonl(probe_file),
        )


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
