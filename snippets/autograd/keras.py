"""Gradients in Keras 3: keras.ops defines the math, the active backend differentiates it."""
import keras
import numpy as np
from keras import ops

backend = keras.backend.backend()
print(f"backend: {backend}")


# --8<-- [start:gradient]
# keras.ops can stop or customise gradients but has no op that computes them:
# autodiff is each backend's own machinery, so code outside fit() dispatches on it.
def gradient(fn, x):
    """Gradient of the scalar function fn at x, computed by the active backend."""
    if backend == "tensorflow":
        import tensorflow as tf

        x = tf.convert_to_tensor(x)
        with tf.GradientTape() as tape:
            tape.watch(x)  # x is a plain tensor, not a Variable
            y = fn(x)
        return tape.gradient(y, x)
    if backend == "torch":
        import torch

        x = torch.as_tensor(x).detach().requires_grad_()
        (grad,) = torch.autograd.grad(fn(x), x)
        return grad
    if backend == "jax":
        import jax

        return jax.grad(fn)(x)  # transforms the function rather than recording a tape
    raise NotImplementedError(f"no gradient recipe for backend {backend!r}")
# --8<-- [end:gradient]


# --8<-- [start:scalar]
def cubic(x):
    return ops.power(x, 3) + 2 * x  # derivative 3x^2 + 2 = 14 at x = 2


x = ops.convert_to_tensor(2.0)
dy = gradient(cubic, x)
print("d/dx (x^3 + 2x) at 2:", float(dy))
# stop_gradient is portable: the stopped factor is treated as a constant.
half_stopped = gradient(lambda v: v * ops.stop_gradient(v), x)
print("d/dx (x * stop_gradient(x)):", float(half_stopped))
# --8<-- [end:scalar]

# --8<-- [start:vector]
rng = np.random.default_rng(0)
X_np = rng.normal(size=(8, 3)).astype("float32")
t_np = rng.normal(size=8).astype("float32")
X, t = ops.convert_to_tensor(X_np), ops.convert_to_tensor(t_np)


def mse(w):
    return ops.mean(ops.square(ops.matmul(X, w) - t))


w = ops.zeros(3)
grad = ops.convert_to_numpy(gradient(mse, w))
analytic = 2 / len(t_np) * X_np.T @ (X_np @ np.zeros(3) - t_np)
print("dL/dw:", [round(float(v), 4) for v in grad])
# --8<-- [end:vector]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert float(dy) == 14.0 and float(half_stopped) == 2.0
assert np.allclose(grad, analytic, atol=1e-6)
