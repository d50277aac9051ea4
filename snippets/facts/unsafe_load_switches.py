"""Fact unsafe-load-switches: the process-wide opt-outs of safe loading, and the allow-lists."""

import inspect
import os

os.environ["KERAS_BACKEND"] = "jax"

import keras
import torch.serialization

source = inspect.getsource(torch.serialization)
assert "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD" in source, "the torch opt-out variable is gone"
assert callable(torch.serialization.add_safe_globals)
assert callable(torch.serialization.safe_globals)
assert callable(keras.config.enable_unsafe_deserialization)
assert callable(keras.saving.register_keras_serializable)
print("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD, add_safe_globals, enable_unsafe_deserialization exist")
