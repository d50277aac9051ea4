"""The bubblewrap sandbox every program runs in, and the explicit way out of it.

``bwrap`` gives each program: its own network namespace (loopback only, brought up
by bwrap), its own PID namespace (when the program exits or is killed, everything
it started dies with it, ``setsid`` or not), the whole filesystem read-only with a
fresh writable working directory, fresh ``/dev``, ``/proc`` and ``/dev/shm``, a new
session (no terminal to inject keystrokes into) and, when run as root, no
capabilities (so it cannot remount anything writable).

Where bwrap is missing or user namespaces are refused, :func:`ensure_bwrap` raises
:class:`SandboxUnavailable` with the fix; ``--sandbox=none`` (or
``DLCOMPARE_SANDBOX=none``) runs without it, and every result says which it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

SandboxMode = Literal["bwrap", "none"]
SANDBOX_MODES: tuple[SandboxMode, ...] = get_args(SandboxMode)
ENV_VAR = "DLCOMPARE_SANDBOX"

FIX = (
    "install bubblewrap (apt-get install bubblewrap); where user namespaces are "
    "restricted (Ubuntu 24.04, GitHub's ubuntu-24.04 runners) allow them with "
    "`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`; or run "
    "without the sandbox on purpose with --sandbox=none (DLCOMPARE_SANDBOX=none)"
)


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be created here; ``str()`` says why and how to fix it."""


def default_mode() -> SandboxMode:
    """``DLCOMPARE_SANDBOX`` (``bwrap`` or ``none``), else ``bwrap``."""
    value = os.environ.get(ENV_VAR, "bwrap").strip() or "bwrap"
    if value not in SANDBOX_MODES:
        raise SandboxUnavailable(
            f"{ENV_VAR}={value!r} is not a sandbox mode; use one of {', '.join(SANDBOX_MODES)}"
        )
    return "none" if value == "none" else "bwrap"


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


@lru_cache(maxsize=8)
def _probe(bwrap: str) -> str | None:
    """Start a trivial sandbox once; the error text, or None when it works."""
    scratch = tempfile.mkdtemp(prefix="dlcompare-sandbox-probe-")
    try:
        argv = [bwrap, *namespace_args(Path(scratch)), "--", "/bin/true"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        return (done.stderr or done.stdout).strip() or f"bwrap exited with {done.returncode}"
    return None


def ensure_bwrap() -> str:
    """The bwrap binary, after checking that a sandbox really starts here."""
    bwrap = bwrap_path()
    if bwrap is None:
        raise SandboxUnavailable(f"cannot sandbox the programs: bwrap is not on PATH; {FIX}")
    error = _probe(bwrap)
    if error is not None:
        raise SandboxUnavailable(
            f"cannot sandbox the programs: {bwrap} could not create a sandbox ({error}); {FIX}"
        )
    return bwrap


def namespace_args(workdir: Path, *, gpu: bool = False) -> list[str]:
    """bwrap's options: everything but ``workdir`` read-only, nothing shared."""
    args = [
        "--unshare-all",  # network (loopback only), PID, IPC, UTS, cgroup, user
        "--die-with-parent",
        "--new-session",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--tmpfs", "/dev/shm",
        "--proc", "/proc",
        "--bind", str(workdir), str(workdir),
        "--chdir", str(workdir),
    ]  # fmt: skip
    if os.geteuid() == 0:
        # A privileged bwrap keeps root's capabilities; CAP_SYS_ADMIN could remount / rw.
        args += ["--cap-drop", "ALL"]
    if gpu:
        for device in sorted(Path("/dev").glob("nvidia*")):
            args += ["--dev-bind", str(device), str(device)]
    return args
