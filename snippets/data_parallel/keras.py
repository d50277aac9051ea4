"""Data-parallel training in Keras 3: keras.distribution.DataParallel, then plain fit()."""
# dlcompare: backends = jax
# dlcompare: backends-reason = keras.distribution is None on torch; on tensorflow, fit() keeps every variable on one device
import os
import sys

# Make XLA present the one CPU as two devices, so there is something to
# replicate across. JAX reads this once at start-up, hence before importing keras.
os.environ["XLA_FLAGS"] = (
    os.environ.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=2"
)

import keras
from sklearn.datasets import load_digits

if keras.backend.backend() != "jax":  # the default backend is tensorflow
    sys.exit(f"needs the JAX backend: KERAS_BACKEND=jax python {sys.argv[0]}")

keras.utils.set_random_seed(0)

# --8<-- [start:devices]
devices = keras.distribution.list_devices()  # GPUs if any, else the CPU devices
# One mesh axis, "batch": every device holds all weights and gets a slice of
# each batch; gradients are averaged across the slices.
keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices))
print(f"backend: {keras.backend.backend()}, devices: {devices}")
# --8<-- [end:devices]

# --8<-- [start:data]
digits = load_digits()
# Every batch must split evenly across the devices, the last one included, so
# drop the remainder: 1797 -> 1792 examples, 28 batches of 64.
n = len(digits.data) // 64 * 64
x = (digits.data[:n] / 16.0).astype("float32")
y = digits.target[:n]
# --8<-- [end:data]

# --8<-- [start:model]
# Built after set_distribution, so its variables are created replicated.
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10),
])
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.1),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
# --8<-- [end:model]

# --8<-- [start:train]
# The global batch of 64 is split across the devices: 32 examples each on 2 CPUs.
history = model.fit(x, y, batch_size=64, epochs=10, verbose=0)
losses = history.history["loss"]
# --8<-- [end:train]

# --8<-- [start:evaluate]
kernel = model.layers[0].kernel.value  # the backend's array behind the variable
placed_on = len(kernel.sharding.device_set)
print(f"first kernel is replicated on {placed_on} devices")
print(f"loss: first epoch {losses[0]:.2f}, last epoch {losses[-1]:.2f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert placed_on == len(devices) and (len(devices) == 2 or devices[0].startswith("gpu"))
assert kernel.sharding.is_fully_replicated
assert losses[-1] < losses[0] / 4
# --8<-- [end:evaluate]
