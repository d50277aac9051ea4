"""Tensors in Keras 3: keras.ops works on whichever backend tensor type is active."""
import keras
import numpy as np
from keras import ops

backend = keras.backend.backend()
print(f"backend: {backend}")


def device_of(t):
    # Keras has no portable "where is this tensor" call; each backend answers differently.
    if backend == "jax":
        return str(next(iter(t.devices())))
    return str(t.device).split("/")[-1]


# --8<-- [start:create]
x = ops.reshape(ops.arange(6, dtype="float32"), (2, 3))
ones = ops.ones(3)  # dtype defaults to keras.config.floatx(), i.e. float32
ints = ops.convert_to_tensor([1, 2, 3])  # int32 on every backend
# The values are the backend's own tensors, not a Keras wrapper type.
print("native type:", f"{type(x).__module__.split('.')[0]}.{type(x).__name__}")
print("shape:", tuple(x.shape), "dtype:", keras.backend.standardize_dtype(x.dtype))
print("ints dtype:", keras.backend.standardize_dtype(ints.dtype))
# --8<-- [end:create]

# --8<-- [start:ops]
y = x + ones  # broadcasting over the last axis
z = ops.matmul(x, ops.transpose(x))
print("x + ones:", ops.convert_to_numpy(y).tolist())
print("x @ x.T:", ops.convert_to_numpy(z).tolist())
print("column sums:", ops.convert_to_numpy(ops.sum(x, axis=0)).tolist())
# keras.ops applies its own promotion rules, identical on all backends
# (even on TensorFlow, which refuses int32 + float32 natively).
mixed = ops.add(ints, ones)
print("int32 + float32 ->", keras.backend.standardize_dtype(mixed.dtype))
# --8<-- [end:ops]

# --8<-- [start:numpy]
# convert_to_numpy copies to host memory (from a GPU too) on every backend.
arr = ops.convert_to_numpy(x)
arr[0, 0] = 100.0
print("numpy type:", type(arr).__name__, arr.dtype)
print("x[0, 0] after editing the copy:", float(x[0, 0]))
back = ops.convert_to_tensor(np.array([[1.5, 2.5]], dtype="float32"))
print("back from NumPy:", ops.convert_to_numpy(back).tolist())
# --8<-- [end:numpy]

# --8<-- [start:device]
# Keras places tensors on a GPU when the backend sees one; keras.device pins them.
with keras.device("cpu:0"):
    pinned = ops.ones(2)
print("x on:", device_of(x), "| pinned on:", device_of(pinned))
# --8<-- [end:device]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert np.allclose(ops.convert_to_numpy(z), [[5.0, 14.0], [14.0, 50.0]])
assert keras.backend.standardize_dtype(mixed.dtype) == "float32"
assert float(x[0, 0]) == 0.0
assert "cpu" in device_of(pinned).lower()
