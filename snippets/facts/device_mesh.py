"""Fact device-mesh: torch's init_device_mesh, TF's experimental DTensor mesh and
keras.distribution.DeviceMesh.
"""

import inspect
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
import tensorflow as tf
from torch.distributed.device_mesh import init_device_mesh

params = inspect.signature(init_device_mesh).parameters
assert {"device_type", "mesh_shape", "mesh_dim_names"} <= set(params), (
    f"init_device_mesh changed: {list(params)}"
)
assert hasattr(tf.experimental.dtensor, "create_mesh"), "tf.experimental.dtensor lost create_mesh"
mesh = keras.distribution.DeviceMesh(
    shape=(1,), axis_names=["batch"], devices=keras.distribution.list_devices()[:1]
)
assert mesh.axis_names == ["batch"], "keras DeviceMesh did not keep its axis names"
print("torch init_device_mesh, tf.experimental.dtensor.create_mesh, keras DeviceMesh(shape=(1,))")
