"""Fact async-checkpoint: TensorFlow checkpoints can write in the background, and so does Keras's
OrbaxCheckpoint.
"""

import inspect
import os
import pathlib
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["KERAS_BACKEND"] = "jax"
import keras
import tensorflow as tf

params = inspect.signature(tf.train.CheckpointOptions).parameters
assert "enable_async" in params, "CheckpointOptions lost enable_async"
assert "experimental_sharding_callback" in params, (
    "CheckpointOptions lost experimental_sharding_callback"
)
variable = tf.Variable([1.0, 2.0])
checkpoint = tf.train.Checkpoint(v=variable)
with tempfile.TemporaryDirectory() as tmp:
    path = checkpoint.write(
        str(pathlib.Path(tmp) / "ckpt"), options=tf.train.CheckpointOptions(enable_async=True)
    )
    checkpoint.sync()
    variable.assign([0.0, 0.0])
    checkpoint.read(path).assert_consumed()
assert variable.numpy().tolist() == [1.0, 2.0], "async checkpoint did not restore the variable"

callback = getattr(keras.callbacks, "OrbaxCheckpoint", None)
assert callback is not None, "keras.callbacks.OrbaxCheckpoint is gone"
orbax_params = inspect.signature(callback).parameters
assert orbax_params["save_on_background"].default is True, (
    "OrbaxCheckpoint no longer saves in the background"
)
print(
    "tf.train.Checkpoint async write/restore works; keras OrbaxCheckpoint(save_on_background=True)"
)
