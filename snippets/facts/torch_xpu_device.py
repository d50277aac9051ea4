"""Fact intel-gpu: stock PyTorch knows the Intel GPU device type "xpu"."""

import torch

assert hasattr(torch, "xpu") and callable(torch.xpu.is_available), "torch.xpu is gone"
device = torch.device("xpu")
assert device.type == "xpu"
print("torch.device('xpu') exists; available on this machine:", torch.xpu.is_available())
