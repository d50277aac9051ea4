"""Keras 3 benchmark program; the backend comes from ``KERAS_BACKEND`` (``--mode`` names it).

Training is ``model.fit`` (one call for all timed repetitions, timed per epoch by a
callback, so fit's per-call set-up is paid once, as in real use); inference calls the
model directly, ``model(x, training=False)``. Run as a script; prints one JSON line.

``jit_compile`` is left at Keras' "auto" except on JAX, where it is set to True
explicitly: that is the compiled mode (XLA through ``jax.jit``) readers ask about, and
"auto" would silently fall back to eager for a model JAX cannot trace.
"""

import os
import time
from typing import Any

from dlcompare.bench.workloads.common import (
    LEARNING_RATE,
    MOMENTUM,
    T0,
    WORKLOADS,
    Reps,
    cpu_seconds,
    emit,
    latency_batch,
    load_data,
    parse_args,
    time_calls,
)
from dlcompare.bench.workloads.common import load1 as load_average

args = parse_args()
epochs_per_rep = 1 if args.quick else WORKLOADS[args.workload]["epochs_per_rep"]
backend = os.environ.get("KERAS_BACKEND", "tensorflow")
if args.mode != backend:
    raise SystemExit(f"--mode {args.mode} but KERAS_BACKEND={backend}: they must match")
if backend == "tensorflow":
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)
elif backend == "torch":
    import torch

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)
# JAX (XLA:CPU) has no thread-count API; the runner sets XLA_FLAGS before it starts.
import keras  # noqa: E402

import_s = time.perf_counter() - T0

start = time.perf_counter()
keras.utils.set_random_seed(0)
data = load_data(args.workload, args.quick)
layers = keras.layers
shape: tuple[int, ...]
if args.workload == "mlp":
    shape = (-1, 64)
    model = keras.Sequential(
        [keras.Input((64,)), layers.Dense(128, activation="relu"), layers.Dense(10)]
    )
elif args.workload == "cnn32":
    shape = (-1, 32, 32, 3)
    model = keras.Sequential(
        [
            keras.Input((32, 32, 3)),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(10),
        ]
    )
elif args.workload == "cnn":
    shape = (-1, 8, 8, 1)
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            layers.Conv2D(16, 3, padding="same", activation="relu"),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(10),
        ]
    )
else:
    shape = (-1, 512)
    model = keras.Sequential(
        [
            keras.Input((512,)),
            layers.Dense(1024, activation="relu"),
            layers.Dense(1024, activation="relu"),
            layers.Dense(10),
        ]
    )
model.compile(
    optimizer=keras.optimizers.SGD(LEARNING_RATE, momentum=MOMENTUM),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    jit_compile=True if backend == "jax" else "auto",
)
x_train = data.x_train.reshape(shape)
build_s = time.perf_counter() - start

start = time.perf_counter()
model.train_on_batch(x_train[: data.batch], data.y_train[: data.batch])
first_step_s = time.perf_counter() - start


class EpochTimer(keras.callbacks.Callback):  # type: ignore[misc]  # keras is untyped
    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.load: list[float] = []
        self._start, self._cpu = 0.0, 0.0

    def on_epoch_begin(self, epoch: int, logs: object = None) -> None:
        self._start, self._cpu = time.perf_counter(), cpu_seconds()

    def on_epoch_end(self, epoch: int, logs: object = None) -> None:
        self.times.append(time.perf_counter() - self._start)
        self.cpu.append(cpu_seconds() - self._cpu)
        self.load.append(load_average())


timer = EpochTimer()
reps = args.repeat
model.fit(
    x_train,
    data.y_train,
    batch_size=data.batch,
    epochs=(1 + reps) * epochs_per_rep,
    shuffle=False,
    verbose=0,
    callbacks=[timer],
)


def per_rep(values: list[float]) -> list[float]:
    """Per-epoch values summed into repetitions; the first repetition's worth is warm-up."""
    timed = values[epochs_per_rep:]
    return [sum(timed[i * epochs_per_rep : (i + 1) * epochs_per_rep]) for i in range(reps)]


repetitions = Reps(
    wall=per_rep(timer.times),
    cpu=per_rep(timer.cpu),
    load=timer.load[2 * epochs_per_rep - 1 :: epochs_per_rep],
)

one = latency_batch(data, 1).reshape(shape)
many = latency_batch(data, 256).reshape(shape)


def infer(x: Any) -> Any:
    return keras.ops.convert_to_numpy(model(x, training=False))


lat1 = time_calls(lambda: infer(one), args.latency_calls)
lat256 = time_calls(lambda: infer(many), max(5, args.latency_calls // 5))
predicted = infer(data.x_test.reshape(shape)).argmax(axis=1)
accuracy = float((predicted == data.y_test).mean())

threads: dict[str, int | None] = {"intra_op": args.threads, "inter_op": None}
if backend == "tensorflow":
    threads = {
        "intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
        "inter_op": tf.config.threading.get_inter_op_parallelism_threads(),
    }
elif backend == "torch":
    threads = {"intra_op": torch.get_num_threads(), "inter_op": torch.get_num_interop_threads()}
versions = {"keras": keras.__version__, "backend": backend, "jit_compile": str(model.jit_compile)}
emit(
    args=args,
    framework="keras",
    import_s=import_s,
    build_s=build_s,
    first_step_s=first_step_s,
    reps=repetitions,
    samples_per_epoch=len(x_train) * epochs_per_rep,
    latency_1_s=lat1,
    latency_256_s=lat256,
    accuracy=accuracy,
    versions=versions,
    threads=threads,
)
