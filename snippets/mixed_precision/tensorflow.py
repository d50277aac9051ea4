"""Mixed precision in TensorFlow: a Keras dtype policy inside a tf.GradientTape loop."""
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

tf.keras.utils.set_random_seed(0)
on_gpu = bool(tf.config.list_physical_devices("GPU"))
print(f"device: {'gpu' if on_gpu else 'cpu'}")

# --8<-- [start:data]
digits = load_digits()
dataset = (
    tf.data.Dataset.from_tensor_slices(
        ((digits.data / 16.0).astype("float32"), digits.target.astype("int32"))
    )
    .batch(128)
)
# --8<-- [end:data]

# --8<-- [start:model]
# In TensorFlow 2, mixed precision is a Keras layer policy, not an op-level autocast.
# bfloat16 suits CPUs and TPUs; float16 suits GPUs but needs loss scaling.
tf.keras.mixed_precision.set_global_policy("mixed_float16" if on_gpu else "mixed_bfloat16")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(64,)),
    tf.keras.layers.Dense(128, activation="relu"),
    # The output layer runs in float32: softmax/log-sum-exp in 16 bits rounds
    # small probabilities away and makes the loss noisy or infinite.
    tf.keras.layers.Dense(10, dtype="float32"),
])
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
if on_gpu:
    # Multiplies the loss before backprop so float16 gradients don't underflow.
    optimizer = tf.keras.mixed_precision.LossScaleOptimizer(optimizer)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
# --8<-- [end:model]

# --8<-- [start:train]
@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
        scaled = optimizer.scale_loss(loss) if on_gpu else loss
    grads = tape.gradient(scaled, model.trainable_variables)
    optimizer.apply(grads, model.trainable_variables)  # unscales when wrapped
    return loss

losses = []
for epoch in range(20):
    batch_losses = [float(train_step(x, y)) * len(y) for x, y in dataset]
    losses.append(sum(batch_losses) / len(digits.target))
# --8<-- [end:train]

# --8<-- [start:evaluate]
hidden = model.layers[0]
print(f"policy: {tf.keras.mixed_precision.global_policy().name}")
print(f"compute dtype: {hidden.compute_dtype}")
print(f"variable dtype: {hidden.variable_dtype}")
print(f"output dtype: {model.layers[-1].compute_dtype}")
print(f"loss scaling: {on_gpu}")
print(f"loss: first epoch {losses[0]:.2f}, last epoch {losses[-1]:.2f}")

logits = model(digits.data / 16.0)
accuracy = float(np.mean(np.argmax(logits, axis=1) == digits.target))
print(f"train accuracy: {accuracy:.3f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert hidden.compute_dtype in ("bfloat16", "float16")
assert hidden.kernel.dtype == tf.float32  # master weights stay full precision
assert logits.dtype == tf.float32
assert losses[-1] < losses[0]
assert accuracy > 0.9
# --8<-- [end:evaluate]
