"""Fact cpp-api: the torch wheel ships LibTorch's C++ headers; the tensorflow wheel ships the C API
header.
"""

import os
import pathlib

from torch.utils import cpp_extension

torch_headers = [pathlib.Path(p) / "torch" / "torch.h" for p in cpp_extension.include_paths()]
assert any(p.is_file() for p in torch_headers), "torch wheel no longer ships torch/torch.h"

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

include = pathlib.Path(tf.sysconfig.get_include())
assert (include / "tensorflow" / "c" / "c_api.h").is_file(), (
    "tensorflow wheel no longer ships c_api.h"
)
assert (include / "tensorflow" / "cc" / "client" / "client_session.h").is_file(), (
    "no C++ client_session.h"
)
print("torch/torch.h and tensorflow/c/c_api.h + tensorflow/cc headers found")
