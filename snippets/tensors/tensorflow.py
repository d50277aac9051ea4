"""Tensors and devices in TensorFlow: creation, dtypes, shapes, ops, NumPy interop."""
import numpy as np
import tensorflow as tf

# TensorFlow places each op on a GPU by itself when one is visible.
gpus = tf.config.list_physical_devices("GPU")
print(f"device: {'gpu' if gpus else 'cpu'}")

# --8<-- [start:create]
x = tf.reshape(tf.range(6, dtype=tf.float32), (2, 3))
ones = tf.ones(3)
ints = tf.constant([1, 2, 3])  # Python ints become int32, not int64
print("x:", x.numpy().tolist())
print("shape:", tuple(x.shape), "dtype:", x.dtype.name, "ints dtype:", ints.dtype.name)
# --8<-- [end:create]

# --8<-- [start:ops]
y = x + ones  # broadcasting over the last axis
z = x @ tf.transpose(x)  # matrix product, shape (2, 2)
print("x + ones:", y.numpy().tolist())
print("x @ x.T:", z.numpy().tolist())
print("column sums:", tf.reduce_sum(x, axis=0).numpy().tolist())
# No implicit promotion: mixing int32 and float32 is an error, so cast first.
try:
    _ = ints + ones
    promoted = True
except tf.errors.InvalidArgumentError:
    promoted = False
print("int32 + float32 allowed:", promoted)
print("after tf.cast:", (tf.cast(ints, tf.float32) + ones).dtype.name)
# --8<-- [end:ops]

# --8<-- [start:numpy]
# Tensors are immutable, so .numpy() returns a copy: editing it leaves x alone.
arr = x.numpy()
arr[0, 0] = 100.0
print("x[0, 0] after editing the copy:", float(x[0, 0]))
back = tf.convert_to_tensor(np.array([[1.5, 2.5]]))  # keeps NumPy's float64
print("from NumPy dtype:", back.dtype.name)
# NumPy functions accept tensors and return arrays.
print("np.mean(x):", float(np.mean(x)))
# --8<-- [end:numpy]

# --8<-- [start:device]
# Placement is automatic; tf.device pins ops somewhere explicitly.
with tf.device("/CPU:0"):
    pinned = tf.identity(x)
print("x lives on:", x.device.split("/")[-1])
print("pinned on:", pinned.device.split("/")[-1])
# --8<-- [end:device]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert np.allclose(z.numpy(), [[5.0, 14.0], [14.0, 50.0]])
assert ints.dtype == tf.int32 and back.dtype == tf.float64
assert not promoted
assert float(x[0, 0]) == 0.0
assert "CPU" in pinned.device
