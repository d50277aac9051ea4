"""A small CNN on the 8x8 digits in TensorFlow: images are laid out channels-last (NHWC)."""

import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.random.set_seed(0)

# --8<-- [start:data]
digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    digits.images / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
)
# TensorFlow's convolutions default to (batch, height, width, channels).
x_train, x_test = (tf.constant(x[..., None], tf.float32) for x in (x_train, x_test))
train = tf.data.Dataset.from_tensor_slices((x_train, y_train))
train = train.shuffle(len(y_train), seed=0).batch(64)
print(f"input batch layout: {tuple(next(iter(train))[0].shape)} (N, H, W, C)")
# --8<-- [end:data]


# --8<-- [start:model]
class SmallCNN(tf.Module):
    """Built from tf.nn ops and tf.Variables, without Keras layers."""

    def __init__(self, seed=0):
        rng = tf.random.Generator.from_seed(seed)

        def he(shape, fan_in):
            return tf.Variable(rng.normal(shape) * (2.0 / fan_in) ** 0.5)

        # Kernels are (kh, kw, in, out): the transpose of PyTorch's order.
        self.k1, self.b1 = he((3, 3, 1, 16), 9), tf.Variable(tf.zeros(16))
        self.k2, self.b2 = he((3, 3, 16, 32), 144), tf.Variable(tf.zeros(32))
        self.w, self.b = he((4 * 4 * 32, 10), 512), tf.Variable(tf.zeros(10))

    def __call__(self, x):
        x = tf.nn.relu(tf.nn.conv2d(x, self.k1, strides=1, padding="SAME") + self.b1)
        x = tf.nn.max_pool2d(x, ksize=2, strides=2, padding="VALID")  # 8x8 -> 4x4
        x = tf.nn.relu(tf.nn.conv2d(x, self.k2, strides=1, padding="SAME") + self.b2)
        return tf.reshape(x, (-1, 4 * 4 * 32)) @ self.w + self.b


model = SmallCNN()
print(f"first conv kernel: {tuple(model.k1.shape)} (kh, kw, in, out)")
print(f"parameters: {sum(int(tf.size(v)) for v in model.trainable_variables)}")
# --8<-- [end:model]


# --8<-- [start:train]
@tf.function  # traced once into a graph, then reused for every batch
def train_step(images, labels, learning_rate=0.1):
    with tf.GradientTape() as tape:
        logits = model(images)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))
    grads = tape.gradient(loss, model.trainable_variables)
    for variable, grad in zip(model.trainable_variables, grads):
        variable.assign_sub(learning_rate * grad)  # plain SGD; TF's optimizers now live in Keras
    return loss


for epoch in range(8):
    for images, labels in train:
        train_step(images, labels)
# --8<-- [end:train]

# --8<-- [start:evaluate]
predictions = tf.argmax(model(x_test), axis=1)
accuracy = float(tf.reduce_mean(tf.cast(predictions == y_test, tf.float32)))
print(f"test accuracy: {accuracy:.3f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert accuracy > 0.9
# --8<-- [end:evaluate]
