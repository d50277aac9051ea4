"""Fact input-shape: Keras 3 warns when a layer gets input_shape=; keras.Input is the way."""

import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")  # the lightest backend to import

import keras

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras.layers.Dense(2, input_shape=(3,))
messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
assert any("input_shape" in m for m in messages), "input_shape= no longer warns"

with warnings.catch_warnings(record=True) as clean:
    warnings.simplefilter("always")
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
assert not [w for w in clean if "input_shape" in str(w.message)]
assert model.output_shape == (None, 2)
print("input_shape= warns; keras.Input(shape=...) does not")
