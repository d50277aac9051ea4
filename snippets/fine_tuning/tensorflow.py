# dlcompare: timeout = 600
"""Fine-tune in TensorFlow: train only the tf.Variables you pass to the tape."""
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# tf.keras is Keras 3 (TensorFlow 2.16+): tf.keras users write the Keras program,
# with `layer.trainable = False`. This one uses TensorFlow's own variables.
print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.random.set_seed(0)

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")
# Pretraining task: which digit (10 classes), on 70 % of the images.
# New task on the other 30 %: odd or even, with only 100 labelled images.
old, rest = train_test_split(np.arange(len(y)), test_size=0.3, random_state=0)
old_train, old_test = old[:1000], old[1000:]
new_train, new_test = rest[:100], rest[100:]


class Dense(tf.Module):
    def __init__(self, n_in, n_out, relu=True):
        limit = np.sqrt(6 / (n_in + n_out))  # Glorot uniform, as Keras does
        self.w = tf.Variable(tf.random.uniform((n_in, n_out), -limit, limit))
        self.b = tf.Variable(tf.zeros(n_out))
        self.relu = relu

    def __call__(self, x):
        x = x @ self.w + self.b
        return tf.nn.relu(x) if self.relu else x


def count(variables):
    return sum(int(np.prod(v.shape)) for v in variables)


def fit(layers, variables, lr, idx, labels, epochs, batch_size):
    """Adam on `variables` only; every other variable is left as it is."""
    opt = tf.keras.optimizers.Adam(learning_rate=lr)  # the optimizers live in Keras

    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            logits = run(layers, xb)
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(yb, logits)
            )
        opt.apply_gradients(zip(tape.gradient(loss, variables), variables))

    data = tf.data.Dataset.from_tensor_slices((X[idx], labels[idx]))
    for xb, yb in data.shuffle(len(idx), seed=0).batch(batch_size).repeat(epochs):
        step(xb, yb)


def run(layers, x):
    for layer in layers:
        x = layer(x)
    return x


def accuracy(layers, idx, labels):
    return float(np.mean(np.argmax(run(layers, X[idx]), axis=1) == labels[idx]))
# --8<-- [end:data]


# --8<-- [start:pretrain]
features = [Dense(64, 64), Dense(64, 32)]
model = [*features, Dense(32, 10, relu=False)]
every = [v for layer in model for v in layer.trainable_variables]
fit(model, every, 3e-3, old_train, y, 15, 64)
print(f"pretrained on 10 digits: test accuracy {accuracy(model, old_test, y):.3f}")
print(f"trainable parameters: {count(every)}")
# --8<-- [end:pretrain]

# --8<-- [start:freeze]
head = Dense(32, 2, relu=False)  # a fresh head
model = [*features, head]
# Freezing is a choice of variables: only the head's reach the tape and optimizer.
print(f"trainable after freezing and a new head: {count(head.trainable_variables)}")
frozen = features[0].w.numpy().copy()

y_new = y % 2  # 0 even, 1 odd
fit(model, head.trainable_variables, 1e-3, new_train, y_new, 200, 100)
head_acc = accuracy(model, new_test, y_new)
print(f"new odd/even head, features frozen: accuracy {head_acc:.3f}")
drift = float(np.abs(features[0].w.numpy() - frozen).max())
print(f"largest change in a frozen weight: {drift}")
# --8<-- [end:freeze]

# --8<-- [start:unfreeze]
feature_vars = [v for layer in features for v in layer.trainable_variables]
unfrozen = feature_vars + list(head.trainable_variables)
fit(model, unfrozen, 1e-4, new_train, y_new, 50, 100)
full_acc = accuracy(model, new_test, y_new)
print(f"after unfreezing everything: accuracy {full_acc:.3f}")
# --8<-- [end:unfreeze]

# --- Self-checks: the run fails if the behaviour shown above changes ---------------
assert count(feature_vars) + count(head.trainable_variables) == 6306
assert drift == 0.0  # frozen weights did not move while the head trained
assert head_acc > 0.75 and full_acc > 0.75
