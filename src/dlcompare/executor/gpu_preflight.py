"""``dlcompare gpu preflight``: prove each framework sees a GPU before the GPU suite starts.

A GPU suite on a machine whose frameworks silently fall back to the CPU wastes the
runner's hours and ends in a wall of "GPU unused" records, one per program, that all
say the same thing. The pre-flight says it once, per framework, in seconds:

1. the install plan: the GPU lock parses and agrees with pyproject.toml's pins
   (:mod:`dlcompare.executor.gpu_lock`);
2. unless ``--dry-run``: the installed packages are the lock's (the CUDA builds);
3. for torch, TensorFlow, JAX and Keras on each backend, a tiny program run through
   the executor exactly as an example is (sandboxed, ``--device cuda``
   environment, NVIDIA devices bound) places a tensor on the GPU; it passes only if
   the program saw the GPU *and* the bootstrap's probe, the evidence the runner
   judges GPU records by, saw GPU memory in use.

``--dry-run`` checks the plan instead of the installed packages and still runs every
check, so on a machine without a GPU it fails with one "no GPU" line per framework.
Exit status 0 only when every framework used the GPU.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dlcompare.executor.execute import ProcessJob, ProcessResult, program_env, run
from dlcompare.executor.gpu import gpu_names
from dlcompare.executor.gpu_lock import (
    GPU_LOCK,
    LockError,
    installed_problems,
    parse_lock,
    plan_problems,
)
from dlcompare.executor.sandbox import SandboxMode, SandboxUnavailable
from dlcompare.vocabulary import (
    BACKEND_LABELS,
    BACKEND_MODULES,
    FRAMEWORK_LABELS,
    KERAS_BACKENDS,
    Backend,
    keras_label,
)

#: Seconds one check may take: a cold TensorFlow import on a busy machine is the slowest part.
CHECK_TIMEOUT_S = 300.0
NO_GPU = "no GPU"

# Each check prints one verdict line: "ok: <what it used>" or "no GPU: <why>".
_PRELUDE = f"""
import sys
def fail(reason):
    print("{NO_GPU}: " + reason)
    sys.exit(1)
"""
_TORCH = """
import torch
if not torch.cuda.is_available():
    build = f"CUDA {torch.version.cuda} build" if torch.version.cuda else "a CPU-only build"
    fail(f"torch.cuda.is_available() is False (torch {torch.__version__}, {build})")
x = torch.ones(8, device="cuda") * 2
torch.cuda.synchronize()
if x.device.type != "cuda":
    fail(f"a tensor made on cuda landed on {x.device}")
print(f"ok: {torch.cuda.get_device_name(0)}, torch {torch.__version__} (CUDA {torch.version.cuda})")
"""
_TENSORFLOW = """
import tensorflow as tf
gpus = tf.config.list_physical_devices("GPU")
if not gpus:
    cuda = "built with CUDA" if tf.test.is_built_with_cuda() else "built without CUDA"
    fail(f"tf.config.list_physical_devices('GPU') is empty (tensorflow {tf.__version__}, {cuda})")
with tf.device("/GPU:0"):
    x = tf.ones(8) * 2
if "GPU" not in x.device:
    fail(f"a tensor placed on /GPU:0 landed on {x.device}")
name = tf.config.experimental.get_device_details(gpus[0]).get("device_name", "GPU")
print(f"ok: {name}, tensorflow {tf.__version__}")
"""
_JAX = """
import jax
try:
    gpus = jax.devices("gpu")
except RuntimeError:
    gpus = []
if not gpus:
    platforms = ", ".join(sorted({d.platform for d in jax.devices()}))
    fail(f"JAX has no CUDA device (jax {jax.__version__}, platforms: {platforms})")
x = jax.device_put(jax.numpy.ones(8), gpus[0]) * 2
x.block_until_ready()
if {d.platform for d in x.devices()} != {"gpu"}:
    fail(f"an array put on {gpus[0]} landed on {x.devices()}")
print(f"ok: {gpus[0].device_kind}, jax {jax.__version__}")
"""
_KERAS = """
import keras
backend = keras.backend.backend()
x = keras.ops.ones(8) * 2
device = getattr(x, "device", None)
device = str(device() if callable(device) else device)
if "cuda" not in device.lower() and "gpu" not in device.lower():
    fail(f"Keras on {backend} put a new tensor on {device}")
