"""Fact vmap: torch.func.vmap, tf.vectorized_map and keras.ops.vectorized_map agree."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
import tensorflow as tf
import torch

data = np.arange(12, dtype="float32").reshape(4, 3)
expected = (data**2).sum(axis=1)
by_torch = torch.func.vmap(lambda row: (row**2).sum())(torch.from_numpy(data)).numpy()
by_tf = tf.vectorized_map(lambda row: tf.reduce_sum(row**2), tf.constant(data)).numpy()
by_keras = np.asarray(keras.ops.vectorized_map(lambda row: keras.ops.sum(row**2), data))
for name, result in (("torch", by_torch), ("tf", by_tf), ("keras", by_keras)):
    assert np.allclose(result, expected), f"{name} vectorised map differs: {result}"
print("row sums of squares agree: torch.func.vmap, tf.vectorized_map, keras.ops.vectorized_map")
