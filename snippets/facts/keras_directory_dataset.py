"""Fact directory-dataset: image_dataset_from_directory returns tf.data or Grain datasets."""

import inspect
import os

os.environ["KERAS_BACKEND"] = "jax"
import keras

params = inspect.signature(keras.utils.image_dataset_from_directory).parameters
assert "format" in params, "image_dataset_from_directory lost its format argument"
assert params["format"].default == "tf", f"default format is now {params['format'].default!r}"
print("keras.utils.image_dataset_from_directory(format='tf' | 'grain')")
