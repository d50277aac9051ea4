"""Fact quantization-migration: torch.ao.quantization warns and points users to torchao."""

import warnings

import torch
import torch.ao.quantization as legacy

model = torch.nn.Sequential(torch.nn.Linear(4, 2))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    legacy.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
messages = [str(w.message) for w in caught]
hit = [m for m in messages if "torch.ao.quantization is deprecated" in m]
assert hit, f"no deprecation warning from torch.ao.quantization: {messages[:2]}"
assert "torchao" in hit[0], hit[0]
print(hit[0].splitlines()[0])
