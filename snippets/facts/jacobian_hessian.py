"""Fact jacobian-hessian: torch.func.jacrev/hessian and GradientTape.jacobian agree."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
import torch

point = np.array([1.0, 2.0], dtype="float32")


def f_torch(v: torch.Tensor) -> torch.Tensor:
    return (v**2).sum() * v[0]


hess_torch = torch.func.hessian(f_torch)(torch.from_numpy(point)).numpy()
jac_torch = torch.func.jacrev(lambda v: v**2)(torch.from_numpy(point)).numpy()
x = tf.Variable(point)
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = tf.reduce_sum(x**2) * x[0]
    g = inner.gradient(y, x)
hess_tf = outer.jacobian(g, x).numpy()
with tf.GradientTape() as tape:
    sq = x**2
jac_tf = tape.jacobian(sq, x).numpy()
assert np.allclose(hess_torch, hess_tf) and np.allclose(jac_torch, jac_tf)
print("Hessian", hess_torch.tolist(), "matches between torch.func.hessian and nested tapes")
