"""Fact preemption-recovery: torchrun's elastic agent, TF's PreemptionCheckpointHandler, Keras's
BackupAndRestore.
"""

import importlib
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import tensorflow as tf

elastic = importlib.import_module("torch.distributed.elastic.agent.server")
assert hasattr(elastic, "ElasticAgent"), "torch.distributed.elastic lost ElasticAgent"
for name in ("PreemptionCheckpointHandler", "TerminationConfig"):
    assert hasattr(tf.distribute.experimental, name), f"tf.distribute.experimental lost {name}"
assert hasattr(keras.callbacks, "BackupAndRestore"), "keras.callbacks lost BackupAndRestore"
print("ElasticAgent, PreemptionCheckpointHandler and BackupAndRestore present")
