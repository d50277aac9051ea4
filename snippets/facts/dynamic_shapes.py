"""Fact dynamic-shapes: a dynamic batch in torch.export and a None dimension in tf.function."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf
import torch
import torch._dynamo

assert torch._dynamo.config.automatic_dynamic_shapes, "torch.compile no longer marks dims dynamic"

model = torch.nn.Linear(3, 1).eval()
batch = torch.export.Dim("batch", min=2)
program = torch.export.export(model, (torch.randn(4, 3),), dynamic_shapes=({0: batch},))
for size in (2, 9):
    assert program.module()(torch.randn(size, 3)).shape == (size, 1)

traces = []


@tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
def double(x: tf.Tensor) -> tf.Tensor:
    traces.append(1)
    return x * 2.0


for size in (2, 9):
    double(tf.ones([size, 3]))
assert len(traces) == 1, f"tf.function traced {len(traces)} times"
print("torch.export ran batches 2 and 9 from one program; tf.function traced once for both")
