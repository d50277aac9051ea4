"""Fact savedmodel-export (and friends): the formats Keras 3's Model.export() documents."""

import inspect
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras

signature = inspect.signature(keras.Model.export)
assert signature.parameters["format"].default == "tf_saved_model"
doc = inspect.getdoc(keras.Model.export) or ""
formats = ["tf_saved_model", "onnx", "openvino", "litert", "torch"]
missing = [name for name in formats if f'"{name}"' not in doc]
assert not missing, f"Model.export no longer documents {missing}"
print("Model.export formats:", ", ".join(formats), "(default tf_saved_model)")
