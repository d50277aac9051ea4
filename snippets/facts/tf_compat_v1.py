"""Fact tf-compat-v1: TensorFlow 2 still ships the 1.x API under tf.compat.v1."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf

v1 = tf.compat.v1
for name in ("Session", "placeholder", "disable_eager_execution", "global_variables_initializer"):
    assert hasattr(v1, name), f"tf.compat.v1.{name} is gone"
graph = tf.Graph()
with graph.as_default():
    x = v1.placeholder(tf.float32, shape=(None,))
    y = x * 2.0
with v1.Session(graph=graph) as session:
    result = session.run(y, feed_dict={x: [1.0, 2.0]})
assert list(result) == [2.0, 4.0]
print(f"tf.compat.v1.Session ran a placeholder graph in TensorFlow {tf.__version__}")
