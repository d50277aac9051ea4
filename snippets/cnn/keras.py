"""A small CNN on the 8x8 digits in Keras 3: channels-last (NHWC) on every backend."""

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

print(f"backend: {keras.backend.backend()}")
keras.utils.set_random_seed(0)

# --8<-- [start:data]
digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    digits.images / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
)
# Keras keeps one layout whatever the backend; with torch it transposes internally.
x_train, x_test = x_train[..., None].astype("float32"), x_test[..., None].astype("float32")
print(f"input layout: {x_train.shape[1:]} (H, W, C), {keras.config.image_data_format()}")
# --8<-- [end:data]

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),  # 8x8 -> 4x4
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.Flatten(),  # Keras infers the flattened size itself
        keras.layers.Dense(10),
    ]
)
print(f"first conv kernel: {tuple(model.layers[0].kernel.shape)} (kh, kw, in, out)")
print(f"parameters: {model.count_params()}")
# --8<-- [end:model]

# --8<-- [start:train]
model.compile(
    optimizer=keras.optimizers.Adam(3e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(x_train, y_train, batch_size=64, epochs=8, verbose=0)
# --8<-- [end:train]

# --8<-- [start:evaluate]
_, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {accuracy:.3f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert accuracy > 0.9
# --8<-- [end:evaluate]
