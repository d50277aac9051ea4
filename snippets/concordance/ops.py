"""Concordance proofs: tensor and data operations, on the same arrays.

Keras runs on its TensorFlow backend. One line per row:
`row <id>: equal|differs max_abs=<measured> tol=<tolerance> [reason=...]`.
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
import torch
import torch.nn.functional as F

print("device: cpu")
torch.manual_seed(0)
rng = np.random.default_rng(0)
failures = []


def report(row, results, tol, expect="equal", reason=""):
    """Largest |a - b| between the first result and each other one, then the verdict."""
    ref = np.asarray(results[0], dtype=np.float64)
    diff = max(float(np.max(np.abs(ref - np.asarray(r, dtype=np.float64)))) for r in results[1:])
    verdict = "equal" if diff <= tol else "differs"
    line = f"row {row}: {verdict} max_abs={diff:.2g} tol={tol:g}"
    print(line + (f" reason={reason}" if verdict == "differs" and reason else ""))
    if verdict != expect:
        failures.append(row)


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


x = rng.standard_normal((6, 8)).astype(np.float32)
tx = t(x)
idx = rng.integers(0, 8, size=(6, 3))

report(
    "matmul",
    [
        (tx @ tx.T).numpy(),
        (x @ tf.transpose(x)).numpy(),
        keras.ops.matmul(x, keras.ops.transpose(x)),
    ],
    1e-5,
)
report("sum-axis", [tx.sum(dim=0), tf.reduce_sum(x, axis=0), keras.ops.sum(x, axis=0)], 1e-6)
report("mean-axis", [tx.mean(dim=1), tf.reduce_mean(x, axis=1), keras.ops.mean(x, axis=1)], 1e-6)
report(
    "std",
    [tx.std(dim=0, correction=0), tf.math.reduce_std(x, axis=0), keras.ops.std(x, axis=0)],
    1e-6,
)
report(
    "std-default",
    [tx.std(dim=0), keras.ops.std(x, axis=0)],
    1e-6,
    "differs",
    "torch.std divides by n-1 by default (correction=1); tf.math.reduce_std and keras.ops.std "
    "divide by n",
)
labels = rng.integers(0, 5, size=10)
report(
    "one-hot",
    [F.one_hot(t(labels), 5), tf.one_hot(labels, 5), keras.ops.one_hot(labels, 5)],
    0.0,
)
report("argmax", [torch.argmax(tx, dim=1), tf.argmax(x, axis=1), keras.ops.argmax(x, axis=1)], 0.0)
report(
    "take",
    [
        torch.index_select(tx, 1, t(idx[0])),
        tf.gather(x, idx[0], axis=1),
        keras.ops.take(x, idx[0], axis=1),
    ],
    0.0,
)
report(
    "take-along-axis",
    [
        torch.gather(tx, 1, t(idx)),
        tf.gather(x, idx, axis=1, batch_dims=1),
        keras.ops.take_along_axis(x, idx, axis=1),
    ],
    0.0,
)
report(
    "cumsum",
    [torch.cumsum(tx, dim=1), tf.math.cumsum(x, axis=1), keras.ops.cumsum(x, axis=1)],
    1e-6,
)
vals_t, ind_t = torch.topk(tx, 3, dim=-1)
vals_tf, ind_tf = tf.math.top_k(x, 3)
vals_k, ind_k = keras.ops.top_k(x, 3)
report("top-k", [vals_t, vals_tf, vals_k], 0.0)
report(
    "clip",
    [torch.clamp(tx, -0.5, 0.5), tf.clip_by_value(x, -0.5, 0.5), keras.ops.clip(x, -0.5, 0.5)],
    0.0,
)
report(
    "concatenate",
    [torch.cat([tx, tx], dim=0), tf.concat([x, x], axis=0), keras.ops.concatenate([x, x], axis=0)],
    0.0,
)
halves = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], np.float32)
report(
    "round-half-even",
    [torch.round(t(halves)), tf.round(halves), keras.ops.round(halves), np.round(halves)],
    0.0,
)
report(
    "einsum",
    [
        torch.einsum("ij,kj->ik", tx, tx),
        tf.einsum("ij,kj->ik", x, x),
        keras.ops.einsum("ij,kj->ik", x, x),
    ],
    1e-5,
)
small = np.array([1.0, 2.0, 3.0], np.float32)
report(
    "repeat",
    [torch.repeat_interleave(t(small), 2), tf.repeat(small, 2), keras.ops.repeat(small, 2)],
    0.0,
)
report(
    "repeat-vs-tile",
    [t(small).repeat(2), keras.ops.repeat(small, 2)],
    0.0,
    "differs",
    "Tensor.repeat tiles the whole tensor (1,2,3,1,2,3) like tf.tile; keras.ops.repeat and "
    "tf.repeat repeat each element (1,1,2,2,3,3) like torch.repeat_interleave",
)
report("tile", [t(small).repeat(2), tf.tile(small, [2]), keras.ops.tile(small, [2])], 0.0)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")
