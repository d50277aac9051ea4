"""Facts weights-file and model-file: the .keras zip and the .weights.h5 rule in Keras 3."""

import os
import tempfile
import zipfile

os.environ["KERAS_BACKEND"] = "jax"

import keras

folder = tempfile.mkdtemp()
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
path = os.path.join(folder, "model.keras")
model.save(path)
names = sorted(zipfile.ZipFile(path).namelist())
assert names == ["config.json", "metadata.json", "model.weights.h5"], names
try:
    model.save_weights(os.path.join(folder, "weights.h5"))
except ValueError as error:
    assert ".weights.h5" in str(error)
else:
    raise AssertionError("save_weights accepted a name without .weights.h5")
model.save_weights(os.path.join(folder, "ok.weights.h5"))
for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
print(".keras archive holds", ", ".join(names), "; save_weights needs *.weights.h5")
