# %% [markdown]
# # Digits with TensorFlow, end to end
#
# The same experiment as the PyTorch and Keras notebooks (same images, same split,
# same network, same optimizer settings), written the way TensorFlow itself is
# built to be used below the Keras level: weights are `tf.Variable`s gathered in a
# `tf.Module`, data flows through `tf.data`, gradients come from a
# `tf.GradientTape`, and the training step is compiled into a graph by
# `tf.function`.
#
# The 8×8 digit images ship with scikit-learn, so nothing is downloaded. Every
# output on this page was produced by running the notebook in the test suite.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

SEED = 0
# Thread pools must be sized before TensorFlow runs its first operation. A network
# this small is faster on one thread than split across several.
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
plt.rcParams.update({"figure.dpi": 96, "font.size": 9})
print(f"TensorFlow {tf.__version__}; visible devices:",
      [device.device_type for device in tf.config.list_logical_devices()])

# %% [markdown]
# ## The data
#
# 1,797 images, each flattened into 64 pixel values from 0 to 16, and a label 0–9.
# The split below is the one all three notebooks use: 60 % for training, 20 % for
# validation during training, 20 % kept back for a single final test; `stratify`
# keeps the ten classes balanced in each part.

# %%
digits = load_digits()
features, labels = digits.data.astype(np.float32), digits.target.astype(np.int64)
x_train, x_test, y_train, y_test = train_test_split(
    features / 16.0, labels, test_size=0.2, stratify=labels, random_state=SEED)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.25, stratify=y_train, random_state=SEED)
print(f"train {len(x_train)}, validation {len(x_val)}, test {len(x_test)}")

# %% alt="Twenty training small 8 by 8 pixel greyscale images of handwritten digits in two rows, each titled with its label"
fig, axes = plt.subplots(2, 10, figsize=(7, 1.7))
for ax, image, label in zip(axes.flat, x_train, y_train):
    ax.imshow(image.reshape(8, 8), cmap="gray_r")
    ax.set_title(str(label))
    ax.axis("off")
fig.suptitle("Twenty training images and their labels")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## An input pipeline
#
# A `tf.data.Dataset` describes how examples are read, shuffled and batched; the
# work happens as the training loop iterates over it. With `seed` set and
# `reshuffle_each_iteration=True`, every epoch sees a new, but reproducible, order.

# %%
train_ds = (
    tf.data.Dataset.from_tensor_slices((x_train, y_train))
    .shuffle(len(x_train), seed=SEED, reshuffle_each_iteration=True)
    .batch(32)
    .prefetch(tf.data.AUTOTUNE)
)
print(train_ds.element_spec)
print("batches per epoch:", int(train_ds.cardinality()))

# %% [markdown]
# ## The model as a module
#
# A `tf.Module` is a plain Python object that keeps track of the variables assigned
# to it, so `model.trainable_variables` finds them for the optimizer and
# `tf.saved_model.save` could export them. The weights start from the usual Glorot
# uniform initialisation, drawn from a seeded `tf.random.Generator`. The network is
# the same in all three notebooks: 64 inputs, 64 ReLU units, 10 logits.

# %%
class DigitClassifier(tf.Module):
    def __init__(self, sizes=(64, 64, 10), seed=SEED):
        super().__init__()
        rng = tf.random.Generator.from_seed(seed)
        self.layers = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            limit = (6.0 / (fan_in + fan_out)) ** 0.5
            weights = tf.Variable(rng.uniform((fan_in, fan_out), -limit, limit), name="w")
            bias = tf.Variable(tf.zeros(fan_out), name="b")
            self.layers.append((weights, bias))

    def __call__(self, x):
        for index, (weights, bias) in enumerate(self.layers):
            x = x @ weights + bias
            if index < len(self.layers) - 1:
                x = tf.nn.relu(x)
        return x  # logits: the softmax lives in the loss


model = DigitClassifier()
print("trainable parameters:", sum(int(tf.size(v)) for v in model.trainable_variables))

# %% [markdown]
# ## One compiled training step
#
# TensorFlow's own optimizers are Keras's (`tf.keras.optimizers`), and they accept
# plain `tf.Variable`s. Building the optimizer up front creates its per-weight
# state (Adam keeps two moving averages per weight) outside the compiled function;
# a `tf.function` may create variables only while it is first traced, and would
# otherwise trace twice. The loss takes integer labels and raw logits.
#
# `tf.function` traces the Python function into a graph and from then on runs the
# graph. The `print` inside it is Python, so it only runs while tracing: it shows
# up once, not once per batch. The `input_signature` with a `None` batch size lets
# the final, smaller batch of each epoch reuse the same graph instead of
# triggering another trace.

