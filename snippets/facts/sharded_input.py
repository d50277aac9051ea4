"""Fact input-sharding: how each framework splits input batches across data-parallel workers."""

import inspect
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import tensorflow as tf
from torch.utils.data.distributed import DistributedSampler

assert {"num_replicas", "rank", "shuffle"} <= set(inspect.signature(DistributedSampler).parameters)
strategy = tf.distribute.get_strategy()
assert hasattr(strategy, "experimental_distribute_dataset"), "tf strategies lost distribute_dataset"
assert hasattr(keras.distribution.DataParallel, "distribute_dataset"), "DataParallel lost it"
print("DistributedSampler | experimental_distribute_dataset | DataParallel.distribute_dataset")
