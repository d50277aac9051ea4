"""Fact quantization: Model.quantize("int8") stores int8 weights in Keras 3."""

import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras

warnings.filterwarnings("ignore", message=".*does not have a `quantize` method")
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])
model.quantize("int8")
dense = model.layers[0]
kinds = {v.path.split("/")[-1]: v.dtype for v in dense.weights}
assert any(dtype == "int8" for dtype in kinds.values()), f"no int8 weights after quantize: {kinds}"
assert model.predict(keras.ops.ones((2, 8)), verbose=0).shape == (2, 4)
print("Model.quantize('int8') ->", ", ".join(f"{k}:{v}" for k, v in sorted(kinds.items())))
