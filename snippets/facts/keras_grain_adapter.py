"""Fact grain-support: Keras's fit() has a data adapter for Grain datasets."""

import importlib.util
import os

os.environ["KERAS_BACKEND"] = "jax"
import keras

spec = importlib.util.find_spec("keras.src.trainers.data_adapters.grain_dataset_adapter")
assert spec is not None, "Keras no longer has a Grain data adapter"
source = spec.loader.get_source(spec.name) if spec.loader else ""
assert "class GrainDatasetAdapter" in (source or ""), "GrainDatasetAdapter class is gone"
print("Keras", keras.__version__, "has GrainDatasetAdapter")
