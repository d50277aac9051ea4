"""Run one program in a fresh, sandboxed interpreter and collect what it leaves behind.

A fresh process per program keeps examples honest: no state leaks from one example
into the next, a crash or hang is contained, and import costs are paid the way a
reader pays them. The sandbox (``sandbox.py``) and the limits (``limits.py``) make
sure a careless or hostile program can neither reach out nor outlive its run.

The runner never waits longer than the timeout plus :data:`KILL_GRACE_S`, reads
output through capped buffers (``output.py``), and reports *why* a run ended
(:data:`Ended`): exited, killed at the timeout, exited while a child kept its output
open, or the sandbox could not start.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import selectors
import shutil
import signal
import stat
import subprocess
import sysconfig
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dlcompare.executor.environment import interpreter
from dlcompare.executor.limits import Cgroup, Limits
from dlcompare.executor.output import STDERR_CAP, STDOUT_CAP, CappedStream
from dlcompare.executor.sandbox import SandboxMode, default_mode, ensure_bwrap, namespace_args
from dlcompare.vocabulary import FRAMEWORK_IMPORTS

BOOTSTRAP_DIR = Path(__file__).with_name("bootstrap")

#: How a run ended. ``exited``: the program ended on its own (any status).
Ended = Literal["exited", "killed-timeout", "child-held-output", "sandbox-error"]

#: After the timeout (or a held output), how long the kill may take before we stop waiting.
KILL_GRACE_S = 5.0
#: How long output may stay open after the main process exited.
HELD_OUTPUT_GRACE_S = 2.0
#: The most of a side file (warning log, probe) that is read back.
SIDE_FILE_CAP = 4 * 1024 * 1024
#: The most of a collected file (an executed notebook with its plots) that is read back.
COLLECT_CAP = 64 * 1024 * 1024
_META = ".dlcompare"  # the runner's side files, inside the working directory

#: stderr text that means a network call was refused (by the namespace or the guard).
NETWORK_SIGNS = (
    "Network is unreachable",
    "Temporary failure in name resolution",
    "Name or service not known",
    "No address associated with hostname",
    "blocked by the dlcompare sandbox",
)

# Runs inside the sandbox as the program's parent: starts the program, then looks for
# processes that still hold the program's stdout/stderr when it exits (bwrap kills
# them as it leaves, so the runner would otherwise never know).
_LAUNCHER = r"""
mark=$1; scan=$2; shift 2
: > "$mark.started"
"$@"
rc=$?
[ "$scan" = scan ] || exit $rc
out=$(readlink /proc/$$/fd/1); err=$(readlink /proc/$$/fd/2)
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  [ "$pid" = 1 ] || [ "$pid" = $$ ] && continue
  for fd in "$p"/fd/1 "$p"/fd/2; do
    t=$(readlink "$fd" 2>/dev/null) || continue
    if [ "$t" = "$out" ] || [ "$t" = "$err" ]; then echo "$pid" > "$mark.held"; break 2; fi
  done
