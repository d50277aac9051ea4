"""Fact functional-grad: torch.func.grad transforms a function; TF tapes; keras.ops has none."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import tensorflow as tf
import torch

x = torch.tensor(3.0)
assert torch.func.grad(lambda t: t**3)(x).item() == 27.0
v = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = v**3
assert float(tape.gradient(y, v)) == 27.0
missing = [name for name in ("grad", "value_and_grad", "jacobian") if hasattr(keras.ops, name)]
assert not missing, f"keras.ops now has {missing}"
print("d/dx x^3 at 3 = 27 via torch.func.grad and tf.GradientTape; keras.ops has no grad")
