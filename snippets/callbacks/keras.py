"""Early stopping and TensorBoard logging in Keras: two callbacks passed to fit()."""
import os
import tempfile

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

keras.utils.set_random_seed(0)
print(f"backend: {keras.backend.backend()}")

# --8<-- [start:data]
digits = load_digits()
x_train, x_val, y_train, y_val = train_test_split(
    (digits.data / 16.0).astype("float32"), digits.target, test_size=0.3, random_state=0
)
# --8<-- [end:data]

# --8<-- [start:model]
# Oversized on purpose, with a high learning rate, so validation loss turns
# upward after a few epochs and early stopping has something to do.
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10),
])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
# --8<-- [end:model]

# --8<-- [start:train]
with tempfile.TemporaryDirectory() as log_dir:
    early_stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=3, restore_best_weights=True
    )
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val),
        batch_size=64, epochs=100, verbose=0,
        callbacks=[early_stop, keras.callbacks.TensorBoard(log_dir=log_dir)],
    )
    # --8<-- [end:train]

    # --8<-- [start:evaluate]
    # The callback writes one run per split; event file names hold a timestamp
    # and host name, so show only where they are.
    event_dirs = sorted(
        os.path.relpath(root, log_dir)
        for root, _, files in os.walk(log_dir)
        if any(f.startswith("events.out.tfevents") for f in files)
    )
    counts = {}
    for run in event_dirs:
        # Summaries are stored as tensors, which the reader samples down to 10
        # per tag by default; 0 keeps them all.
        logs = EventAccumulator(os.path.join(log_dir, run), size_guidance={"tensors": 0})
        logs.Reload()
        counts[f"{run}/epoch_loss"] = len(logs.Tensors("epoch_loss"))

epochs_run = len(history.history["loss"])
val_loss, accuracy = model.evaluate(x_val, y_val, verbose=0)
best_val_loss = min(history.history["val_loss"])
print(f"stopped after epoch {epochs_run}, best epoch {early_stop.best_epoch + 1}")
print(f"best val loss {best_val_loss:.3f}, restored model val loss {val_loss:.3f}")
print(f"val accuracy: {accuracy:.3f}")
print(f"runs with event files: {event_dirs}")
print(f"scalar events read back: {counts}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert epochs_run < 100 and epochs_run == early_stop.best_epoch + 1 + early_stop.patience
assert abs(val_loss - best_val_loss) < 1e-4
assert counts == {"train/epoch_loss": epochs_run, "validation/epoch_loss": epochs_run}
assert accuracy > 0.9
# --8<-- [end:evaluate]
