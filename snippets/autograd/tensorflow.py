"""Automatic differentiation in TensorFlow: GradientTape, watch, persistent and nested tapes."""
import numpy as np
import tensorflow as tf

print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")

# --8<-- [start:scalar]
# A tape records ops run inside its block; Variables are watched automatically.
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = x**3 + 2 * x  # dy/dx = 3x^2 + 2 = 14 at x = 2
first = tape.gradient(y, x)
print("dy/dx via tape:", float(first))
# Plain tensors are not watched: without tape.watch the gradient is None.
c = tf.constant(2.0)
with tf.GradientTape() as tape:
    y = c**3 + 2 * c
print("unwatched constant gives:", tape.gradient(y, c))
# --8<-- [end:scalar]

# --8<-- [start:higher]
# Nesting tapes differentiates a derivative: the outer tape records the inner gradient.
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x**3 + 2 * x
    dy = inner.gradient(y, x)
d2y = outer.gradient(dy, x)  # 6x = 12
print("first and second derivative:", float(dy), float(d2y))
# --8<-- [end:higher]

# --8<-- [start:vector]
rng = np.random.default_rng(0)
X = tf.constant(rng.normal(size=(8, 3)), dtype=tf.float32)
t = tf.constant(rng.normal(size=8), dtype=tf.float32)
w = tf.Variable(tf.zeros(3))
# A tape is released after one gradient() call unless it is persistent.
with tf.GradientTape(persistent=True) as tape:
    residual = tf.linalg.matvec(X, w) - t
    loss = tf.reduce_mean(residual**2)
    total = tf.reduce_sum(residual)
grad = tape.gradient(loss, w)
grad_of_total = tape.gradient(total, w)  # a second call needs persistent=True
del tape  # frees the resources a persistent tape holds on to
analytic = 2 / t.shape[0] * tf.linalg.matvec(X, residual, transpose_a=True)
print("dL/dw:", [round(v, 4) for v in grad.numpy().tolist()])
# --8<-- [end:vector]

# --8<-- [start:update]
# Variables are updated in place, outside any tape.
w.assign_sub(0.1 * grad)
print("w after one step:", [round(v, 4) for v in w.numpy().tolist()])
# --8<-- [end:update]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert float(first) == 14.0 and float(dy) == 14.0 and float(d2y) == 12.0
assert np.allclose(grad.numpy(), analytic.numpy(), atol=1e-6)
assert np.allclose(w.numpy(), -0.1 * grad.numpy())
assert np.allclose(grad_of_total.numpy(), tf.reduce_sum(X, axis=0).numpy(), atol=1e-5)
