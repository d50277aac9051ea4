"""Fact keras-export-formats: which Model.export formats each backend accepts (JAX checked here)."""

import os
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "jax"

import keras

model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
target = str(Path(tempfile.mkdtemp()) / "out")


def refusal(fmt: str) -> str:
    try:
        model.export(target, format=fmt)
    except ValueError as error:
        return str(error)
    raise AssertionError(f"format={fmt!r} was accepted on the JAX backend")


assert "requires TensorFlow or PyTorch backend" in refusal("litert")
assert "requires PyTorch backend" in refusal("torch")
listed = refusal("no-such-format")
for name in ("tf_saved_model", "onnx", "openvino", "litert", "torch"):
    assert f"'{name}'" in listed, f"{name} missing from the supported formats: {listed}"
print("JAX backend refuses litert and torch export; formats:", listed.split(": ", 1)[-1])
