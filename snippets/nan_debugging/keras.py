"""Debugging a NaN in Keras: TerminateOnNaN stops fit(), keras.ops.isnan inspects."""
import keras
import numpy as np
from keras import ops
from sklearn.datasets import load_digits

keras.utils.set_random_seed(0)
print(f"backend: {keras.backend.backend()}")

# --8<-- [start:data]
# Two classic mistakes together: pixels left at 0..16 instead of 0..1, and a
# learning rate far too high for them.
digits = load_digits()
x = digits.data.astype("float32")
y = digits.target
# --8<-- [end:data]

# --8<-- [start:model]
def naive_cross_entropy(labels, logits):
    # The third mistake: softmax then log. Once logits are large, softmax
    # rounds a probability to exactly 0 and log(0) is -inf.
    probs = ops.softmax(logits)
    picked = ops.take_along_axis(probs, ops.cast(labels, "int32")[:, None], axis=1)
    return -ops.log(picked[:, 0])


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(10),
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=1.0), loss=naive_cross_entropy)
initial_weights = model.get_weights()
# --8<-- [end:model]

# --8<-- [start:train]
# TerminateOnNaN reads the loss after each batch, prints which batch went bad
# and sets model.stop_training, so fit() returns instead of raising.
history = model.fit(
    x, y, batch_size=64, epochs=5, shuffle=False, verbose=0,
    callbacks=[keras.callbacks.TerminateOnNaN()],
)
print(f"epochs run: {len(history.epoch)}, stop_training: {model.stop_training}")
# --8<-- [end:train]

# --8<-- [start:debug]
# The check runs after the optimizer step, so the bad update is already in the
# weights: keep checkpoints, don't resume from here.
bad = [v.path for v in model.trainable_variables if ops.any(ops.isnan(v))]
print(f"variables holding NaN: {bad}")

# Replay: restore the start, take the one good step, then look inside the loss
# on the batch that failed.
model.set_weights(initial_weights)
model.train_on_batch(x[:64], y[:64])
logits = model(x[64:128])
probs = ops.softmax(logits)
log_probs = ops.log(probs)
logits, probs, log_probs = (ops.convert_to_numpy(t) for t in (logits, probs, log_probs))
print(f"finite logits: {np.isfinite(logits).sum()} of {logits.size}")
print(f"probabilities rounded to exactly 0: {(probs == 0).sum()}")
print(f"-inf entries in log(probs): {np.isinf(log_probs).sum()}")

# The fix: let the loss take logits and use log-softmax internally.
fixed = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y[64:128], logits)
fixed = float(ops.convert_to_numpy(fixed))
print(f"from_logits loss on the same batch: {fixed:.3f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert model.stop_training and bad
assert np.isinf(log_probs).any() and np.isfinite(fixed)
# --8<-- [end:debug]
