"""dlcompare: an executable, sourced comparison of TensorFlow, PyTorch and Keras."""

__version__ = "0.1.0"
