"""Facts weights-file and model-file: what tf.train.Checkpoint and tf.saved_model.save write."""

import os
import shutil
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf


class Scale(tf.Module):
    def __init__(self) -> None:
        self.w = tf.Variable(2.0)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return x * self.w


folder = tempfile.mkdtemp()
module = Scale()
prefix = tf.train.Checkpoint(module=module).save(os.path.join(folder, "ckpt"))
assert os.path.exists(prefix + ".index"), os.listdir(folder)
tf.saved_model.save(module, os.path.join(folder, "sm"))
saved = sorted(os.listdir(os.path.join(folder, "sm")))
assert "saved_model.pb" in saved and "variables" in saved, saved
restored = tf.saved_model.load(os.path.join(folder, "sm"))
assert restored(tf.constant([3.0])).numpy().tolist() == [6.0]
shutil.rmtree(folder)
print("Checkpoint wrote .index/.data files; SavedModel directory:", ", ".join(saved))
