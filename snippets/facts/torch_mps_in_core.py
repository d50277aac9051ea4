"""Fact apple-gpu-maintained: the Apple-GPU (mps) backend is part of PyTorch itself."""

import torch

assert hasattr(torch.backends, "mps") and callable(torch.backends.mps.is_built)
assert torch.device("mps").type == "mps"
assert hasattr(torch, "mps") and callable(torch.mps.synchronize), "torch.mps module is gone"
print(
    "torch.backends.mps and torch.mps ship in the core wheel; built into this Linux wheel:",
    torch.backends.mps.is_built(),
)
