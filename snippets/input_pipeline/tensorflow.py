"""Input pipeline in TensorFlow: a tf.data chain of slice, shuffle, map, batch, prefetch."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.random.set_seed(0)

# --8<-- [start:data]
digits = load_digits()
n = len(digits.target)


def prepare(pixels, label, index):
    # Runs inside the pipeline's graph, the counterpart of Dataset.__getitem__.
    image = tf.reshape(tf.cast(pixels, tf.float32) / 16.0, (8, 8, 1))
    return image, label, index


dataset = (
    # The index rides along only so the program can check coverage below.
    tf.data.Dataset.from_tensor_slices((digits.data, digits.target, np.arange(n)))
    # A buffer as large as the data gives a full shuffle; the seed fixes the
    # order, and a new order is drawn on every pass over the dataset.
    .shuffle(buffer_size=n, seed=0, reshuffle_each_iteration=True)
    .map(prepare, num_parallel_calls=tf.data.AUTOTUNE)
    .batch(64)
    # Prepare the next batches while the current one is being consumed.
    .prefetch(tf.data.AUTOTUNE)
)
# --8<-- [end:data]

# --8<-- [start:consume]
orders = []
for epoch in range(2):
    seen = []
    for images, labels, index in dataset:
        seen.extend(index.numpy().tolist())
    orders.append(seen)
    print(f"epoch {epoch + 1}: {len(seen)} examples, first ids {seen[:4]}")
# --8<-- [end:consume]

images, labels, _ = next(iter(dataset))
print(f"examples: {n}, batches per epoch: {int(dataset.cardinality())}")
print(f"batch: images {tuple(images.shape)} {images.dtype.name}, labels {tuple(labels.shape)}")
print(f"element spec: {dataset.element_spec[0]}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
# Every example appears exactly once per epoch, and each epoch is reshuffled.
assert all(sorted(order) == list(range(n)) for order in orders)
assert orders[0] != orders[1]
