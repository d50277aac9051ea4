"""Facts savedmodel-files: what tf.train.Checkpoint and tf.saved_model.save write, and reload."""

import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf


class Scale(tf.Module):
    def __init__(self) -> None:
        self.w = tf.Variable(2.0)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return x * self.w


folder = Path(tempfile.mkdtemp())
module = Scale()
prefix = tf.train.Checkpoint(module=module).save(str(folder / "ckpt"))
assert Path(prefix + ".index").exists(), sorted(p.name for p in folder.iterdir())
tf.saved_model.save(module, str(folder / "sm"))
saved = sorted(p.name for p in (folder / "sm").iterdir())
assert "saved_model.pb" in saved and "variables" in saved, saved
restored = tf.saved_model.load(str(folder / "sm"))
assert restored(tf.constant([3.0])).numpy().tolist() == [6.0]
shutil.rmtree(folder)
print("Checkpoint wrote .index/.data files; SavedModel directory:", ", ".join(saved))
