"""Fact composable-transforms: torch.func and JAX compose grad and vmap; TF has GradientTape and
vectorized_map.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import jax
import jax.numpy as jnp
import tensorflow as tf
import torch
from torch.func import grad, vmap

torch_grads = vmap(grad(lambda x: (x**3).sum()))(torch.tensor([[1.0], [2.0]]))
assert torch_grads.flatten().tolist() == [3.0, 12.0], f"torch.func gave {torch_grads}"
jax_grads = jax.vmap(jax.grad(lambda x: (x**3).sum()))(jnp.array([[1.0], [2.0]]))
assert jax_grads.flatten().tolist() == [3.0, 12.0], f"jax gave {jax_grads}"
assert not hasattr(tf, "grad"), "TensorFlow gained a functional grad transform"
squares = tf.vectorized_map(lambda x: x * x, tf.constant([1.0, 2.0]))
assert squares.numpy().tolist() == [1.0, 4.0]
print("vmap(grad(x^3)) at 1,2 -> 3,12 in torch.func and jax; tf.vectorized_map works")
