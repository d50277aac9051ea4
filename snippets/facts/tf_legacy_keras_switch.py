"""Fact keras-2-switch: tf.keras becomes tf-keras only when TF_USE_LEGACY_KERAS is set."""

import importlib.util
import inspect
import os

os.environ.pop("TF_USE_LEGACY_KERAS", None)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf
from tensorflow.python.util import lazy_loader

assert "TF_USE_LEGACY_KERAS" in inspect.getsource(lazy_loader), "the legacy switch is gone"
assert tf.keras.__name__.startswith("keras."), f"tf.keras is {tf.keras.__name__}"
assert importlib.util.find_spec("tf_keras") is None, "tf-keras is installed here; recheck the fact"
print("tf.keras ->", tf.keras.__name__, "; TF_USE_LEGACY_KERAS=1 would switch to tf-keras")
