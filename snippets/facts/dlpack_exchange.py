"""Fact dlpack-exchange: torch and TensorFlow swap tensors through DLPack; keras.ops cannot."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import tensorflow as tf
import torch
import torch.utils.dlpack

source = tf.constant([1.0, 2.0, 3.0])
as_torch = torch.utils.dlpack.from_dlpack(tf.experimental.dlpack.to_dlpack(source))
assert as_torch.tolist() == [1.0, 2.0, 3.0]
back = tf.experimental.dlpack.from_dlpack(torch.utils.dlpack.to_dlpack(torch.arange(3.0)))
assert back.numpy().tolist() == [0.0, 1.0, 2.0]
assert not [name for name in dir(keras.ops) if "dlpack" in name], "keras.ops gained a DLPack call"
print("tf -> torch -> tf through DLPack works; keras.ops has no DLPack function")
