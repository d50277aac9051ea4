# %% [markdown]
# # One Keras model on every backend
#
# Keras 3 promises that one model definition runs on TensorFlow, PyTorch and JAX.
# This notebook checks that promise on the digits classifier from the other
# notebooks: it trains the identical network, from identical starting weights, on
# the same batches, once per installed backend, and then compares what came out.
#
# A Python process holds exactly one Keras backend, picked from `KERAS_BACKEND` at
# the first `import keras`. (`keras.config.set_backend` does exist, but it works by
# purging Keras from the module cache and importing it again, and it warns that
# every Keras object created before the switch becomes unusable.) So the notebook
# writes the training code to a small script and runs it in a fresh interpreter for
# each backend, which is also how the project's example runner treats Keras
# programs. Every output comes from running the notebook in the test suite.

# %%
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown, display
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
plt.rcParams.update({"figure.dpi": 96, "font.size": 9})
backends = [name for name in ("tensorflow", "torch", "jax")
            if importlib.util.find_spec(name) is not None]
print("installed backends:", ", ".join(backends))

# %% [markdown]
# ## Same data, same starting point
#
# The split is the usual one (60 % training, 20 % validation, 20 % test). Random
# initialisation is where backends would part ways immediately, since each draws
# numbers with its own generator, so the starting weights are drawn here, once,
# with NumPy (Glorot uniform, as Keras would) and handed to every run. Training
# uses `shuffle=False`: the batches then arrive in the same order everywhere, and
# nothing random is left inside the runs.

# %%
digits = load_digits()
features, labels = digits.data.astype("float32"), digits.target.astype("int64")
x_train, x_test, y_train, y_test = train_test_split(
    features / 16.0, labels, test_size=0.2, stratify=labels, random_state=SEED)
x_train, x_val, y_train, y_val = train_test_split(
    x_train, y_train, test_size=0.25, stratify=y_train, random_state=SEED)

rng = np.random.default_rng(SEED)


