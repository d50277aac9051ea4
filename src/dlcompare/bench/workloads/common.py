"""What every benchmark program shares: arguments, data, timing and the JSON line.

Imported by the workload scripts *before* any framework, so it imports only the
standard library and NumPy (scikit-learn only when the digits data is asked for).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: Perf counter at the moment the workload module began executing.
T0 = time.perf_counter()

#: name -> batch size, epochs per timed repetition (so one lasts well over timer noise), what
WORKLOADS: dict[str, dict[str, Any]] = {
    "mlp": {"batch": 32, "epochs_per_rep": 8, "what": "digits 8×8, MLP 64-128-10"},
    "cnn": {"batch": 32, "epochs_per_rep": 2, "what": "digits 8×8, conv16-conv32-pool-dense10"},
    "wide": {
        "batch": 256,
        "epochs_per_rep": 1,
        "what": "synthetic 512 features, MLP 512-1024-1024-10",
    },
    # Not overhead-bound: ~6 GFLOP per training step, so kernels, not dispatch, dominate.
    "cnn32": {
        "batch": 128,
        "epochs_per_rep": 1,
        "what": "synthetic 32×32×3 images, conv32-pool-conv64-pool-conv64-pool-dense10",
    },
}

LEARNING_RATE = 0.05
MOMENTUM = 0.9
SEED = 0


@dataclass
class Data:
    x_train: NDArray[Any]  # float32, (n, 64) or (n, 512)
    y_train: NDArray[Any]  # int64
    x_test: NDArray[Any]
    y_test: NDArray[Any]
    batch: int


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workload", choices=sorted(WORKLOADS), required=True)
    parser.add_argument("--mode", required=True, help="framework-specific variant")
    parser.add_argument("--repeat", type=int, default=5, help="timed training repetitions")
    parser.add_argument("--latency-calls", type=int, default=50, help="timed inference calls")
    parser.add_argument("--quick", action="store_true", help="tiny data, for smoke tests")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    return parser.parse_args(argv)


def load_data(workload: str, quick: bool = False) -> Data:
    """NumPy arrays; the training set is cut to a whole number of batches."""
    import numpy as np

    batch = WORKLOADS[workload]["batch"]
    if workload == "cnn32":
        # Ten fixed random 32×32×3 prototypes plus noise: a CNN can learn the classes,
        # so accuracy shows training worked. Channels last (NHWC); PyTorch transposes.
        rng = np.random.default_rng(SEED)
        n_train, n_test = (256, 128) if quick else (1024, 256)
        prototypes = rng.standard_normal((10, 32, 32, 3)).astype("float32")
        y = rng.integers(0, 10, n_train + n_test).astype("int64")
        noise = rng.standard_normal((n_train + n_test, 32, 32, 3)).astype("float32")
        x = prototypes[y] + 2.0 * noise
        x_train, y_train, x_test, y_test = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    elif workload == "wide":
        rng = np.random.default_rng(SEED)
        n_train, n_test = (512, 256) if quick else (4096, 1024)
        teacher = rng.standard_normal((512, 10)).astype("float32")
        x = rng.standard_normal((n_train + n_test, 512)).astype("float32")
        y = (x @ teacher).argmax(axis=1).astype("int64")
        x_train, y_train, x_test, y_test = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    else:
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        digits = load_digits()
        x = (digits.data / 16.0).astype("float32")
        y = digits.target.astype("int64")
        x_train, x_test, y_train, y_test = train_test_split(
            x, y, test_size=0.2, random_state=SEED, stratify=y
        )
        if quick:
            x_train, y_train = x_train[:256], y_train[:256]
    n = (len(x_train) // batch) * batch
    return Data(x_train[:n], y_train[:n], x_test, y_test, batch)


def latency_batch(data: Data, size: int) -> NDArray[Any]:
    """``size`` test inputs, repeated when the test set is smaller."""
    import numpy as np

    reps = -(-size // len(data.x_test))
    return np.concatenate([data.x_test] * reps)[:size]


def time_calls(fn: Callable[[], object], calls: int, warmup: int = 5) -> list[float]:
    """Seconds per call of ``fn`` (which must block until its result is ready)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process, all its threads (``getrusage``)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load1() -> float:
    """The 1-minute load average now: above the core count means a queue for the CPU."""
    return os.getloadavg()[0]


@dataclass
class Reps:
    """Per timed repetition: wall seconds, CPU seconds, load average at its end."""

    wall: list[float]
    cpu: list[float]
    load: list[float]


def timed(fn: Callable[[], object], repeat: int) -> Reps:
    """Wall and CPU seconds (all threads of this process) of ``repeat`` calls of ``fn``."""
    reps = Reps([], [], [])
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        fn()
        reps.wall.append(time.perf_counter() - start)
        reps.cpu.append(cpu_seconds() - start_cpu)
        reps.load.append(load1())
    return reps


def emit(
    *,
    args: argparse.Namespace,
    framework: str,
    import_s: float,
    build_s: float,
    first_step_s: float,
    reps: Reps,
    samples_per_epoch: int,
    latency_1_s: list[float],
    latency_256_s: list[float],
    accuracy: float,
    versions: dict[str, str],
    threads: dict[str, int | None],
) -> None:
    """Print the one JSON line the parent parses (prefixed so stray output can't fool it)."""
    row = {
        "framework": framework,
        "mode": args.mode,
        "workload": args.workload,
        "quick": args.quick,
        "import_s": import_s,
        "build_s": build_s,
        "first_step_s": first_step_s,
        "time_to_first_step_s": import_s + build_s + first_step_s,
        "device": args.device,
        # One entry per timed repetition; samples_per_epoch counts a whole repetition.
        "rep_wall_s": reps.wall,
        "rep_cpu_s": reps.cpu,
        "rep_load1": reps.load,
        "train_samples_per_s": [samples_per_epoch / t for t in reps.wall],
        "latency_b1_ms": [t * 1e3 for t in latency_1_s],
        "latency_b256_ms": [t * 1e3 for t in latency_256_s],
        "peak_rss_mib": peak_rss_mib(),
        "accuracy": accuracy,
        "versions": versions,
        "threads": threads,
        "pid": os.getpid(),
    }
    print("DLCOMPARE_BENCH " + json.dumps(row), flush=True)
