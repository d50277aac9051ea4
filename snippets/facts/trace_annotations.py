"""Fact trace-annotation: each framework can label a code range so it shows up in a trace."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import jax
import tensorflow as tf
import torch
from torch.profiler import ProfilerActivity, profile, record_function

with profile(activities=[ProfilerActivity.CPU]) as prof, record_function("dlcompare_block"):
    torch.ones(8) * 2
names = {event.key for event in prof.key_averages()}
assert "dlcompare_block" in names, "record_function label missing from the torch trace"
assert hasattr(tf.profiler.experimental, "Trace"), "tf.profiler.experimental.Trace is gone"
with tf.profiler.experimental.Trace("dlcompare_block"):
    tf.ones(8) * 2
assert hasattr(jax.profiler, "TraceAnnotation"), "jax.profiler.TraceAnnotation is gone"
print("torch record_function, tf.profiler.experimental.Trace, jax.profiler.TraceAnnotation")
