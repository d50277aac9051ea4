"""The same model defined with tf.keras.Sequential and as a tf.Module subclass."""
import numpy as np
import tensorflow as tf

print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.keras.utils.set_random_seed(0)  # tf.random.set_seed alone would not seed Keras initializers

# --8<-- [start:sequential]
# Since TF 2.16, tf.keras is Keras 3 (running on the TensorFlow backend).
sequential = tf.keras.Sequential([
    tf.keras.Input(shape=(64,)),  # a known input shape lets Keras create weights now
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(10),
])
# --8<-- [end:sequential]


# --8<-- [start:subclass]
class Dense(tf.Module):
    def __init__(self, n_in, n_out, rng, name=None):
        super().__init__(name=name)
        # Variables assigned to attributes are tracked by tf.Module.
        self.w = tf.Variable(rng.normal((n_in, n_out), stddev=n_in**-0.5), name="w")
        self.b = tf.Variable(tf.zeros(n_out), name="b")

    def __call__(self, x):
        return x @ self.w + self.b


class MLP(tf.Module):
    def __init__(self, rng, name=None):
        super().__init__(name=name)
        self.hidden = Dense(64, 32, rng)
        self.out = Dense(32, 10, rng)

    def __call__(self, x):
        return self.out(tf.nn.relu(self.hidden(x)))


subclassed = MLP(tf.random.Generator.from_seed(0))
# --8<-- [end:subclass]


# --8<-- [start:inspect]
def count_params(variables):
    return int(sum(np.prod(v.shape) for v in variables))


x = tf.random.normal((5, 64))
for name, model in [("sequential", sequential), ("subclassed", subclassed)]:
    n = count_params(model.trainable_variables)
    print(f"{name}: {n} parameters, output {tuple(model(x).shape)}")
# tf.Module walks attributes in sorted name order, hence b before w.
print("variable shapes:", [tuple(v.shape) for v in subclassed.trainable_variables])
# --8<-- [end:inspect]

# Same architecture: copy the Keras weights into the module layer by layer.
for dense, layer in zip([subclassed.hidden, subclassed.out], sequential.layers):
    dense.w.assign(layer.kernel)
    dense.b.assign(layer.bias)
same = np.allclose(sequential(x), subclassed(x), atol=1e-6)
gap = float(np.abs(sequential(x) - subclassed(x)).max())
print(f"largest output gap after copying weights: {gap}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert sequential.count_params() == count_params(subclassed.trainable_variables) == 2410
assert same
