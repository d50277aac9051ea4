"""Two ways to define the same Keras 3 model: keras.Sequential and a keras.Model subclass."""
import keras
import numpy as np
from keras import layers, ops

print(f"backend: {keras.backend.backend()}")
keras.utils.set_random_seed(0)

# --8<-- [start:sequential]
sequential = keras.Sequential([
    keras.Input(shape=(64,)),  # a known input shape lets Keras create weights now
    layers.Dense(32, activation="relu"),
    layers.Dense(10),
])
# --8<-- [end:sequential]


# --8<-- [start:subclass]
class MLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Layers assigned to attributes are tracked; their weights appear on first call.
        self.hidden = layers.Dense(32, activation="relu")
        self.out = layers.Dense(10)

    def call(self, x):
        return self.out(self.hidden(x))


subclassed = MLP()
# --8<-- [end:subclass]

# --8<-- [start:inspect]
x = keras.random.normal((5, 64), seed=1)
print("subclass built before first call:", subclassed.built)
for name, model in [("sequential", sequential), ("subclassed", subclassed)]:
    y = model(x)  # builds the subclass from the shape of x
    print(f"{name}: {model.count_params()} parameters, output {tuple(y.shape)}")
print("weight shapes:", [tuple(w.shape) for w in subclassed.weights])
# --8<-- [end:inspect]

# Same architecture and weight order, so the weights transfer one to one.
for target, source in zip(subclassed.weights, sequential.weights):
    target.assign(source.value)
outputs = [ops.convert_to_numpy(model(x)) for model in (sequential, subclassed)]
same = np.allclose(*outputs, atol=1e-6)
print(f"largest output gap after copying weights: {np.abs(outputs[0] - outputs[1]).max()}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert sequential.count_params() == subclassed.count_params() == 2410
assert same