# %%
optimizer = tf.keras.optimizers.Adam(learning_rate=3e-3)
optimizer.build(model.trainable_variables)


def mean_loss(logits, y):
    per_example = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    return tf.reduce_mean(per_example)


BATCH_SPEC = [tf.TensorSpec([None, 64], tf.float32), tf.TensorSpec([None], tf.int64)]


@tf.function(input_signature=BATCH_SPEC)
def train_step(x, y):
    print("tracing train_step for inputs", x.shape)
    with tf.GradientTape() as tape:
        loss = mean_loss(model(x), y)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss

# %% [markdown]
# The loop around it is ordinary Python again: 30 epochs, keeping the losses so we
# can plot them.

# %%
history = {"train_loss": [], "val_loss": [], "val_accuracy": []}
started = time.perf_counter()
for epoch in range(1, 31):
    total, seen = 0.0, 0
    for batch_x, batch_y in train_ds:
        total += float(train_step(batch_x, batch_y)) * len(batch_x)
        seen += len(batch_x)
    val_logits = model(x_val)
    history["train_loss"].append(total / seen)
    history["val_loss"].append(float(mean_loss(val_logits, y_val)))
    history["val_accuracy"].append(float(np.mean(np.argmax(val_logits, axis=1) == y_val)))
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}: train loss {history['train_loss'][-1]:.3f}, "
              f"validation loss {history['val_loss'][-1]:.3f}, "
              f"validation accuracy {history['val_accuracy'][-1]:.3f}")
print(f"training took {time.perf_counter() - started:.1f} s")
print("graphs traced for train_step:", train_step.experimental_get_tracing_count())

# %% alt="Two line charts against the training epoch. Left: training and validation cross-entropy, both falling on a logarithmic scale. Right: validation accuracy, rising from about 0.8 towards 1.0 and levelling off"
epochs = range(1, len(history["train_loss"]) + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(7, 2.6))
ax_loss.plot(epochs, history["train_loss"], label="training")
ax_loss.plot(epochs, history["val_loss"], label="validation")
ax_loss.set(xlabel="epoch", ylabel="cross-entropy", title="Loss", yscale="log")
ax_loss.legend()
ax_acc.plot(epochs, history["val_accuracy"], color="tab:green")
ax_acc.set(xlabel="epoch", ylabel="accuracy", title="Validation accuracy", ylim=(0.8, 1.0))
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The test set, once
#
# The held-back images give the score to report, and the confusion matrix (true
# digit in rows, prediction in columns) shows which digits get confused.

# %%
predictions = np.argmax(model(x_test), axis=1)
accuracy = np.mean(predictions == y_test)
wrong = np.sum(predictions != y_test)
print(f"test accuracy: {accuracy:.3f} ({wrong} of {len(y_test)} wrong)")
assert accuracy > 0.9, "a network this size should get well over 90 % right"

# %% alt="Confusion matrix of the test set with the true digit in rows and the predicted digit in columns: almost every count lies on the diagonal, and the few mistakes are small numbers off it"
matrix = confusion_matrix(y_test, predictions, labels=range(10))
fig, ax = plt.subplots(figsize=(3.6, 3.2))
ax.imshow(matrix, cmap="Oranges")
for (row, col), count in np.ndenumerate(matrix):
    if count:
        ax.text(col, row, count, ha="center", va="center", fontsize=7,
                color="white" if count > matrix.max() / 2 else "black")
ax.set(xticks=range(10), yticks=range(10), xlabel="predicted", ylabel="true",
       title="Confusion matrix (test set)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What was TensorFlow-specific
#
# * `tf.data` described the input pipeline declaratively; the same description
#   scales to files on disk, parallel reads and prefetching to an accelerator.
# * The training step ran as a graph. Python code inside a `tf.function` runs only
#   while tracing, which is why the `print` appeared once; a step whose input
#   shapes keep changing would be traced again and again, and the tracing count is
#   the number to watch.
# * Below Keras, TensorFlow still gives you variables, gradients and graphs, but
#   not layers or optimizers of its own: those come from `tf.keras`, which in
#   TensorFlow 2.16 and later is Keras 3.
