# dlcompare: timeout = 600
"""Graph compilation in Keras 3: compile(jit_compile=...) picks XLA, jax.jit or torch.compile."""

import os
import tempfile

import keras
import numpy as np
from sklearn.datasets import load_digits

print(f"backend: {keras.backend.backend()}")

digits = load_digits()
x, y = (digits.data[:256] / 16.0).astype("float32"), digits.target[:256]

# --8<-- [start:model]
def trained_copy(**compile_args):
    # Re-seeding gives every copy the same starting weights; shuffle=False the
    # same batch order, so the settings can be compared number for number.
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(32, activation="gelu"), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(0.1),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        **compile_args,
    )
    history = model.fit(x, y, batch_size=64, epochs=2, shuffle=False, verbose=0)
    return model, history.history["loss"][-1], model.predict(x, verbose=0)
# --8<-- [end:model]


with tempfile.TemporaryDirectory() as cache:
    # Only matters on the torch backend: torch.compile's on-disk cache goes here,
    # so the program leaves nothing behind.
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache

    # --8<-- [start:compile]
    # run_eagerly=True executes op by op: the reference, and the way to debug.
    _, eager_loss, eager_pred = trained_copy(run_eagerly=True)
    # "auto" (the default) decides per backend; see what it chose.
    auto_model, auto_loss, auto_pred = trained_copy(jit_compile="auto")
    # True means XLA on TensorFlow, jax.jit on JAX and torch.compile on torch.
    _, jit_loss, jit_pred = trained_copy(jit_compile=True)
    # --8<-- [end:compile]

# --8<-- [start:compare]
print(f'jit_compile="auto" resolved to: {auto_model.jit_compile}')
print(f"eager loss: {eager_loss:.5f}, auto: {auto_loss:.5f}, jit: {jit_loss:.5f}")
# Compiled kernels may fuse and reorder float math, so compare with a tolerance.
same = all(np.allclose(eager_pred, pred, atol=1e-5) for pred in (auto_pred, jit_pred))
gap = max(float(np.abs(eager_pred - pred).max()) for pred in (auto_pred, jit_pred))
print(f"largest prediction gap to eager: {gap:.0e}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert same and np.isclose(eager_loss, jit_loss, atol=1e-5)
# --8<-- [end:compare]
