"""Fact resumable-data: a tf.data iterator is checkpointable; torch.utils.data has no stateful
loader.
"""

import os
import pathlib
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf
import torch.utils.data as torch_data

assert not hasattr(torch_data, "StatefulDataLoader"), (
    "torch.utils.data now has a StatefulDataLoader"
)
iterator = iter(tf.data.Dataset.range(10))
next(iterator)
next(iterator)
checkpoint = tf.train.Checkpoint(iterator=iterator)
with tempfile.TemporaryDirectory() as tmp:
    path = checkpoint.write(str(pathlib.Path(tmp) / "data"))
    next(iterator)
    checkpoint.read(path)
resumed = int(next(iterator))
assert resumed == 2, f"restored tf.data iterator resumed at {resumed}, not 2"
print("tf.data iterator resumes at element", resumed, "| torch.utils.data: no StatefulDataLoader")