done
exit $rc
"""
# Joins the run's cgroups (paths given as arguments), then becomes the sandbox.
_JOIN_CGROUPS = r"""
n=$1; shift
while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done
exec "$@"
"""


@dataclass(frozen=True)
class ProcessJob:
    """One program to run: ``python *argv`` with ``env``, within ``timeout_s``.

    ``inputs`` are written into the fresh working directory before the start;
    ``collect`` names files there that come back in :attr:`ProcessResult.files`.
    """

    argv: Sequence[str]
    env: Mapping[str, str]
    timeout_s: float
    sandbox: SandboxMode | None = None  # None: DLCOMPARE_SANDBOX, else bwrap
    gpu: bool = False  # bind the NVIDIA devices into the sandbox
    limits: Limits = field(default_factory=Limits)
    inputs: Mapping[str, bytes] = field(default_factory=dict)
    collect: Sequence[str] = ()
    root: Path | None = None  # output mentions of this folder become relative paths
    python: str | None = None  # the interpreter; None: the one running dlcompare


@dataclass
class ProcessResult:
    """What a finished (or killed) program produced, and why it ended."""

    returncode: int | None
    stdout: str
    stderr: str
    duration_s: float
    ended: Ended = "exited"
    message: str = ""  # the cause in words: "killed after 5 s (timeout)"
    sandbox: SandboxMode = "bwrap"
    stdout_bytes: int = 0
    stderr_bytes: int = 0
    stdout_truncated_bytes: int = 0
    stderr_truncated_bytes: int = 0
    network_blocked: bool = False
    limits: list[str] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    probes: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def timed_out(self) -> bool:
        return self.ended == "killed-timeout"

    @property
    def ok(self) -> bool:
        return self.ended == "exited" and self.returncode == 0


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
        # The exit probe reports which of these were imported (the runner's skip guard).
        DLCOMPARE_PROBE_MODULES=",".join(FRAMEWORK_IMPORTS),
    )
    if backend:
        env["KERAS_BACKEND"] = backend
    if device == "cpu":
        # Hide every GPU from every framework: a CPU record must mean CPU.
        env["CUDA_VISIBLE_DEVICES"] = ""
        env["JAX_PLATFORMS"] = "cpu"
    else:
        # Programs share one GPU when the runner runs several at once: JAX would
        # otherwise reserve 75 % of its memory and TensorFlow nearly all of it at start,
        # and the next program would fail for lack of memory rather than for its code.
        env.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
        env.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
    if threads:
        for name in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(name, str(threads))
    env.update(extra or {})
    return env


def workdir_env(workdir: Path) -> dict[str, str]:
    """HOME, temp and every framework cache inside the run's own folder."""
    home, cache, tmp = workdir / "home", workdir / "cache", workdir / "tmp"
    for folder in (home, cache, tmp, workdir / _META):
        folder.mkdir()
    return {
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "XDG_CACHE_HOME": str(cache),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "KERAS_HOME": str(home / ".keras"),
        "TORCH_HOME": str(cache / "torch"),
        "TORCHINDUCTOR_CACHE_DIR": str(cache / "torchinductor"),
        "TRITON_CACHE_DIR": str(cache / "triton"),
        "CUDA_CACHE_PATH": str(cache / "nv"),
        "JAX_COMPILATION_CACHE_DIR": str(cache / "jax"),
        "TFHUB_CACHE_DIR": str(cache / "tfhub"),
        "HF_HOME": str(cache / "huggingface"),
        "MPLCONFIGDIR": str(cache / "matplotlib"),
        "PIP_CACHE_DIR": str(cache / "pip"),
        "PYTHONPYCACHEPREFIX": str(cache / "pycache"),
        "DLCOMPARE_WARNINGS_FILE": str(workdir / _META / "warnings.jsonl"),
        "DLCOMPARE_PROBE_FILE": str(workdir / _META / "probe.jsonl"),
        "DLCOMPARE_NETWORK_LOG": str(workdir / _META / "network.jsonl"),
    }


