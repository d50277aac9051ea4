"""Fact keras-safe-mode: load_model refuses a Python lambda unless safe_mode=False."""

import inspect
import os
import shutil
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "jax"

import keras

assert inspect.signature(keras.saving.load_model).parameters["safe_mode"].default is True
folder = Path(tempfile.mkdtemp())
path = folder / "lambda.keras"
keras.Sequential([keras.Input(shape=(2,)), keras.layers.Lambda(lambda x: x * 2)]).save(path)
try:
    keras.saving.load_model(path)
except ValueError as error:
    assert "safe_mode=False" in str(error), str(error)
else:
    raise AssertionError("load_model deserialised a lambda in safe mode")
restored = keras.saving.load_model(path, safe_mode=False)
assert float(restored(keras.ops.ones((1, 2)))[0, 0]) == 2.0
shutil.rmtree(folder)
print("load_model(safe_mode=True) refused a Lambda layer; safe_mode=False loaded it")
