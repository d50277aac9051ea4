"""Concordance proofs: activations and initializers, on the same inputs.

Initializers draw from different random generators, so their rows compare
statistics of 256x512 draws (the standard deviation, against the formula).

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


x = np.linspace(-6, 6, 1201, dtype=np.float32)
tx = t(x)


def same(row, torch_fn, tf_fn, keras_fn, tol=1e-6):
    report(
        row, [torch_fn(tx).numpy(), tf_fn(x).numpy(), keras.ops.convert_to_numpy(keras_fn(x))], tol
    )


same("relu", torch.relu, tf.nn.relu, keras.ops.relu)
same("sigmoid", torch.sigmoid, tf.math.sigmoid, keras.ops.sigmoid)
same("tanh", torch.tanh, tf.math.tanh, keras.ops.tanh)
same("silu", F.silu, tf.nn.silu, keras.ops.silu)
same("elu", F.elu, tf.nn.elu, keras.ops.elu)
same("softplus", F.softplus, tf.math.softplus, keras.ops.softplus)
same(
    "gelu",
    F.gelu,
    lambda v: tf.nn.gelu(v, approximate=False),
    lambda v: keras.ops.gelu(v, approximate=False),
    1e-5,
)
same(
    "gelu-tanh",
    lambda v: F.gelu(v, approximate="tanh"),
    lambda v: tf.nn.gelu(v, approximate=True),
    lambda v: keras.ops.gelu(v, approximate=True),
    1e-5,
)
report(
    "gelu-default",
    [F.gelu(tx).numpy(), keras.ops.convert_to_numpy(keras.ops.gelu(x))],
    1e-6,
    "differs",
    "keras.ops.gelu defaults to approximate=True (the tanh form); torch's F.gelu and "
    "tf.nn.gelu default to the exact erf form",
)
same(
    "leaky-relu",
    lambda v: F.leaky_relu(v, 0.2),
    lambda v: tf.nn.leaky_relu(v, alpha=0.2),
    lambda v: keras.ops.leaky_relu(v, negative_slope=0.2),
)
report(
    "leaky-relu-default",
    [
        F.leaky_relu(tx).numpy(),
        tf.nn.leaky_relu(x).numpy(),
        keras.ops.convert_to_numpy(keras.ops.leaky_relu(x)),
    ],
    1e-6,
    "differs",
    "the negative slope defaults to 0.01 in torch and 0.2 in TensorFlow and Keras",
)
logits = rng.standard_normal((8, 10)).astype(np.float32) * 3
report(
    "softmax",
    [torch.softmax(t(logits), dim=-1), tf.nn.softmax(logits), keras.ops.softmax(logits, axis=-1)],
    1e-6,
)
report(
    "log-softmax",
    [F.log_softmax(t(logits), dim=-1), tf.nn.log_softmax(logits), keras.ops.log_softmax(logits)],
    1e-5,
)

# --- initializers: statistics of large draws ----------------------------------------------
fan_in, fan_out = 512, 256
glorot_std = np.sqrt(2.0 / (fan_in + fan_out))
he_std = np.sqrt(2.0 / fan_in)


def torch_weight(init):
    w = torch.empty(fan_out, fan_in)  # Linear layout (out, in)
    init(w)
    return w.numpy()


def keras_kernel(init):
    return keras.ops.convert_to_numpy(init((fan_in, fan_out)))  # Dense layout (in, out)


def std_error(ws, target):
    """Relative error of each draw's standard deviation against the formula."""
    return [abs(float(np.std(w)) - target) / target for w in ws]


report(
    "glorot-uniform",
    [
        0.0,
        *std_error(
            [
                torch_weight(torch.nn.init.xavier_uniform_),
                keras_kernel(keras.initializers.GlorotUniform(seed=0)),
            ],
            glorot_std,
        ),
    ],
    0.02,
)
report(
    "he-normal",
    [
        0.0,
        *std_error(
            [
                torch_weight(lambda w: torch.nn.init.kaiming_normal_(w, nonlinearity="relu")),
                keras_kernel(keras.initializers.HeNormal(seed=0)),
            ],
            he_std,
        ),
    ],
    0.02,
)
default_t = torch.nn.Linear(fan_in, fan_out).weight.detach().numpy()
dense = keras.layers.Dense(fan_out)
dense.build((None, fan_in))
report(
    "dense-default-init",
    [1.0, float(np.std(default_t)) / float(np.std(dense.kernel.numpy()))],
    0.02,
    "differs",
    "torch's Linear draws U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (std 1/sqrt(3*fan_in)); Keras's "
    "Dense uses Glorot uniform (std sqrt(2/(fan_in+fan_out))); the value is the ratio of stds "
    "minus one",
)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")
