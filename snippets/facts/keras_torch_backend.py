"""Facts keras-runs-on and sharded-training, on the PyTorch backend of Keras 3.

Keras trains on PyTorch (a Keras layer is a torch.nn.Module), and keras.distribution
has no PyTorch implementation in this release.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
import torch
from keras.src import backend as keras_backend

assert keras.config.backend() == "torch"
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
assert isinstance(model, torch.nn.Module), "a Keras model is no longer a torch.nn.Module"
model.compile(optimizer="sgd", loss="mse")
x = np.ones((8, 4), dtype="float32")
history = model.fit(x, np.zeros((8, 1), dtype="float32"), epochs=2, verbose=0)
assert len(history.history["loss"]) == 2
assert keras_backend.distribution_lib is None, (
    "keras.distribution now supports torch: update the fact"
)
print("keras trains on torch; layers are nn.Module; no keras.distribution on torch")
