"""Early stopping and TensorBoard logging in TensorFlow: tf.summary in a custom loop."""
import os
import tempfile

import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

tf.keras.utils.set_random_seed(0)
print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")

# --8<-- [start:data]
digits = load_digits()
x_train, x_val, y_train, y_val = train_test_split(
    (digits.data / 16.0).astype("float32"), digits.target, test_size=0.3, random_state=0
)
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(2000, seed=0).batch(64)
# --8<-- [end:data]

# --8<-- [start:model]
# Oversized on purpose, with a high learning rate, so validation loss turns
# upward after a few epochs and early stopping has something to do.
model = tf.keras.Sequential([
    tf.keras.Input(shape=(64,)),
    tf.keras.layers.Dense(512, activation="relu"),
    tf.keras.layers.Dense(10),
])
optimizer = tf.keras.optimizers.Adam(learning_rate=0.01)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    optimizer.apply(tape.gradient(loss, model.trainable_variables), model.trainable_variables)
    return loss
# --8<-- [end:model]

# --8<-- [start:train]
patience, best_loss, best_epoch, waited = 3, float("inf"), 0, 0
with tempfile.TemporaryDirectory() as log_dir:
    writer = tf.summary.create_file_writer(log_dir)
    # as_default() routes every tf.summary call below to this writer.
    with writer.as_default():
        for epoch in range(1, 101):
            for x, y in train_ds:
                loss = train_step(x, y)
            val_loss = float(loss_fn(y_val, model(x_val)))
            tf.summary.scalar("loss/train", loss, step=epoch)
            tf.summary.scalar("loss/val", val_loss, step=epoch)

            if val_loss < best_loss:
                best_loss, best_epoch, waited = val_loss, epoch, 0
                best_weights = model.get_weights()  # NumPy copies, not references
            else:
                waited += 1
                if waited >= patience:
                    break
    writer.close()
    model.set_weights(best_weights)
    # --8<-- [end:train]

    # --8<-- [start:evaluate]
    # Event file names hold a timestamp and host name, so only count them.
    event_files = [f for f in os.listdir(log_dir) if f.startswith("events.out.tfevents")]
    # TF2 summaries are stored as tensors, which the reader samples down to 10
    # per tag by default; 0 keeps them all.
    logs = EventAccumulator(log_dir, size_guidance={"tensors": 0})
    logs.Reload()
    counts = {tag: len(logs.Tensors(tag)) for tag in logs.Tags()["tensors"]}

logits = model(x_val)
restored_loss = float(loss_fn(y_val, logits))
accuracy = float(tf.reduce_mean(tf.cast(tf.argmax(logits, axis=1) == y_val, tf.float32)))
print(f"stopped after epoch {epoch}, best epoch {best_epoch}")
print(f"best val loss {best_loss:.3f}, restored model val loss {restored_loss:.3f}")
print(f"val accuracy: {accuracy:.3f}")
print(f"event files: {len(event_files)}")
print(f"scalar events read back: {counts}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert epoch < 100 and epoch == best_epoch + patience
assert abs(restored_loss - best_loss) < 1e-6
assert event_files and counts == {"loss/train": epoch, "loss/val": epoch}
assert accuracy > 0.9
# --8<-- [end:evaluate]