print(f"ok: Keras {keras.__version__} on {backend}, tensor on {device}")
"""


@dataclass(frozen=True)
class Check:
    """One framework (or Keras on one backend) that must place a tensor on the GPU."""

    label: str
    code: str
    probe_key: str  # the bootstrap probe's name for the framework that holds the memory
    backend: Backend | None = None


def checks() -> tuple[Check, ...]:
    """torch, TensorFlow, JAX, then Keras on every backend (from the vocabulary)."""
    return (
        Check(FRAMEWORK_LABELS["pytorch"], _PRELUDE + _TORCH, "torch"),
        Check(FRAMEWORK_LABELS["tensorflow"], _PRELUDE + _TENSORFLOW, "tensorflow"),
        Check(BACKEND_LABELS["jax"], _PRELUDE + _JAX, "jax"),
        *(
            Check(keras_label(b), _PRELUDE + _KERAS, BACKEND_MODULES[b], backend=b)
            for b in KERAS_BACKENDS
        ),
    )


@dataclass(frozen=True)
class Verdict:
    label: str
    ok: bool
    reason: str

    def line(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.label}: {self.reason}"


def run_check(check: Check, *, sandbox: SandboxMode | None = None) -> Verdict:
    """Run one check in the sandbox, on the CUDA environment the GPU suite uses."""
    result = run(
        ProcessJob(
            argv=["-c", check.code],
            env=program_env(device="cuda", backend=check.backend),
            timeout_s=CHECK_TIMEOUT_S,
            sandbox=sandbox,
            gpu=True,
        )
    )
    return judge_check(check, result)


def judge_check(check: Check, result: ProcessResult) -> Verdict:
    """A check passes when its program used the GPU and the runner's probe agrees."""
    said = [line for line in result.stdout.splitlines() if line.startswith(("ok: ", NO_GPU))]
    if result.timed_out:
        return Verdict(check.label, False, f"{NO_GPU}: the check did not finish ({result.message})")
    if not result.ok:
        if said and said[-1].startswith(NO_GPU):
            return Verdict(check.label, False, said[-1])
        last = result.stderr.strip().splitlines()[-1:] or [result.message]
        return Verdict(check.label, False, f"{NO_GPU}: the check failed: {last[0]}")
    if not _probe_saw_gpu(result.probes, check.probe_key):
        return Verdict(
            check.label,
            False,
            f"{NO_GPU}: the program reported a GPU tensor, but the runner's probe saw no GPU "
            f"memory in {check.probe_key}, so every GPU record would read 'GPU unused'",
        )
    return Verdict(check.label, True, said[-1][len("ok: ") :] if said else "GPU used")


def _probe_saw_gpu(probes: list[dict[str, Any]], key: str) -> bool:
    return any(
        bool((probe.get("frameworks") or {}).get(key, {}).get("gpu_used")) for probe in probes
    )


def preflight(root: Path, *, dry_run: bool, sandbox: SandboxMode | None = None) -> int:
    """Print the plan's and every framework's verdict; 0 only when all used the GPU."""
    title = "the install plan" if dry_run else "the installed packages"
    print(f"GPU pre-flight ({'dry run: ' if dry_run else ''}{title}, then one check per framework)")
    ok = True
    try:
        lock = parse_lock(root)
        problems = plan_problems(root, lock)
        if not dry_run:
            problems += installed_problems(lock)
    except LockError as exc:
        problems = [str(exc)]
    if problems:
        ok = False
        for problem in problems:
            print(f"✗ {GPU_LOCK}: {problem}")
    else:
        what = "pins agree with pyproject.toml" + ("" if dry_run else " and are installed")
        print(f"✓ {GPU_LOCK}: {len(lock.pins)} {what}")
    names = gpu_names()
    print(f"  nvidia-smi: {', '.join(names) if names else 'no NVIDIA GPU or driver found'}")
    try:
        verdicts = _run_checks(sandbox)
    except SandboxUnavailable as exc:
        print(f"✗ sandbox: {exc}")
        return 1
    for verdict in verdicts:
        print(verdict.line())
    failed = [v for v in verdicts if not v.ok]
    if failed:
        print(
            f"{len(failed)} of {len(verdicts)} checks: {NO_GPU}. On a machine with an "
            "NVIDIA GPU and driver: `make setup-gpu` installs the CUDA builds "
            f"({GPU_LOCK}), then `make preflight` again."
        )
    return 0 if ok and not failed else 1


def _run_checks(sandbox: SandboxMode | None) -> list[Verdict]:
    todo = checks()
    workers = max(1, min(len(todo), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda check: run_check(check, sandbox=sandbox), todo))


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``dlcompare gpu preflight [--dry-run]``."""
    gpu = sub.add_parser("gpu", help="GPU tools: the pre-flight check of the GPU environment")
    tools = gpu.add_subparsers(dest="gpu_command", required=True)
    check = tools.add_parser(
        "preflight",
        help="prove each framework sees a GPU and places a tensor on it (exit 1 if any cannot)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "--dry-run",
        action="store_true",
        help=f"check the install plan ({GPU_LOCK} against pyproject.toml) instead of the "
        "installed packages; the GPU checks still run",
    )
    check.add_argument("--sandbox", choices=["bwrap", "none"], default=None)
    check.set_defaults(func=_cmd_preflight)


def _cmd_preflight(args: argparse.Namespace) -> int:
    from dlcompare.paths import find_root

    code = preflight(find_root(), dry_run=args.dry_run, sandbox=args.sandbox)
    sys.stdout.flush()
    return code
