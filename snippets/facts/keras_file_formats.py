"""Facts weights-file and model-file: the .keras zip and the .weights.h5 rule in Keras 3."""

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "jax"

import keras

folder = Path(tempfile.mkdtemp())
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
path = folder / "model.keras"
model.save(path)
names = sorted(zipfile.ZipFile(path).namelist())
assert names == ["config.json", "metadata.json", "model.weights.h5"], names
try:
    model.save_weights(folder / "weights.h5")
except ValueError as error:
    assert ".weights.h5" in str(error)
else:
    raise AssertionError("save_weights accepted a name without .weights.h5")
model.save_weights(folder / "ok.weights.h5")
shutil.rmtree(folder)
print(".keras archive holds", ", ".join(names), "; save_weights needs *.weights.h5")