def glorot_uniform(fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype("float32")


start_weights = [glorot_uniform(64, 64), np.zeros(64, "float32"),
                 glorot_uniform(64, 10), np.zeros(10, "float32")]
workdir = Path(tempfile.mkdtemp(prefix="keras-backends-"))
np.savez(workdir / "inputs.npz", x_train=x_train, y_train=y_train, x_val=x_val, y_val=y_val,
         x_test=x_test, y_test=y_test, *start_weights)
print("starting weights:", [w.shape for w in start_weights])

# %% [markdown]
# ## The script each backend runs
#
# Nothing in it mentions a backend. It times the import (the price of starting a
# backend) separately from training, and prints one JSON line with the loss
# history, the test accuracy and the raw test logits for the comparison.

# %%
SCRIPT = '''
import json, sys, time

started = time.perf_counter()
import keras
import numpy as np

import_s = time.perf_counter() - started
data = np.load(sys.argv[1])
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10),
])
model.set_weights([data[f"arr_{i}"] for i in range(4)])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
started = time.perf_counter()
history = model.fit(data["x_train"], data["y_train"], batch_size=32, epochs=15, shuffle=False,
                    validation_data=(data["x_val"], data["y_val"]), verbose=0)
train_s = time.perf_counter() - started
logits = np.asarray(model.predict(data["x_test"], verbose=0))
_, test_accuracy = model.evaluate(data["x_test"], data["y_test"], verbose=0)
print(json.dumps({
    "backend": keras.backend.backend(),
    "version": keras.version(),
    "import_s": import_s,
    "train_s": train_s,
    "loss": [float(v) for v in history.history["loss"]],
    "val_loss": [float(v) for v in history.history["val_loss"]],
    "test_accuracy": float(test_accuracy),
    "logits": logits.tolist(),
}))
'''
script = workdir / "train_digits.py"
_ = script.write_text(SCRIPT)

# %% [markdown]
# ## One fresh interpreter per backend
#
# Each run gets `KERAS_BACKEND` and is asked to use a single CPU thread: at this
# size the thread pools only get in each other's way, and the timings are fairer
# when no backend can take more of the machine than another.

# %%
one_thread = {
    "OMP_NUM_THREADS": "1",  # PyTorch
    "TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1",  # TensorFlow
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",  # JAX
}
results = {}
for backend in backends:
    env = {**os.environ, **one_thread, "KERAS_BACKEND": backend}
    run = subprocess.run([sys.executable, str(script), str(workdir / "inputs.npz")],
                         env=env, capture_output=True, text=True, timeout=600, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{backend} run failed:\n{run.stderr[-3000:]}")
    results[backend] = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"{backend:>10}: Keras {results[backend]['version']}, finished")

# %% [markdown]
# ## Results side by side

# %%
rows = ["| backend | import, s | 15 epochs, s | final loss | test accuracy |",
        "|---|--:|--:|--:|--:|"]
for backend, r in results.items():
    rows.append(f"| {backend} | {r['import_s']:.1f} | {r['train_s']:.1f} "
                f"| {r['loss'][-1]:.5f} | {r['test_accuracy']:.3f} |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# The timings come from one run on a shared two-core machine and vary from run to
# run; they show the order of magnitude of starting each backend, not a benchmark.
# The losses are the interesting part. If the backends computed the same thing,
# the curves should lie on top of each other. The right-hand plot zooms in: the
# relative difference from the first backend's loss, epoch by epoch, on a log
# scale (a point on the bottom line means the two losses were exactly equal).

# %% alt="Two line charts against the epoch. Left: the training loss of the same model on each Keras backend, the curves lying on top of each other on a logarithmic scale. Right: each backend's relative difference from the first backend's loss, on a logarithmic scale, where the bottom line means exactly equal"
reference = backends[0]
base = np.array(results[reference]["loss"])
FLOOR = 1e-9  # a log axis cannot show 0: equal losses are drawn on this bottom line
fig, (ax_curves, ax_gap) = plt.subplots(1, 2, figsize=(7, 2.6))
for backend, result in results.items():
    epochs = range(1, len(result["loss"]) + 1)
    style = "-" if backend == reference else "--"
    ax_curves.plot(epochs, result["loss"], linestyle=style, label=backend)
    if backend != reference:
        gap = np.abs(np.array(result["loss"]) - base) / base
        label = f"{backend} vs {reference}"
        ax_gap.plot(epochs, np.maximum(gap, FLOOR), marker=".", label=label)
ax_curves.set(xlabel="epoch", ylabel="training loss", title="Training loss", yscale="log")
ax_curves.legend()
ax_gap.set(xlabel="epoch", ylabel="relative difference", title="How far apart",
           yscale="log", ylim=(FLOOR / 2, None))
ax_gap.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# Finally the models themselves: do they give the same answers on the test set,
# and how different are the raw logits behind those answers?

# %%
logits = {backend: np.array(result["logits"]) for backend, result in results.items()}
answers = np.stack([values.argmax(axis=1) for values in logits.values()])
agreement = np.mean(np.all(answers == answers[0], axis=0))
largest_gap = max(np.abs(values - logits[reference]).max() for values in logits.values())
print(f"test images on which every backend gives the same answer: {agreement:.1%}")
print(f"largest difference between two backends' logits: {largest_gap:.2e}")
final = [result["loss"][-1] for result in results.values()]
spread = (max(final) - min(final)) / min(final)
print(f"spread of the final training loss across backends: {spread:.2%}")
assert agreement > 0.97, "the backends should agree on nearly every test image"
assert spread < 0.05, "from the same weights and batches, the losses should end up close"

# %% [markdown]
# ## What this shows
#
# * The model code and the training call were identical for every backend; only
#   an environment variable changed. That is the portability Keras 3 advertises,
#   and for a model built from standard layers it held here.
# * Identical code does not promise bit-for-bit identical numbers. Each backend
#   has its own kernels for matrix products and may add up floating-point numbers
#   in a different order, so results can differ in the last digits, and such
#   differences can grow over a long training run. The checks in the cell above
#   fail this notebook if the gap ever becomes large enough to matter.
# * The cost of a backend is paid at import time, once per process: a reason to
#   prefer long-lived processes when latency matters.
