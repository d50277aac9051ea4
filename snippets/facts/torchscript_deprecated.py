"""Fact torchscript: torch.jit.script still works but warns that TorchScript is deprecated."""

import warnings

import torch


def double(x: torch.Tensor) -> torch.Tensor:
    return x * 2


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.script(double)

assert torch.equal(scripted(torch.ones(2)), torch.full((2,), 2.0))
deprecations = [w for w in caught if issubclass(w.category, (DeprecationWarning, FutureWarning))]
assert deprecations, "torch.jit.script no longer warns: TorchScript may be un-deprecated or gone"
print("torch.jit.script warns:", str(deprecations[0].message).splitlines()[0][:100])
