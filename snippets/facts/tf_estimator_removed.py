"""Fact estimator-api: tf.estimator is absent from TensorFlow 2.16 and later."""

import importlib.util
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf

assert not hasattr(tf, "estimator"), "tf.estimator is back"
assert importlib.util.find_spec("tensorflow_estimator") is None, "tensorflow-estimator is installed"
assert not hasattr(tf.compat.v1, "estimator"), "tf.compat.v1.estimator is back"
print(f"TensorFlow {tf.__version__}: no tf.estimator, no tensorflow_estimator package")
