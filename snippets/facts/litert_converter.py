"""Fact litert-conversion: TensorFlow 2.21 converts to .tflite and ai-edge-litert runs it."""

import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter


@tf.function(input_signature=[tf.TensorSpec([1, 3], tf.float32)])
def affine(x):
    return x * 2.0 + 1.0


converter = tf.lite.TFLiteConverter.from_concrete_functions([affine.get_concrete_function()])
flatbuffer = converter.convert()
interpreter = Interpreter(model_content=flatbuffer)
interpreter.allocate_tensors()
inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
interpreter.set_tensor(inp["index"], np.array([[1.0, 2.0, 3.0]], dtype=np.float32))
interpreter.invoke()
result = interpreter.get_tensor(out["index"])
assert np.allclose(result, [[3.0, 5.0, 7.0]]), result
print(f"TFLiteConverter wrote {len(flatbuffer)} bytes; ai-edge-litert ran it")
