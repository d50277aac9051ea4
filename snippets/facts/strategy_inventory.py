"""Fact strategy-inventory: the parallelism APIs torch.distributed, tf.distribute and
keras.distribution ship.
"""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import tensorflow as tf
import torch.distributed.tensor.parallel as tp
import torch.nn.parallel as nn_parallel
from torch.distributed import (
    fsdp,
    pipelining,
)

assert hasattr(nn_parallel, "DistributedDataParallel"), "torch lost DistributedDataParallel"
assert hasattr(fsdp, "fully_shard"), "torch lost FSDP2's fully_shard"
assert hasattr(tp, "parallelize_module"), "torch lost tensor parallelism"
assert hasattr(pipelining, "pipeline"), "torch lost torch.distributed.pipelining"

tf_wanted = [
    "MirroredStrategy",
    "MultiWorkerMirroredStrategy",
    "ParameterServerStrategy",
    "TPUStrategy",
    "OneDeviceStrategy",
]
missing = [name for name in tf_wanted if not hasattr(tf.distribute, name)]
assert not missing, f"tf.distribute lost {missing}"
strategy = tf.distribute.OneDeviceStrategy("/cpu:0")
with strategy.scope():
    variable = tf.Variable(1.0)
assert float(variable.numpy()) == 1.0

dist = keras.distribution
keras_classes = sorted(n for n in dir(dist) if n.endswith("Parallel"))
assert keras_classes == ["DataParallel", "ModelParallel"], (
    f"keras.distribution strategies changed: {keras_classes}"
)
data_parallel = dist.DataParallel(devices=dist.list_devices("cpu")[:1])
assert data_parallel.device_mesh.shape == (1,)
print(
    "torch: DDP, fully_shard, parallelize_module, pipelining | tf:",
    ", ".join(tf_wanted),
    "| keras:",
    ", ".join(keras_classes),
)
