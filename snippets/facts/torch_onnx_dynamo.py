"""Fact onnx-export: torch.onnx.export defaults to the dynamo-based exporter (dynamo=True)."""

import inspect

import torch

parameter = inspect.signature(torch.onnx.export).parameters.get("dynamo")
assert parameter is not None, "torch.onnx.export has no dynamo argument any more"
assert parameter.default is True, f"dynamo now defaults to {parameter.default!r}"
print("torch.onnx.export(dynamo=True) by default")
