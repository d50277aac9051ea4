"""Fact forward-mode-ad: torch.func.jvp, tf ForwardAccumulator and keras.ops.jvp agree."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import tensorflow as tf
import torch

_, torch_jvp = torch.func.jvp(torch.sin, (torch.tensor(0.5),), (torch.tensor(2.0),))
primal = tf.constant(0.5)
with tf.autodiff.ForwardAccumulator(primal, tf.constant(2.0)) as acc:
    out = tf.sin(primal)
tf_jvp = float(acc.jvp(out))
_, keras_jvp = keras.ops.jvp(keras.ops.sin, (0.5,), (2.0,))
values = [torch_jvp.item(), tf_jvp, float(keras_jvp)]
assert max(values) - min(values) < 1e-6, values
print("JVP of sin at 0.5 along 2.0 (torch, tf, keras/jax):", [round(v, 6) for v in values])
