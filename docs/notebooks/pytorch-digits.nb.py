# %% [markdown]
# # Digits with PyTorch, end to end
#
# This notebook trains a small classifier for handwritten digits with PyTorch and
# looks at what it learned. The TensorFlow and Keras notebooks next to it solve the
# very same problem with the same data split, network shape and optimizer settings,
# so whatever differs between the three is the framework, not the experiment.
#
# The data is scikit-learn's copy of the UCI digits set: 1,797 grayscale images of
# 8×8 pixels, shipped inside the package, so nothing is downloaded. Every output on
# this page was produced by running the notebook in the project's test suite.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

SEED = 0
torch.manual_seed(SEED)  # weight initialisation and the shuffling below depend on it
# Splitting a 64×64 matrix product across threads costs more than it saves, and on
# a busy machine the threads wait for each other: one thread is much faster here.
torch.set_num_threads(1)
plt.rcParams.update({"figure.dpi": 96, "font.size": 9})
print(f"PyTorch {torch.__version__} on the CPU, {torch.get_num_threads()} thread")

# %% [markdown]
# ## The data
#
# Each image arrives flattened into 64 numbers between 0 (white) and 16 (black),
# with its label 0–9. The ten classes are almost equally common, so plain accuracy
# is a fair score here.

# %%
digits = load_digits()
features, labels = digits.data.astype(np.float32), digits.target.astype(np.int64)
print("features:", features.shape, "labels:", labels.shape)
print("images per class:", np.bincount(labels).tolist())

# %% alt="The first twenty images of the data set, 8 by 8 greyscale pixels each, in two rows showing the digits 0 to 9 twice, each titled with its label"
fig, axes = plt.subplots(2, 10, figsize=(7, 1.7))
for ax, image, label in zip(axes.flat, digits.images, digits.target):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(str(label))
    ax.axis("off")
fig.suptitle("The first twenty images and their labels")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Three disjoint sets
#
# 60 % of the images train the network, 20 % tell us during training whether it
# generalises (validation), and the last 20 % are looked at once, at the very end
# (test). `stratify` keeps the class balance equal in all three, and a fixed
# `random_state` gives the same split in all three notebooks. Dividing by 16 puts
# every pixel into [0, 1], a range small networks train well on.

# %%
x_train, x_test, y_train, y_test = train_test_split(
    features / 16.0, labels, test_size=0.2, stratify=labels, random_state=SEED)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.25, stratify=y_train, random_state=SEED)
print(f"train {len(x_train)}, validation {len(x_val)}, test {len(x_test)}")

# %% [markdown]
# PyTorch feeds a model through a `DataLoader`: it cuts a dataset into batches and,
# for training, reshuffles it every epoch. Handing it its own seeded generator keeps
# that order reproducible without touching any other random state.

# %%
train_set = TensorDataset(torch.from_numpy(x_train), torch.from_numpy(y_train))
loader = DataLoader(train_set, batch_size=32, shuffle=True,
                    generator=torch.Generator().manual_seed(SEED))
val_x, val_y = torch.from_numpy(x_val), torch.from_numpy(y_val)
test_x, test_y = torch.from_numpy(x_test), torch.from_numpy(y_test)
print(f"{len(loader)} batches per epoch")

# %% [markdown]
# ## The model
#
# A fully connected network is enough for images this small: 64 inputs, one hidden
# layer of 64 ReLU units, and 10 outputs, one score (logit) per digit. There is no
# softmax at the end because `nn.CrossEntropyLoss` expects raw logits and applies
# the softmax itself, in a numerically safer way.

# %%
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
print(model)
print("trainable parameters:", sum(p.numel() for p in model.parameters()))

# %% [markdown]
# ## Training: the loop is ours to write
#
# PyTorch has no `fit` method. For every batch we run the model, compute the loss,
# clear the old gradients, back-propagate and let the optimizer take a step. After
# each epoch the model is switched to evaluation mode and scored on the validation
# set with gradient tracking turned off. (This network has no dropout or batch norm,
# so the mode switch changes nothing here, but forgetting it is a classic bug.)

