"""Debugging a NaN in TensorFlow: check_numerics on the loss, then on every op."""
import tensorflow as tf
from sklearn.datasets import load_digits

tf.keras.utils.set_random_seed(0)
print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")

# --8<-- [start:data]
# Two classic mistakes together: pixels left at 0..16 instead of 0..1, and a
# learning rate far too high for them.
digits = load_digits()
x = tf.constant(digits.data, dtype=tf.float32)
y = tf.constant(digits.target, dtype=tf.int32)
# --8<-- [end:data]

# --8<-- [start:model]
model = tf.keras.Sequential([
    tf.keras.Input(shape=(64,)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(10),
])
optimizer = tf.keras.optimizers.SGD(learning_rate=1.0)


def naive_cross_entropy(logits, labels):
    # The third mistake: softmax then log. Once logits are large, softmax
    # rounds a probability to exactly 0 and log(0) is -inf.
    probs = tf.nn.softmax(logits)
    return -tf.reduce_mean(tf.math.log(tf.gather(probs, labels, batch_dims=1)))


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = naive_cross_entropy(model(xb, training=True), yb)
        # Raises InvalidArgumentError on inf or NaN, before the update is
        # applied. It returns its input, so use the result to keep it in the graph.
        loss = tf.debugging.check_numerics(loss, message="loss")
    optimizer.apply(tape.gradient(loss, model.trainable_variables), model.trainable_variables)
    return loss
# --8<-- [end:model]

# --8<-- [start:train]
found_in_loop = None
for step in range(len(digits.target) // 64):
    xb, yb = x[step * 64:(step + 1) * 64], y[step * 64:(step + 1) * 64]
    try:
        train_step(xb, yb)
    except tf.errors.InvalidArgumentError as error:
        # The message names the node and the Python lines that built it;
        # the line with our tag says what was found.
        found_in_loop = next(line for line in error.message.splitlines() if "Tensor had" in line)
        print(f"step {step}: {found_in_loop}")
        break
# --8<-- [end:train]

# --8<-- [start:debug]
# enable_check_numerics instruments every op (eager and inside tf.function)
# and names the first one whose output is not finite. Slow: use it to replay.
tf.debugging.enable_check_numerics()
try:
    naive_cross_entropy(model(xb), yb)
    found = "nothing"
except tf.errors.InvalidArgumentError as error:
    # The full message also holds the op's inputs and the Python stack.
    found = next(line for line in error.message.splitlines() if "Detected" in line)
tf.debugging.disable_check_numerics()
print(f"check_numerics: {found.strip(' !')}")

# The fix: a loss that takes logits and computes log-softmax in one stable op.
fixed_loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yb, logits=model(xb))
)
print(f"logits-based loss on the same batch: {float(fixed_loss):.3f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert found_in_loop and found_in_loop.startswith("loss")
assert '"Log"' in found
assert tf.math.is_finite(fixed_loss)
# --8<-- [end:debug]
