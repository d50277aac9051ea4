"""Concordance proofs: optimizer steps from the same weights and the same gradients.

Each optimizer starts from one weight vector and applies the same three gradients
(fixed, not computed) in torch and in Keras (TensorFlow backend), then compares the
weights. Gradients are kept away from zero (|g| >= 0.1) unless a row is about the
epsilon. One line per row:
`row <id>: equal|differs max_abs=<measured> tol=<tolerance> [reason=...]`.
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"

import keras
import numpy as np
import tensorflow as tf
import torch

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


w0 = rng.standard_normal(64).astype(np.float32)
sign = np.where(rng.random((3, 64)) < 0.5, -1.0, 1.0)
grads = (sign * rng.uniform(0.1, 1.0, size=(3, 64))).astype(np.float32)


def torch_steps(make, gs=grads):
    p = torch.nn.Parameter(t(w0.copy()))
    opt = make([p])
    for g in gs:
        opt.zero_grad()
        p.grad = t(g.copy())
        opt.step()
    return p.detach().numpy()


def keras_steps(opt, gs=grads):
    v = keras.Variable(w0.copy())
    for g in gs:
        opt.apply_gradients([(tf.constant(g), v)])
    return v.numpy()


def tf_steps(opt, gs=grads):
    v = tf.Variable(w0.copy())
    for g in gs:
        opt.apply_gradients([(tf.constant(g), v)])
    return v.numpy()


report(
    "sgd",
    [
        torch_steps(lambda ps: torch.optim.SGD(ps, lr=0.1)),
        tf_steps(tf.keras.optimizers.SGD(learning_rate=0.1)),
        keras_steps(keras.optimizers.SGD(learning_rate=0.1)),
    ],
    1e-6,
)
report(
    "sgd-momentum",
    [
        torch_steps(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
        keras_steps(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)),
    ],
    1e-6,
)
report(
    "sgd-nesterov",
    [
        torch_steps(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True)),
        keras_steps(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)),
    ],
    1e-6,
)
report(
    "sgd-momentum-weight-decay",
    [
        torch_steps(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.1)),
        keras_steps(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, weight_decay=0.1)),
    ],
    1e-6,
    "differs",
    "torch adds weight_decay*w to the gradient, so it flows through the momentum; Keras "
    "subtracts lr*weight_decay*w from the weight directly (decoupled)",
)
adam_t = torch_steps(lambda ps: torch.optim.Adam(ps, lr=3e-3))
report(
    "adam",
    [
        adam_t,
        tf_steps(tf.keras.optimizers.Adam(learning_rate=3e-3)),
        keras_steps(keras.optimizers.Adam(3e-3)),
    ],
    1e-6,
)
tiny = (grads * 1e-6).astype(np.float32)
report(
    "adam-epsilon",
    [
        torch_steps(lambda ps: torch.optim.Adam(ps, lr=3e-3), tiny),
        keras_steps(keras.optimizers.Adam(3e-3), tiny),
    ],
    1e-6,
    "differs",
    "with gradients near 1e-7 epsilon dominates: torch defaults to 1e-8 and adds it after "
    "bias correction; Keras defaults to 1e-7 and adds it before, which scales it by "
    "1/sqrt(1-beta2^t)",
)
report(
    "adamw",
    [
        torch_steps(lambda ps: torch.optim.AdamW(ps, lr=3e-3, weight_decay=0.01)),
        keras_steps(keras.optimizers.AdamW(learning_rate=3e-3, weight_decay=0.01)),
    ],
    1e-6,
)
report(
    "adamw-defaults",
    [
        torch_steps(lambda ps: torch.optim.AdamW(ps, lr=0.1)),
        keras_steps(keras.optimizers.AdamW(learning_rate=0.1)),
    ],
    1e-6,
    "differs",
    "AdamW's weight_decay defaults to 0.01 in torch and 0.004 in Keras",
)
report(
    "rmsprop",
    [
        torch_steps(lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=1e-8)),
        keras_steps(keras.optimizers.RMSprop(learning_rate=1e-3, rho=0.9, epsilon=1e-8)),
    ],
    1e-6,
)
report(
    "rmsprop-defaults",
    [
        torch_steps(lambda ps: torch.optim.RMSprop(ps, lr=1e-3)),
        keras_steps(keras.optimizers.RMSprop(learning_rate=1e-3)),
    ],
    1e-6,
    "differs",
    "the decay of the squared-gradient average is alpha=0.99 in torch and rho=0.9 in Keras",
)
report(
    "adagrad",
    [
        torch_steps(
            lambda ps: torch.optim.Adagrad(ps, lr=0.01, initial_accumulator_value=0.1, eps=1e-7)
        ),
        keras_steps(keras.optimizers.Adagrad(learning_rate=0.01)),
    ],
    1e-6,
)
clip_t = torch.nn.Parameter(t(w0.copy()))
clip_t.grad = t(grads[0] * 10)
torch.nn.utils.clip_grad_norm_([clip_t], max_norm=1.0)
clipped_tf, _ = tf.clip_by_global_norm([tf.constant(grads[0] * 10)], 1.0)
report(
    "clip-global-norm",
    [
        torch_steps(lambda ps: torch.optim.SGD(ps, lr=1.0), [clip_t.grad.numpy()]),
        tf_steps(tf.keras.optimizers.SGD(1.0), [clipped_tf[0].numpy()]),
        keras_steps(keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=1.0), [grads[0] * 10]),
    ],
    1e-6,
)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")
