"""Train an MLP on the digits data with Keras compile() and fit()."""
import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

print(f"backend: {keras.backend.backend()}")
keras.utils.set_random_seed(0)  # Python, NumPy and backend seeds in one call

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)  # 1797 images of 8x8 pixels, values 0..16
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.25, random_state=0)
# --8<-- [end:data]

# --8<-- [start:model]
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10),
])
# from_logits=True: the loss applies the softmax, the model outputs logits.
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
# --8<-- [end:model]

# --8<-- [start:train]
# fit() owns the loop: batching, shuffling, gradient steps and metric tracking.
history = model.fit(X_train, y_train, batch_size=64, epochs=15, verbose=0)
for epoch in range(5, 16, 5):
    print(f"epoch {epoch}: loss {history.history['loss'][epoch - 1]:.3f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
_, accuracy = model.evaluate(X_test, y_test, verbose=0)
print(f"test accuracy: {accuracy:.3f}")
# --8<-- [end:evaluate]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert accuracy > 0.9
