"""Graph compilation in TensorFlow: tf.function traces Python into a graph; jit_compile adds XLA."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.random.set_seed(0)

digits = load_digits()
x = tf.constant(digits.data[:256] / 16.0, tf.float32)
y = tf.constant(digits.target[:256])

# --8<-- [start:model]
rng = tf.random.Generator.from_seed(0)
w1, b1 = tf.Variable(rng.normal((64, 32)) * 0.2), tf.Variable(tf.zeros(32))
w2, b2 = tf.Variable(rng.normal((32, 10)) * 0.2), tf.Variable(tf.zeros(10))
params = [w1, b1, w2, b2]
traced_shapes = []


def loss_and_grads(x, y):
    # Plain Python runs only while tracing, so this records each new trace.
    traced_shapes.append(tuple(x.shape))
    with tf.GradientTape() as tape:
        logits = tf.nn.gelu(x @ w1 + b1) @ w2 + b2
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
    return loss, tape.gradient(loss, params)
# --8<-- [end:model]


# --8<-- [start:compile]
graph_fn = tf.function(loss_and_grads)  # traced into a TensorFlow graph
xla_fn = tf.function(loss_and_grads, jit_compile=True)  # the whole graph compiled by XLA
# --8<-- [end:compile]

# --8<-- [start:compare]
eager_loss, eager_grads = loss_and_grads(x, y)
traced_shapes.clear()  # forget the eager call; count traces only
results = {"tf.function": graph_fn(x, y), "jit_compile=True": xla_fn(x, y)}
for name, (loss, grads) in results.items():
    match = all(np.allclose(a, b, atol=1e-5) for a, b in zip(eager_grads, grads))
    gap = max(float(np.abs(a - b).max()) for a, b in zip(eager_grads, grads))
    print(f"{name}: loss {float(loss):.5f} (eager {float(eager_loss):.5f}), "
          f"largest gradient gap {gap:.0e}")
    assert np.isclose(float(loss), float(eager_loss), atol=1e-5) and match
# --8<-- [end:compare]

# --8<-- [start:retrace]
# Each new input shape makes a new trace; a shape seen before reuses its graph.
per_shape_fn = tf.function(loss_and_grads)
traced_shapes.clear()
for n in (256, 128, 128, 64):
    per_shape_fn(x[:n], y[:n])
print(f"plain tf.function: {per_shape_fn.experimental_get_tracing_count()} traces {traced_shapes}")
assert per_shape_fn.experimental_get_tracing_count() == 3

# An input signature with a None batch dimension gives one graph for every batch size.
general_fn = tf.function(
    loss_and_grads,
    input_signature=[tf.TensorSpec([None, 64], tf.float32), tf.TensorSpec([None], tf.int64)],
)
for n in (256, 128, 64):
    general_fn(x[:n], y[:n])
print(f"with input_signature: {general_fn.experimental_get_tracing_count()} trace, 3 batch sizes")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert general_fn.experimental_get_tracing_count() == 1
# --8<-- [end:retrace]
