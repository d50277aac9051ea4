"""Concordance proofs: losses, on the same logits and labels.

torch losses take (input, target); Keras losses take (y_true, y_pred): the arguments
swap. Keras runs on its TensorFlow backend. One line per row:
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


def f(x):
    return float(x)


logits = (rng.standard_normal((16, 5)) * 2).astype(np.float32)
labels = rng.integers(0, 5, size=16)
onehot = np.eye(5, dtype=np.float32)[labels]

# --- cross-entropy with logits -----------------------------------------------------------
ce_t = f(torch.nn.CrossEntropyLoss()(t(logits), t(labels)))
ce_tf = f(tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)))
ce_k = f(keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits))
report("cross-entropy-logits", [ce_t, ce_tf, ce_k], 1e-6)
ce_default = f(keras.losses.SparseCategoricalCrossentropy()(labels, logits))
report(
    "cross-entropy-from-logits-default",
    [ce_t, ce_default],
    1e-6,
    "differs",
    "Keras losses default to from_logits=False and read logits as probabilities (clipped "
    "and renormalised); torch's CrossEntropyLoss always takes logits",
)
cat_t = f(torch.nn.CrossEntropyLoss()(t(logits), t(onehot)))
cat_tf = f(tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(onehot, logits)))
cat_k = f(keras.losses.CategoricalCrossentropy(from_logits=True)(onehot, logits))
report("categorical-cross-entropy", [cat_t, cat_tf, cat_k], 1e-6)
ls_t = f(torch.nn.CrossEntropyLoss(label_smoothing=0.1)(t(logits), t(labels)))
ls_k = f(
    keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)(onehot, logits)
)
report("label-smoothing", [ls_t, ls_k], 1e-6)

# --- binary cross-entropy ------------------------------------------------------------------
z = (rng.standard_normal((32, 1)) * 3).astype(np.float32)
y = rng.integers(0, 2, size=(32, 1)).astype(np.float32)
bce_t = f(torch.nn.BCEWithLogitsLoss()(t(z), t(y)))
bce_tf = f(tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=z)))
bce_k = f(keras.losses.BinaryCrossentropy(from_logits=True)(y, z))
report("bce-logits", [bce_t, bce_tf, bce_k], 1e-6)
probs = rng.uniform(0.02, 0.98, size=(32, 1)).astype(np.float32)
bcep_t = f(torch.nn.BCELoss()(t(probs), t(y)))
bcep_k = f(keras.losses.BinaryCrossentropy()(y, probs))
report("bce-probabilities", [bcep_t, bcep_k], 1e-5)

# --- regression losses ----------------------------------------------------------------------
pred = rng.standard_normal((16, 3)).astype(np.float32) * 2
true = rng.standard_normal((16, 3)).astype(np.float32)
mse_t = f(torch.nn.MSELoss()(t(pred), t(true)))
mse_tf = f(tf.reduce_mean(tf.square(pred - true)))
mse_k = f(keras.losses.MeanSquaredError()(true, pred))
report("mse", [mse_t, mse_tf, mse_k], 1e-6)
mae_t = f(torch.nn.L1Loss()(t(pred), t(true)))
mae_k = f(keras.losses.MeanAbsoluteError()(true, pred))
report("mae", [mae_t, mae_k], 1e-6)
hub_t = f(torch.nn.HuberLoss(delta=2.0)(t(pred), t(true)))
hub_k = f(keras.losses.Huber(delta=2.0)(true, pred))
report("huber", [hub_t, hub_k], 1e-6)
sl1_t = f(torch.nn.SmoothL1Loss(beta=2.0)(t(pred), t(true)))
report(
    "huber-vs-smooth-l1",
    [hub_k, sl1_t],
    1e-6,
    "differs",
    "SmoothL1Loss(beta) is Huber(delta=beta) divided by beta; they agree only at 1.0",
)

# --- KL divergence ----------------------------------------------------------------------------
p_true = tf.nn.softmax(rng.standard_normal((8, 6)).astype(np.float32)).numpy()
q_pred = tf.nn.softmax(rng.standard_normal((8, 6)).astype(np.float32)).numpy()
kl_t = f(torch.nn.KLDivLoss(reduction="batchmean")(t(np.log(q_pred)), t(p_true)))
kl_k = f(keras.losses.KLDivergence()(p_true, q_pred))
kl_tf = f(tf.reduce_mean(tf.reduce_sum(p_true * tf.math.log(p_true / q_pred), axis=-1)))
report("kl-divergence", [kl_t, kl_tf, kl_k], 1e-6)
kl_mean = f(torch.nn.KLDivLoss(reduction="mean")(t(np.log(q_pred)), t(p_true)))
report(
    "kl-divergence-mean",
    [kl_k, kl_mean],
    1e-6,
    "differs",
    "torch's KLDivLoss reduction='mean' divides by every element (batch x classes); "
    "'batchmean' gives the per-example mean that Keras reports",
)

# --- cosine similarity ------------------------------------------------------------------------
cos_t = f(F.cosine_similarity(t(pred), t(true)).mean())
cos_k = f(keras.losses.CosineSimilarity()(true, pred))
report(
    "cosine-similarity-loss",
    [cos_t, cos_k],
    1e-6,
    "differs",
    "Keras's CosineSimilarity loss is the negative similarity (lower is better); "
    "torch's cosine_similarity is the similarity itself",
)
report("cosine-similarity-negated", [cos_t, -cos_k], 1e-6)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")
