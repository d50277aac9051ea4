"""Fact jax-profiler: on the JAX backend, jax.profiler.trace writes a TensorBoard-readable XPlane
trace.
"""

import os
import pathlib
import tempfile

os.environ["KERAS_BACKEND"] = "jax"
import jax
import jax.numpy as jnp

with tempfile.TemporaryDirectory() as tmp:
    with jax.profiler.trace(tmp):
        jnp.ones((64, 64)).dot(jnp.ones((64, 64))).block_until_ready()
    files = list(pathlib.Path(tmp).glob("plugins/profile/*/*.xplane.pb"))
assert files, "jax.profiler.trace wrote no .xplane.pb"
print("jax", jax.__version__, "profiler wrote", len(files), ".xplane.pb file(s)")