def _read_side(path: Path, cap: int = SIDE_FILE_CAP) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(cap)
    except OSError:
        return b""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in _read_side(path).decode("utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # a process killed mid-write leaves half a line
        if isinstance(row, dict):
            rows.append(row)
    return rows


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill the sandbox: its process group; bwrap's PID namespace takes everything inside."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


@dataclass
class _Pumped:
    stdout: CappedStream
    stderr: CappedStream
    ended: Ended
    exited_at: float | None


def _pump(proc: subprocess.Popen[bytes], timeout_s: float, start: float) -> _Pumped:
    """Read both pipes into capped buffers until EOF, the timeout or a held output."""
    out, err = CappedStream(STDOUT_CAP, "head"), CappedStream(STDERR_CAP, "tail")
    assert proc.stdout is not None and proc.stderr is not None
    selector = selectors.DefaultSelector()
    for pipe, sink in ((proc.stdout, out), (proc.stderr, err)):
        os.set_blocking(pipe.fileno(), False)
        selector.register(pipe, selectors.EVENT_READ, sink)
    deadline = start + timeout_s
    exited_at: float | None = None
    ended: Ended = "exited"
    try:
        while selector.get_map():
            now = time.monotonic()
            if exited_at is None and proc.poll() is not None:
                exited_at = now
            if now >= deadline:
                ended = "killed-timeout"
                break
            if exited_at is not None and now >= exited_at + HELD_OUTPUT_GRACE_S:
                ended = "child-held-output"
                break
            for key, _ in selector.select(min(0.2, deadline - now)):
                try:
                    chunk = os.read(key.fd, 256 * 1024)
                except BlockingIOError:
                    continue
                if chunk:
                    key.data.feed(chunk)
                else:
                    selector.unregister(key.fileobj)
    finally:
        selector.close()
        for pipe in (proc.stdout, proc.stderr):
            pipe.close()
    return _Pumped(out, err, ended, exited_at)


def _argv(job: ProcessJob, mode: SandboxMode, workdir: Path, cgroup: Cgroup) -> list[str]:
    mark = str(workdir / _META / "launch")
    # Scanning /proc is only meaningful (and cheap) in the sandbox's own PID namespace;
    # without it, the runner sees a held output as pipes that stay open.
    scan = "scan" if mode == "bwrap" else "no-scan"
    program = [
        "/bin/sh",
        "-c",
        _LAUNCHER,
        "launcher",
        mark,
        scan,
        job.python or interpreter(),
        *job.argv,
    ]
    cores = os.cpu_count() or 1
    argv = [*job.limits.prlimit_args(job.timeout_s, cores)]
    if mode == "bwrap":
        argv += [ensure_bwrap(), *namespace_args(workdir, gpu=job.gpu), "--", *program]
    else:
        argv += program
    if cgroup.procs:
        argv = ["/bin/sh", "-c", _JOIN_CGROUPS, "join", str(len(cgroup.procs)),
                *map(str, cgroup.procs), *argv]  # fmt: skip
    return argv


def _remove_tree(path: Path) -> None:
    """Delete the working directory even where a program took its permissions away."""

    def retry(func: Callable[..., Any], target: str, _exc: object) -> None:
        with contextlib.suppress(OSError):
            Path(target).parent.chmod(stat.S_IRWXU)
            Path(target).chmod(stat.S_IRWXU)
            func(target)

    shutil.rmtree(path, onerror=retry)


def run(job: ProcessJob) -> ProcessResult:
    """Run ``job``; never raises for anything the program does.

    Raises :class:`~dlcompare.executor.sandbox.SandboxUnavailable` when the bwrap
    sandbox is asked for but cannot be created here (the message says how to fix it).
    """
    mode = job.sandbox or default_mode()
    if mode == "bwrap":
        ensure_bwrap()
    workdir = Path(tempfile.mkdtemp(prefix="dlcompare-sandbox-"))
    cgroup = Cgroup()
    try:
        env = {**job.env, **workdir_env(workdir)}
        if mode == "none":
            env["DLCOMPARE_SANDBOX"] = "none"
        for name, data in job.inputs.items():
            (workdir / name).parent.mkdir(parents=True, exist_ok=True)
            (workdir / name).write_bytes(data)
        cgroup = Cgroup.create(job.limits)
        start = time.monotonic()
        proc = subprocess.Popen(
            _argv(job, mode, workdir, cgroup),
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # one process group to kill: the sandbox
        )
        pumped = _pump(proc, job.timeout_s, start)
        if pumped.ended == "exited":
            # Output closed, but the program may still be running: it gets its timeout.
            try:
                proc.wait(timeout=max(0.0, start + job.timeout_s - time.monotonic()))
            except subprocess.TimeoutExpired:
                pumped.ended = "killed-timeout"
        if pumped.ended != "exited":
            _kill(proc)
        try:
            returncode: int | None = proc.wait(timeout=KILL_GRACE_S)
        except subprocess.TimeoutExpired:
            _kill(proc)
            returncode = None
        duration = time.monotonic() - start
        return _result(job, mode, workdir, cgroup, pumped, returncode, duration)
    finally:
        cgroup.remove()
        _remove_tree(workdir)


def _result(
    job: ProcessJob,
    mode: SandboxMode,
    workdir: Path,
    cgroup: Cgroup,
    pumped: _Pumped,
    returncode: int | None,
    duration: float,
) -> ProcessResult:
    meta = workdir / _META
    ended = pumped.ended
    if not (meta / "launch.started").exists() and ended == "exited":
        ended = "sandbox-error"
    elif ended == "exited" and (meta / "launch.held").exists():
        ended = "child-held-output"
    stderr = _portable_text(pumped.stderr.text(), job.root, workdir)
    network_log = _read_jsonl(meta / "network.jsonl")
    failed = ended != "exited" or returncode != 0
    network = bool(network_log) or (failed and any(s in stderr for s in NETWORK_SIGNS))
    message = _message(ended, returncode, job.timeout_s, stderr)
    if failed and network:
        message += "; network access blocked by the sandbox"
    if failed and cgroup.oom_killed():
        message += f"; out of memory (limit {job.limits.memory_bytes // 2**20} MiB)"
    return ProcessResult(
        returncode=None if ended in ("killed-timeout", "sandbox-error") else returncode,
        stdout=_portable_text(pumped.stdout.text(), job.root, workdir),
        stderr=stderr,
        duration_s=duration,
        ended=ended,
        message=message,
        sandbox=mode,
        stdout_bytes=pumped.stdout.total,
        stderr_bytes=pumped.stderr.total,
        stdout_truncated_bytes=pumped.stdout.truncated_bytes,
        stderr_truncated_bytes=pumped.stderr.truncated_bytes,
        network_blocked=network,
        limits=[*cgroup.described, *job.limits.describe_rlimits(job.timeout_s, os.cpu_count() or 1)]
        + ([] if mode == "bwrap" else ["no sandbox (--sandbox=none)"]),
        warnings=[
            {**w, "message": _portable_text(str(w.get("message", "")), job.root, workdir)}
            for w in _read_jsonl(meta / "warnings.jsonl")
        ],
        probes=_read_jsonl(meta / "probe.jsonl"),
        files={name: _read_side(workdir / name, COLLECT_CAP) for name in job.collect},
    )


_SITE_PACKAGES = re.compile(r"(?:/[^\s\"'/]+)+/site-packages/")


def _portable_text(text: str, root: Path | None, workdir: Path) -> str:
    """Output as a record may store it: no absolute paths of this machine."""
    if root is not None:
        text = text.replace(f"{root.resolve()}/", "").replace(f"{root}/", "")
    # A temporary file or folder of the run reads <tmp>, like the judge writes the host's.
    text = re.sub(rf"{re.escape(str(workdir / 'tmp'))}/[^/\s'\"]+", "<tmp>", text)
    text = text.replace(f"{workdir}/home", "~").replace(f"{workdir}/", "")
    text = text.replace(str(workdir), ".")
    text = text.replace(f"{sysconfig.get_paths()['stdlib']}/", "stdlib/")
    return _SITE_PACKAGES.sub("site-packages/", text)


def _message(ended: Ended, returncode: int | None, timeout_s: float, stderr: str) -> str:
    if ended == "killed-timeout":
        return f"killed after {timeout_s:g} s (timeout)"
    if ended == "child-held-output":
        return "exited, but a child kept the output open (it was killed with the sandbox)"
    if ended == "sandbox-error":
        last = stderr.strip().splitlines()[-1:] or ["no message"]
        return f"the sandbox could not start: {last[0]}"
    return f"exited with status {returncode}"


def run_program(
    root: Path,
    path: Path,
    *,
    env: dict[str, str],
    timeout_s: float,
    args: list[str] | None = None,
    sandbox: SandboxMode | None = None,
    gpu: bool = False,
) -> ProcessResult:
    """Run ``python path [args]`` (``path`` relative to ``root`` or absolute), sandboxed."""
    program = path if path.is_absolute() else root / path
    return run(
        ProcessJob(
            argv=[str(program), *(args or [])],
            env=env,
            timeout_s=timeout_s,
            sandbox=sandbox,
            gpu=gpu,
            root=root,
        )
    )
