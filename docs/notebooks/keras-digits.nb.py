# %% [markdown]
# # Digits with Keras, end to end
#
# The third version of the digits experiment: the same images, split, network and
# optimizer settings as in the PyTorch and TensorFlow notebooks, this time with
# Keras 3. Where the other two needed a hand-written training loop, Keras bundles
# it into `compile` and `fit`, and the reporting into a `History` object.
#
# Keras 3 runs on top of a backend chosen when it is imported: TensorFlow, PyTorch
# or JAX. This notebook picks JAX (the quickest of the three to import); the
# companion notebook *One Keras model on every backend* trains the same network on
# all of them and compares the results. Every output here comes from running the
# notebook in the test suite.

# %%
import os

os.environ["KERAS_BACKEND"] = "jax"  # must be set before the first `import keras`

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)  # seeds Python, NumPy and the backend in one call
plt.rcParams.update({"figure.dpi": 96, "font.size": 9})
print(f"Keras {keras.__version__} on the {keras.backend.backend()} backend")

# %% [markdown]
# ## The data
#
# Keras takes NumPy arrays directly, so the scikit-learn data needs no wrapping.
# The split is the one every notebook here uses: 60 % training, 20 % validation,
# 20 % test, balanced by class and fixed by the seed. Pixel values 0–16 are scaled
# into [0, 1].

# %%
digits = load_digits()
features, labels = digits.data.astype("float32"), digits.target.astype("int64")
x_train, x_test, y_train, y_test = train_test_split(
    features / 16.0, labels, test_size=0.2, stratify=labels, random_state=SEED)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.25, stratify=y_train, random_state=SEED)
print(f"train {len(x_train)}, validation {len(x_val)}, test {len(x_test)}")

# %% alt="Ten training images in a row, one of each digit from 0 to 9, 8 by 8 greyscale pixels each and titled with its label"
fig, axes = plt.subplots(1, 10, figsize=(7, 1.1))
for digit, ax in enumerate(axes):
    ax.imshow(x_train[np.flatnonzero(y_train == digit)[0]].reshape(8, 8), cmap="gray_r")
    ax.set_title(str(digit))
    ax.axis("off")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The model
#
# `keras.Sequential` stacks layers; `keras.Input` declares the input size so the
# weights are created at once and `summary()` can count them. As in the other
# notebooks: 64 inputs, 64 ReLU units, 10 logits, and no softmax layer, because
# the loss below is told it receives logits.

# %%
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10),
    ],
    name="digits",
)
model.summary()

# %% [markdown]
# ## Training: compile, then fit
#
# `compile` fixes the optimizer, the loss and the metrics to report; `fit` runs the
# epochs, batches and shuffles the data, evaluates on the validation set after each
# epoch and returns the history. On the JAX backend `fit` also compiles the
# training step with XLA, which plays the part `tf.function` played in the
# TensorFlow notebook.
#
# A callback is the way to hook into `fit` without rewriting it; this small one
# prints a line every fifth epoch, which matches the other notebooks' output.

# %%
class EveryFifthEpoch(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % 5 == 0:
            print(f"epoch {epoch + 1:2d}: train loss {logs['loss']:.3f}, "
                  f"validation loss {logs['val_loss']:.3f}, "
                  f"validation accuracy {logs['val_accuracy']:.3f}")


model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(
    x_train, y_train,
    batch_size=32,
    epochs=30,
    validation_data=(x_val, y_val),
    callbacks=[EveryFifthEpoch()],
    verbose=0,  # no progress bars in a notebook that is rendered to a page
)

# %% alt="Two line charts against the training epoch. Left: training and validation cross-entropy, both falling on a logarithmic scale. Right: training and validation accuracy, rising from about 0.8 towards 1.0"
curves = history.history
epochs = range(1, len(curves["loss"]) + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(7, 2.6))
ax_loss.plot(epochs, curves["loss"], label="training")
ax_loss.plot(epochs, curves["val_loss"], label="validation")
ax_loss.set(xlabel="epoch", ylabel="cross-entropy", title="Loss", yscale="log")
ax_loss.legend()
ax_acc.plot(epochs, curves["accuracy"], label="training")
ax_acc.plot(epochs, curves["val_accuracy"], label="validation")
ax_acc.set(xlabel="epoch", ylabel="accuracy", title="Accuracy", ylim=(0.8, 1.0))
ax_acc.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The test set, once
#
# `evaluate` computes the compiled loss and metrics on data it has not seen;
# `predict` returns the logits, from which the confusion matrix is built (true
# digit in rows, prediction in columns).

# %%
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
predictions = np.argmax(model.predict(x_test, verbose=0), axis=1)
print(f"test loss {test_loss:.3f}, test accuracy {test_accuracy:.3f} "
      f"({np.sum(predictions != y_test)} of {len(y_test)} wrong)")
assert test_accuracy > 0.9, "a network this size should get well over 90 % right"

# %% alt="Confusion matrix of the test set with the true digit in rows and the predicted digit in columns: almost every count lies on the diagonal, and the few mistakes are small numbers off it"
matrix = confusion_matrix(y_test, predictions, labels=range(10))
fig, ax = plt.subplots(figsize=(3.6, 3.2))
ax.imshow(matrix, cmap="Reds")
for (row, col), count in np.ndenumerate(matrix):
    if count:
        ax.text(col, row, count, ha="center", va="center", fontsize=7,
                color="white" if count > matrix.max() / 2 else "black")
ax.set(xticks=range(10), yticks=range(10), xlabel="predicted", ylabel="true",
       title="Confusion matrix (test set)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What was Keras-specific
#
# * The training loop, the batching, the shuffling, the metric bookkeeping and the
#   compilation of the step were all inside `fit`. Custom behaviour goes into
#   callbacks, or into an overridden `train_step` when the step itself must change.
# * Nothing in the model or the training code named a backend: only the
#   `KERAS_BACKEND` variable did. Change that one line to `"tensorflow"` or
#   `"torch"` and the notebook runs unchanged, which the next notebook does.
# * `keras.utils.set_random_seed` seeded everything with one call; the other two
#   frameworks needed their own seeding calls for weights and for shuffling.
