"""Learning-rate schedules in TensorFlow: a function of the step, applied by hand."""
import math

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# tf.keras is Keras 3 (TensorFlow 2.16+): tf.keras users take the schedules of the
# Keras program (tf.keras.optimizers.schedules is keras.optimizers.schedules).
print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.random.set_seed(0)

LR, TOTAL, WARMUP = 0.1, 100, 10  # peak rate, optimizer steps, warm-up steps


# --8<-- [start:schedules]
# Each schedule maps the step number (a tensor) to the rate that step uses.
def step_decay(step):
    return LR * 0.5 ** tf.floor(step / 30)  # halve every 30 steps


def cosine(step):
    return 0.5 * LR * (1 + tf.cos(math.pi * step / TOTAL))  # from LR down to 0


def warmup_cosine(step):
    warm = LR / 10 + (LR - LR / 10) * step / WARMUP  # linear, LR/10 up to LR
    progress = (step - WARMUP) / (TOTAL - WARMUP)
    return tf.where(step < WARMUP, warm, 0.5 * LR * (1 + tf.cos(math.pi * progress)))


steps = tf.range(TOTAL, dtype=tf.float32)
table = {"step": step_decay(steps).numpy(), "cosine": cosine(steps).numpy(),
         "warm-up": warmup_cosine(steps).numpy()}
print("step  step decay  cosine  warm-up+cosine")
for s in (0, 5, 10, 30, 50, 90, 99):
    print(f"{s:4}  {table['step'][s]:10.4f}  {table['cosine'][s]:6.4f}"
          f"  {table['warm-up'][s]:14.4f}")
# --8<-- [end:schedules]

# --8<-- [start:train]
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    (X / 16.0).astype("float32"), y, train_size=1280, random_state=0
)  # 1280 images in batches of 64: 20 steps an epoch, 5 epochs = TOTAL steps
limit1, limit2 = math.sqrt(6 / 128), math.sqrt(6 / 74)  # Glorot uniform bounds
params = [
    tf.Variable(tf.random.uniform((64, 64), -limit1, limit1)),
    tf.Variable(tf.zeros(64)),
    tf.Variable(tf.random.uniform((64, 10), -limit2, limit2)),
    tf.Variable(tf.zeros(10)),
]
velocity = [tf.Variable(tf.zeros_like(p)) for p in params]  # SGD momentum buffers
step = tf.Variable(0.0)


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        logits = tf.nn.relu(xb @ params[0] + params[1]) @ params[2] + params[3]
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(yb, logits)
        loss = tf.reduce_mean(losses)
    lr = warmup_cosine(step)  # the rate for this step, computed in the graph
    for p, v, g in zip(params, velocity, tape.gradient(loss, params)):
        v.assign(0.9 * v + g)
        p.assign_sub(lr * v)
    step.assign_add(1.0)


data = tf.data.Dataset.from_tensor_slices((X_train, y_train))
for xb, yb in data.shuffle(len(X_train), seed=0).batch(64).repeat(5):
    train_step(xb, yb)
hidden = tf.nn.relu(X_test @ params[0] + params[1])
predicted = np.argmax(hidden @ params[2] + params[3], axis=1)
accuracy = float(np.mean(predicted == y_test))
print(f"trained {int(step)} steps with warm-up+cosine: test accuracy {accuracy:.3f}")
print(f"learning rate after the last step: {float(warmup_cosine(step)):.4f}")
# --8<-- [end:train]

# --- Self-checks: the run fails if the behaviour shown above changes ---------------
assert abs(table["step"][30] - LR / 2) < 1e-7 and abs(table["step"][29] - LR) < 1e-7
assert abs(table["warm-up"][0] - LR / 10) < 1e-7
assert abs(table["warm-up"][WARMUP] - LR) < 1e-7
assert int(step) == TOTAL and accuracy > 0.9
