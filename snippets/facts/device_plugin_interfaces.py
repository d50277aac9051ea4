"""Fact device-plugins: out-of-tree accelerator hooks (PyTorch PrivateUse1, TF PluggableDevice)."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf
import torch
from tensorflow.python.framework import load_library
from torch.utils.backend_registration import rename_privateuse1_backend

assert callable(rename_privateuse1_backend)
assert torch._C._get_privateuse1_backend_name() == "privateuseone"
assert callable(load_library.load_pluggable_device_library), "TF PluggableDevice loader is gone"
assert tf.__version__.startswith("2.")
print("torch PrivateUse1 backend slot and tf load_pluggable_device_library are present")
