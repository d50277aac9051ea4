"""Fact safe-load-default: keras.saving.load_model refuses a Python lambda unless safe_mode=False."""

import inspect
import os
import tempfile

os.environ["KERAS_BACKEND"] = "jax"

import keras

assert inspect.signature(keras.saving.load_model).parameters["safe_mode"].default is True
path = os.path.join(tempfile.mkdtemp(), "lambda.keras")
keras.Sequential([keras.Input(shape=(2,)), keras.layers.Lambda(lambda x: x * 2)]).save(path)
try:
    keras.saving.load_model(path)
except ValueError as error:
    assert "safe_mode=False" in str(error), str(error)
else:
    raise AssertionError("load_model deserialised a lambda in safe mode")
restored = keras.saving.load_model(path, safe_mode=False)
assert float(restored(keras.ops.ones((1, 2)))[0, 0]) == 2.0
os.remove(path)
print("load_model(safe_mode=True) refused a Lambda layer; safe_mode=False loaded it")
