"""Fact default-execution: TensorFlow 2 runs eagerly; tf.function builds graphs on request."""

import tensorflow as tf

assert tf.executing_eagerly(), "TensorFlow no longer executes eagerly by default"
value = tf.constant(2.0) * 3.0
assert float(value.numpy()) == 6.0  # a concrete value right away, no session


@tf.function
def inside_graph():
    return tf.executing_eagerly()


assert not bool(inside_graph()), "tf.function no longer traces into a graph"
print("eager by default; tf.function runs as a graph")
