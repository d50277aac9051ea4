"""Fact jax-interop: JAX arrays cross into torch and TensorFlow through DLPack; Keras runs on JAX
itself.
"""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import jax.numpy as jnp
import keras
import tensorflow as tf
import torch

array = jnp.arange(4.0)
as_torch = torch.from_dlpack(array)
assert as_torch.tolist() == [0.0, 1.0, 2.0, 3.0], "torch.from_dlpack mangled a JAX array"
as_tf = tf.experimental.dlpack.from_dlpack(array.__dlpack__())
assert as_tf.numpy().tolist() == [0.0, 1.0, 2.0, 3.0], "tf.experimental.dlpack mangled a JAX array"
assert keras.backend.backend() == "jax", "Keras did not start on the JAX backend"
print("JAX -> torch and JAX -> tf via DLPack work; Keras backend:", keras.backend.backend())