# %%
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
history = {"train_loss": [], "val_loss": [], "val_accuracy": []}

started = time.perf_counter()
for epoch in range(1, 31):
    model.train()
    total, seen = 0.0, 0
    for batch_x, batch_y in loader:
        loss = loss_fn(model(batch_x), batch_y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch_x)
        seen += len(batch_x)
    model.eval()
    with torch.no_grad():
        val_logits = model(val_x)
        history["val_loss"].append(loss_fn(val_logits, val_y).item())
        val_accuracy = (val_logits.argmax(dim=1) == val_y).float().mean()
        history["val_accuracy"].append(val_accuracy.item())
    history["train_loss"].append(total / seen)
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d}: train loss {history['train_loss'][-1]:.3f}, "
              f"validation loss {history['val_loss'][-1]:.3f}, "
              f"validation accuracy {history['val_accuracy'][-1]:.3f}")
print(f"training took {time.perf_counter() - started:.1f} s")

# %% [markdown]
# The two loss curves tell more than the last line. Both should fall quickly and
# flatten; a validation curve that turns upwards while the training curve keeps
# dropping would mean the network has started to memorise the training images.

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
# Now the untouched 20 % gives the score worth reporting. The confusion matrix shows
# which digits get mistaken for which: rows are the true digit, columns the
# prediction, so everything off the diagonal is an error.

# %%
with torch.no_grad():
    predictions = model(test_x).argmax(1).numpy()
accuracy = (predictions == y_test).mean()
wrong = np.sum(predictions != y_test)
print(f"test accuracy: {accuracy:.3f} ({wrong} of {len(y_test)} wrong)")
assert accuracy > 0.9, "a network this size should get well over 90 % right"

# %% alt="Confusion matrix of the test set with the true digit in rows and the predicted digit in columns: almost every count lies on the diagonal, and the few mistakes are small numbers off it"
matrix = confusion_matrix(y_test, predictions, labels=range(10))
fig, ax = plt.subplots(figsize=(3.6, 3.2))
ax.imshow(matrix, cmap="Blues")
for (row, col), count in np.ndenumerate(matrix):
    if count:
        ax.text(col, row, count, ha="center", va="center", fontsize=7,
                color="white" if count > matrix.max() / 2 else "black")
ax.set(xticks=range(10), yticks=range(10), xlabel="predicted", ylabel="true",
       title="Confusion matrix (test set)")
fig.tight_layout()
plt.show()

# %% [markdown]
# Looking at the mistakes themselves is often the quickest way to judge a model:
# some of them are digits a person would hesitate over too.

# %% alt="Up to eight misclassified test images in a row, each titled with its true digit, an arrow and the digit the network predicted"
mistakes = np.flatnonzero(predictions != y_test)[:8]
if len(mistakes):
    width = 0.9 * len(mistakes)
    fig, axes = plt.subplots(1, len(mistakes), figsize=(width, 1.4), squeeze=False)
    for ax, index in zip(axes[0], mistakes):
        ax.imshow(x_test[index].reshape(8, 8), cmap="gray_r")
        ax.set_title(f"{y_test[index]}→{predictions[index]}", fontsize=8)
        ax.axis("off")
    fig.suptitle("Misclassified (true→predicted)", fontsize=9)
    fig.tight_layout()
    plt.show()
else:
    print("no mistakes on the test set")

# %% [markdown]
# ## What was PyTorch-specific
#
# * The training loop was plain Python that we wrote: PyTorch supplies the pieces
#   (`DataLoader`, `loss.backward()`, `optimizer.step()`) and leaves the order of
#   calls, the bookkeeping and the logging to us. That costs a dozen lines and buys
#   complete control, which is why research code tends to look like this.
# * Gradients accumulate until `optimizer.zero_grad()` clears them, and evaluation
#   goes inside `torch.no_grad()` so no graph is recorded.
# * Everything ran eagerly, one operation at a time; `torch.compile(model)` could
#   fuse the operations, which pays off for larger models than this one.
