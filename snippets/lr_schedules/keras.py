# dlcompare: timeout = 600
"""Learning-rate schedules in Keras: step decay, cosine, warm-up then cosine."""
import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

print(f"backend: {keras.backend.backend()}")
keras.utils.set_random_seed(0)

LR, TOTAL, WARMUP = 0.1, 100, 10  # peak rate, optimizer steps, warm-up steps
schedules = keras.optimizers.schedules

# --8<-- [start:schedules]
# A Keras schedule is a function of the optimizer's step number.
step_decay = schedules.ExponentialDecay(
    LR, decay_steps=30, decay_rate=0.5, staircase=True
)  # halve every 30 steps
# The same steps as explicit values; a boundary is the last step of the old value.
piecewise = schedules.PiecewiseConstantDecay([29, 59, 89], [0.1, 0.05, 0.025, 0.0125])
cosine = schedules.CosineDecay(LR, decay_steps=TOTAL)  # from LR down to 0
# Linear warm-up from LR/10 to LR over WARMUP steps, then cosine over the rest.
warmup_cosine = schedules.CosineDecay(
    LR / 10, decay_steps=TOTAL - WARMUP, warmup_target=LR, warmup_steps=WARMUP
)


def rates(schedule):
    return [float(schedule(s)) for s in range(TOTAL)]


table = {"step": rates(step_decay), "cosine": rates(cosine),
         "warm-up": rates(warmup_cosine)}
print("step  step decay  cosine  warm-up+cosine")
for s in (0, 5, 10, 30, 50, 90, 99):
    print(f"{s:4}  {table['step'][s]:10.4f}  {table['cosine'][s]:6.4f}"
          f"  {table['warm-up'][s]:14.4f}")
# --8<-- [end:schedules]

# --8<-- [start:train]
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X / 16.0, y, train_size=1280, random_state=0
)  # 1280 images in batches of 64: 20 steps an epoch, 5 epochs = TOTAL steps
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10),
])
optimizer = keras.optimizers.SGD(learning_rate=warmup_cosine, momentum=0.9)
model.compile(
    optimizer=optimizer,
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(X_train, y_train, batch_size=64, epochs=5, verbose=0)
_, accuracy = model.evaluate(X_test, y_test, verbose=0)
steps = int(optimizer.iterations)
print(f"trained {steps} steps with warm-up+cosine: test accuracy {accuracy:.3f}")
print(f"learning rate after the last step: {float(optimizer.learning_rate):.4f}")
# --8<-- [end:train]

# --- Self-checks: the run fails if the behaviour shown above changes ---------------
assert np.allclose(table["step"], rates(piecewise))  # two spellings, one schedule
assert abs(table["warm-up"][0] - LR / 10) < 1e-7
assert abs(table["warm-up"][WARMUP] - LR) < 1e-7
assert steps == TOTAL and accuracy > 0.9
