"""Export in TensorFlow: a SavedModel with a serving signature, converted to LiteRT."""

import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter
from sklearn.datasets import load_digits

print(f"device: {'gpu' if tf.config.list_physical_devices('GPU') else 'cpu'}")
tf.random.set_seed(0)

digits = load_digits()
x = (digits.data / 16.0).astype(np.float32)
y = digits.target


# --8<-- [start:model]
class Classifier(tf.Module):
    def __init__(self, seed=0):
        rng = tf.random.Generator.from_seed(seed)
        self.w1 = tf.Variable(rng.normal((64, 32)) * 0.2)
        self.b1 = tf.Variable(tf.zeros(32))
        self.w2 = tf.Variable(rng.normal((32, 10)) * 0.2)
        self.b2 = tf.Variable(tf.zeros(10))

    def __call__(self, x):
        return tf.nn.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2

    # The serving function fixes names, dtypes and shapes (None = any batch size)
    # for whoever calls the model later, from Python, C++ or TF Serving.
    @tf.function(input_signature=[tf.TensorSpec([None, 64], tf.float32, name="pixels")])
    def serve(self, pixels):
        return {"logits": self(pixels)}


model = Classifier()
for step in range(100):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, model(x)))
    for v, g in zip(model.trainable_variables, tape.gradient(loss, model.trainable_variables)):
        v.assign_sub(0.5 * g)
expected = model(x).numpy()
# --8<-- [end:model]

with tempfile.TemporaryDirectory() as tmp:
    # --8<-- [start:export]
    saved_dir = str(Path(tmp) / "saved_model")
    tf.saved_model.save(model, saved_dir, signatures={"serving_default": model.serve})
    serving = tf.saved_model.load(saved_dir).signatures["serving_default"]
    print(f"serving inputs: {serving.structured_input_signature[1]}")
    saved_out = serving(pixels=tf.constant(x))["logits"].numpy()
    # --8<-- [end:export]

    # --8<-- [start:litert]
    # The converter still lives in TensorFlow; the runtime is the separate
    # ai-edge-litert package (tf.lite.Interpreter is deprecated).
    flatbuffer = tf.lite.TFLiteConverter.from_saved_model(saved_dir).convert()
    tflite_path = Path(tmp) / "model.tflite"
    tflite_path.write_bytes(flatbuffer)
    interpreter = Interpreter(model_path=str(tflite_path))
    runner = interpreter.get_signature_runner("serving_default")
    print(f"LiteRT signature: {interpreter.get_signature_list()}")
    litert_out = runner(pixels=x)["logits"]
    # --8<-- [end:litert]

# --8<-- [start:check]
# Other runtimes may order float operations differently: compare with a tolerance.
print(f"largest output gap, SavedModel: {np.abs(saved_out - expected).max():.0e}")
print(f"largest output gap, LiteRT: {np.abs(litert_out - expected).max():.0e}")
agree = int((litert_out.argmax(1) == expected.argmax(1)).sum())
print(f"LiteRT predicts the same class for {agree} of {len(expected)} inputs")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert np.allclose(saved_out, expected, atol=1e-5)
assert np.allclose(litert_out, expected, atol=1e-5)
assert (litert_out.argmax(1) == expected.argmax(1)).all()
# --8<-- [end:check]
