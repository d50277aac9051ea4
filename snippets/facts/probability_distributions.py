"""Fact probability-distributions: torch ships torch.distributions; Keras 3 has samplers but no
distributions module.
"""

import math
import os

os.environ["KERAS_BACKEND"] = "jax"
import keras
import torch

normal = torch.distributions.Normal(0.0, 1.0)
log_prob = float(normal.log_prob(torch.tensor(0.0)))
assert math.isclose(log_prob, -0.5 * math.log(2 * math.pi), rel_tol=1e-6), "Normal.log_prob changed"
assert not hasattr(keras, "distributions"), "Keras gained a distributions module"
assert hasattr(keras.random, "normal"), "keras.random lost normal()"
print(f"torch Normal(0,1).log_prob(0) = {log_prob:.6f}; keras has keras.random samplers only")
