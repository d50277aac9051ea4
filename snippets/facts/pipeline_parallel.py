"""Fact pipeline-parallel: torch.distributed.pipelining has schedules; tf.distribute and
keras.distribution have none.
"""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import tensorflow as tf
from torch.distributed import pipelining

for module in (tf.distribute, tf.distribute.experimental, keras.distribution):
    names = [n for n in dir(module) if "pipeline" in n.lower()]
    assert not names, f"{module.__name__} gained pipeline APIs: {names}"

for name in (
    "pipeline",
    "PipelineStage",
    "ScheduleGPipe",
    "Schedule1F1B",
    "ScheduleInterleaved1F1B",
):
    assert hasattr(pipelining, name), f"torch.distributed.pipelining lost {name}"
zero_bubble = [n for n in dir(pipelining) if "ZeroBubble" in n]
assert zero_bubble, "no zero-bubble schedule any more"
print(
    "pipelining schedules include GPipe, 1F1B, interleaved 1F1B and", ", ".join(sorted(zero_bubble))
)
