"""Facts float8-dtypes and four-bit-types: the 8- and 4-bit types each framework exposes."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import tensorflow as tf
import torch

for name in ("float8_e4m3fn", "float8_e5m2", "float4_e2m1fn_x2"):
    assert hasattr(torch, name), f"torch.{name} is gone"
x = torch.tensor([0.5, 1.5]).to(torch.float8_e4m3fn)
assert x.to(torch.float32).tolist() == [0.5, 1.5]
experimental = tf.dtypes.experimental
for name in ("float8_e4m3fn", "float8_e5m2", "float4_e2m1fn", "int4"):
    assert hasattr(experimental, name), f"tf.dtypes.experimental.{name} is gone"
assert not hasattr(tf, "float8_e4m3fn"), "float8 left tf.dtypes.experimental"
policy = keras.dtype_policies.get("float8_from_float32")
assert policy.quantization_mode == "float8", policy
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
model.quantize("int4")
print("torch float8/float4, tf.dtypes.experimental float8/int4, keras float8 policy, int4 quantize")
