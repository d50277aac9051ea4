"""Fact forward-mode-ad: torch.func.jvp and tf.autodiff.ForwardAccumulator give the same JVP."""

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
assert abs(torch_jvp.item() - tf_jvp) < 1e-6, (torch_jvp, tf_jvp)
assert not hasattr(keras.ops, "jvp"), "keras.ops now has jvp"
print(f"JVP of sin at 0.5 along 2.0: torch {torch_jvp.item():.6f}, tf {tf_jvp:.6f}")
