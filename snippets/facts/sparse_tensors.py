"""Fact sparse-tensors: torch sparse layouts, tf.sparse.SparseTensor, Keras sparse inputs on JAX."""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import tensorflow as tf
import torch

dense = torch.tensor([[0.0, 1.0], [2.0, 0.0]])
for layout in ("to_sparse_coo", "to_sparse_csr", "to_sparse_csc"):
    assert torch.equal(getattr(dense, layout)().to_dense(), dense), layout
st = tf.sparse.SparseTensor(indices=[[0, 1], [1, 0]], values=[1.0, 2.0], dense_shape=[2, 2])
assert tf.sparse.to_dense(st).numpy().tolist() == dense.tolist()
inp = keras.Input(shape=(2,), sparse=True)
assert inp.sparse, "Keras on JAX no longer accepts sparse inputs"
print("torch COO/CSR/CSC, tf.sparse.SparseTensor and keras.Input(sparse=True) on JAX all work")
