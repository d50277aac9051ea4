"""Fact bundled-keras: since TensorFlow 2.16, tf.keras is Keras 3."""

import tensorflow as tf

version = tf.keras.__version__
assert version.startswith("3."), f"tf.keras is Keras {version}, not Keras 3"
print(f"tf.keras is Keras {version}")
