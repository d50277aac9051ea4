"""Fact ragged-tensors: tf.RaggedTensor, torch.nested (jagged), Keras ragged inputs per backend."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import tensorflow as tf
import torch

ragged = tf.ragged.constant([[1, 2, 3], [4]])
assert isinstance(ragged, tf.RaggedTensor) and ragged.shape.as_list() == [2, None]
nested = torch.nested.nested_tensor([torch.ones(3, 2), torch.ones(1, 2)], layout=torch.jagged)
assert nested.is_nested and nested.size(0) == 2
try:
    keras.Input(shape=(None,), ragged=True)
except ValueError as error:
    refused = str(error).splitlines()[0]
else:
    raise AssertionError("Keras accepted ragged=True on the JAX backend")
print(
    "tf.RaggedTensor",
    ragged.shape,
    "| torch jagged",
    tuple(nested.shape),
    "| keras/jax:",
    refused[:70],
)
