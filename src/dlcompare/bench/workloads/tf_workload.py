"""TensorFlow benchmark program without Keras: variables, ``tf.nn`` ops, a GradientTape.

``--mode eager`` runs every op eagerly, ``function`` wraps the step in ``tf.function``,
``xla`` in ``tf.function(jit_compile=True)``. Run as a script; prints one JSON line.
"""

import time
from typing import Any

from dlcompare.bench.workloads.common import (
    LEARNING_RATE,
    MOMENTUM,
    T0,
    WORKLOADS,
    emit,
    latency_batch,
    load_data,
    parse_args,
    time_calls,
    timed,
)

args = parse_args()
epochs_per_rep = 1 if args.quick else WORKLOADS[args.workload]["epochs_per_rep"]
if args.mode not in ("eager", "function", "xla"):
    raise SystemExit(f"unknown mode {args.mode!r}: use eager, function or xla")
import tensorflow as tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(args.threads)
tf.config.threading.set_inter_op_parallelism_threads(args.threads)
import_s = time.perf_counter() - T0

start = time.perf_counter()
tf.random.set_seed(0)
data = load_data(args.workload, args.quick)


def dense(n_in: int, n_out: int) -> list[Any]:
    limit = (6.0 / (n_in + n_out)) ** 0.5
    return [
        tf.Variable(tf.random.uniform((n_in, n_out), -limit, limit)),
        tf.Variable(tf.zeros(n_out)),
    ]


def conv(k: int, c_in: int, c_out: int) -> list[Any]:
    limit = (6.0 / (k * k * (c_in + c_out))) ** 0.5
    return [
        tf.Variable(tf.random.uniform((k, k, c_in, c_out), -limit, limit)),
        tf.Variable(tf.zeros(c_out)),
    ]


if args.workload == "mlp":
    params = dense(64, 128) + dense(128, 10)
    shape: tuple[int, ...] = (-1, 64)

    def net(x: Any) -> Any:
        w1, b1, w2, b2 = params
        return tf.nn.relu(x @ w1 + b1) @ w2 + b2
elif args.workload == "cnn32":
    params = conv(3, 3, 32) + conv(3, 32, 64) + conv(3, 64, 64) + dense(64 * 4 * 4, 10)
    shape = (-1, 32, 32, 3)

    def net(x: Any) -> Any:
        k1, c1, k2, c2, k3, c3, w, b = params
        h = x
        for k, c in ((k1, c1), (k2, c2), (k3, c3)):
            h = tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(h, k, 1, "SAME") + c), 2, 2, "VALID")
        return tf.reshape(h, (-1, 64 * 4 * 4)) @ w + b
elif args.workload == "cnn":
    params = conv(3, 1, 16) + conv(3, 16, 32) + dense(32 * 4 * 4, 10)
    shape = (-1, 8, 8, 1)

    def net(x: Any) -> Any:
        k1, c1, k2, c2, w, b = params
        h = tf.nn.relu(tf.nn.conv2d(x, k1, 1, "SAME") + c1)
        h = tf.nn.relu(tf.nn.conv2d(h, k2, 1, "SAME") + c2)
        h = tf.nn.max_pool2d(h, 2, 2, "VALID")
        return tf.reshape(h, (-1, 32 * 4 * 4)) @ w + b
else:
    params = dense(512, 1024) + dense(1024, 1024) + dense(1024, 10)
    shape = (-1, 512)

    def net(x: Any) -> Any:
        w1, b1, w2, b2, w3, b3 = params
        h = tf.nn.relu(x @ w1 + b1)
        return tf.nn.relu(h @ w2 + b2) @ w3 + b3


velocity = [tf.Variable(tf.zeros_like(p)) for p in params]


def step(xb: Any, yb: Any) -> Any:
    with tf.GradientTape() as tape:
        logits = net(xb)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(yb, logits))
    grads = tape.gradient(loss, params)
    for p, v, g in zip(params, velocity, grads, strict=True):  # SGD with momentum, PyTorch's form
        v.assign(MOMENTUM * v + g)
        p.assign_sub(LEARNING_RATE * v)
    return loss


predict = net
if args.mode != "eager":
    step = tf.function(step, jit_compile=args.mode == "xla")
    predict = tf.function(net, jit_compile=args.mode == "xla")

x_train = tf.constant(data.x_train.reshape(shape))
y_train = tf.constant(data.y_train)
batches = [
    (x_train[i : i + data.batch], y_train[i : i + data.batch])
    for i in range(0, len(data.x_train), data.batch)
]
build_s = time.perf_counter() - start

start = time.perf_counter()
step(*batches[0]).numpy()
first_step_s = time.perf_counter() - start


def epoch() -> None:
    for _ in range(epochs_per_rep):
        for xb, yb in batches:
            loss = step(xb, yb)
    loss.numpy()


epoch()  # warm-up
reps = timed(epoch, args.repeat)

one = tf.constant(latency_batch(data, 1).reshape(shape))
many = tf.constant(latency_batch(data, 256).reshape(shape))
lat1 = time_calls(lambda: predict(one).numpy(), args.latency_calls)
lat256 = time_calls(lambda: predict(many).numpy(), max(5, args.latency_calls // 5))
predicted = predict(tf.constant(data.x_test.reshape(shape))).numpy().argmax(axis=1)
accuracy = float((predicted == data.y_test).mean())

emit(
    args=args,
    framework="tensorflow",
    import_s=import_s,
    build_s=build_s,
    first_step_s=first_step_s,
    reps=reps,
    samples_per_epoch=len(data.x_train) * epochs_per_rep,
    latency_1_s=lat1,
    latency_256_s=lat256,
    accuracy=accuracy,
    versions={
        "tensorflow": tf.__version__,
        "gpus": str(len(tf.config.list_logical_devices("GPU"))),
    },
    threads={
        "intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
        "inter_op": tf.config.threading.get_inter_op_parallelism_threads(),
    },
)
