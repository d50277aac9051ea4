"""Fact parameter-server: TF has ParameterServerStrategy; torch has only its RPC framework; Keras 3
has no code for it.
"""

import importlib.util
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf
import torch.distributed as dist
from torch.distributed import rpc

assert hasattr(tf.distribute, "ParameterServerStrategy"), (
    "tf.distribute lost ParameterServerStrategy"
)
assert hasattr(tf.distribute.experimental.coordinator, "ClusterCoordinator"), (
    "ClusterCoordinator is gone"
)
assert rpc.is_available(), "torch.distributed.rpc is not built into this wheel"
assert not any("ParameterServer" in name for name in dir(dist)), (
    "torch.distributed gained a parameter-server API"
)
spec = importlib.util.find_spec("keras")
assert spec is not None and spec.origin is not None, "keras is not installed"
keras_src = pathlib.Path(spec.origin).parent / "src"
mentions = [
    p for p in keras_src.rglob("*.py") if "ParameterServer" in p.read_text(encoding="utf-8")
]
assert not mentions, f"Keras now mentions ParameterServer in {mentions[:3]}"
print(
    "tf ParameterServerStrategy + ClusterCoordinator; torch.distributed.rpc;",
    "Keras 3: no ParameterServer code",
)
