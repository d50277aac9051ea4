"""Concordance proofs: pooling, padding and resizing, NCHW (torch) vs NHWC.

Images are made in NCHW for torch and permuted (0, 2, 3, 1) for TensorFlow and
Keras; torch results are permuted the same way before comparing.

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


img = rng.standard_normal((2, 3, 8, 8)).astype(np.float32)
nhwc = img.transpose(0, 2, 3, 1)
ti = t(img)


def hwc(a):
    return a.numpy().transpose(0, 2, 3, 1)


report(
    "max-pool",
    [
        hwc(torch.nn.MaxPool2d(2)(ti)),
        tf.nn.max_pool2d(nhwc, 2, 2, "VALID"),
        keras.layers.MaxPooling2D(2)(nhwc),
    ],
    0.0,
)
report(
    "avg-pool",
    [
        hwc(torch.nn.AvgPool2d(2)(ti)),
        tf.nn.avg_pool2d(nhwc, 2, 2, "VALID"),
        keras.layers.AveragePooling2D(2)(nhwc),
    ],
    1e-6,
)
same_avg = keras.layers.AveragePooling2D(3, strides=1, padding="same")(nhwc)
report(
    "avg-pool-same-padding",
    [hwc(torch.nn.AvgPool2d(3, stride=1, padding=1)(ti)), same_avg],
    1e-6,
    "differs",
    "at the border torch's AvgPool2d counts the zero padding in the average "
    "(count_include_pad=True); TensorFlow's same padding averages only real pixels",
)
report(
    "avg-pool-same-padding-mapped",
    [hwc(torch.nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)(ti)), same_avg],
    1e-6,
)
same_max = keras.layers.MaxPooling2D(3, strides=2, padding="same")(nhwc)
report(
    "max-pool-same-stride2",
    [hwc(torch.nn.MaxPool2d(3, stride=2, padding=1)(ti)), same_max],
    1e-6,
    "differs",
    "on an even input TensorFlow's same pads only after (0 before, 1 after); torch's "
    "padding=1 pads both sides, so the windows start one pixel earlier",
)
padded = F.pad(ti, (0, 1, 0, 1), value=float("-inf"))
report(
    "max-pool-same-stride2-mapped", [hwc(torch.nn.MaxPool2d(3, stride=2)(padded)), same_max], 0.0
)
report(
    "global-avg-pool",
    [
        torch.nn.AdaptiveAvgPool2d(1)(ti).flatten(1).numpy(),
        tf.reduce_mean(nhwc, axis=[1, 2]),
        keras.layers.GlobalAveragePooling2D()(nhwc),
    ],
    1e-6,
)
report(
    "zero-padding",
    [
        hwc(F.pad(ti, (1, 1, 2, 2))),
        tf.pad(nhwc, [[0, 0], [2, 2], [1, 1], [0, 0]]),
        keras.layers.ZeroPadding2D(((2, 2), (1, 1)))(nhwc),
    ],
    0.0,
)
report(
    "upsample-nearest",
    [
        hwc(torch.nn.Upsample(scale_factor=2, mode="nearest")(ti)),
        tf.image.resize(nhwc, (16, 16), method="nearest"),
        keras.layers.UpSampling2D(2)(nhwc),
    ],
    0.0,
)
report(
    "upsample-bilinear",
    [
        hwc(torch.nn.Upsample(scale_factor=2, mode="bilinear")(ti)),
        tf.image.resize(nhwc, (16, 16), method="bilinear"),
        keras.layers.UpSampling2D(2, interpolation="bilinear")(nhwc),
    ],
    1e-5,
)

if failures:
    raise SystemExit(f"rows not as expected: {', '.join(failures)}")
