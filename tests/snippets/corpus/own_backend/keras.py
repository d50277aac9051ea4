# Chooses its own Keras backend, so a run meant for another backend is not one.
import os

os.environ["KERAS_BACKEND"] = "jax"
import keras

print(f"backend: {keras.backend.backend()}")
print(keras.ops.convert_to_numpy(keras.ops.ones(2)).sum())
