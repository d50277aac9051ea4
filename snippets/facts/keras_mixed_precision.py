"""Fact mixed-precision: a Keras dtype policy computes in float16 and keeps float32 weights."""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras

keras.config.set_dtype_policy("mixed_float16")
layer = keras.layers.Dense(4)
layer.build((None, 3))
assert layer.compute_dtype == "float16", layer.compute_dtype
assert layer.variable_dtype == "float32", layer.variable_dtype
assert keras.ops.convert_to_numpy(layer(keras.ops.ones((1, 3)))).dtype.name == "float16"
print("mixed_float16: compute float16, variables float32")
