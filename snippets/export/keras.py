# dlcompare: backends = tensorflow, jax
# dlcompare: backends-reason = SavedModel export on the torch backend needs torch_xla (not installed)
"""Export in Keras 3: model.export writes a TensorFlow SavedModel for inference."""

import tempfile
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf  # loading a SavedModel needs TensorFlow whatever the backend
from sklearn.datasets import load_digits

print(f"backend: {keras.backend.backend()}")
keras.utils.set_random_seed(0)

digits = load_digits()
x, y = (digits.data / 16.0).astype("float32"), digits.target

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input((64,), name="pixels"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(1e-2),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
model.fit(x, y, batch_size=256, epochs=5, verbose=0)
expected = model.predict(x, verbose=0)
# --8<-- [end:model]

with tempfile.TemporaryDirectory() as tmp:
    # --8<-- [start:export]
    # Only the inference graph is exported: no optimizer, no training code. On
    # the JAX backend the forward pass is converted with jax2tf on the way.
    export_dir = str(Path(tmp) / "saved_model")
    model.export(export_dir, format="tf_saved_model", verbose=False)
    # --8<-- [end:export]

    # --8<-- [start:reload]
    # The artifact is a plain TensorFlow object now: no Keras model, no backend.
    reloaded = tf.saved_model.load(export_dir)
    print(f"exported signatures: {list(reloaded.signatures)}")
    print(f"serve() input: {reloaded.serve.input_signature}")
    exported_out = reloaded.serve(tf.constant(x)).numpy()
    # --8<-- [end:reload]

# --8<-- [start:check]
print(f"largest output gap, exported vs Keras: {np.abs(exported_out - expected).max():.0e}")
agree = int((exported_out.argmax(1) == expected.argmax(1)).sum())
print(f"same predicted class for {agree} of {len(expected)} inputs")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert np.allclose(exported_out, expected, atol=1e-5)
assert (exported_out.argmax(1) == expected.argmax(1)).all()
# --8<-- [end:check]
