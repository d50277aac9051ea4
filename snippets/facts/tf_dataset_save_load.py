"""Fact dataset-snapshot: tf.data datasets save to disk and load back; torch has no such API."""

import os
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf
import torch.utils.data as torch_data

dataset = tf.data.Dataset.range(4).map(lambda x: x * 10)
with tempfile.TemporaryDirectory() as tmp:
    dataset.save(tmp)
    reloaded = sorted(int(x) for x in tf.data.Dataset.load(tmp).as_numpy_iterator())
assert reloaded == [0, 10, 20, 30], f"tf.data.Dataset.load returned {reloaded}"
assert hasattr(tf.data.Dataset, "snapshot"), "tf.data.Dataset lost snapshot()"
assert not hasattr(torch_data.Dataset, "save"), "torch Dataset gained a save() method"
print("tf.data save/load round trip:", reloaded)
