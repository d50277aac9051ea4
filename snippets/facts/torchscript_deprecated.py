"""Fact torchscript: torch.jit.script still works but warns that TorchScript is deprecated.

The fact has one variant per release: the pinned torch 2.13 warns with a
DeprecationWarning (hidden by Python's default filters outside __main__), the newest
releases with a FutureWarning (shown to every user). This program checks the variant
that matches the installed torch, so moving the pin makes it say which one to re-read.
"""

import warnings

import torch

PINNED = (2, 13)
installed = tuple(int(part) for part in torch.__version__.split("+")[0].split(".")[:2])
expected = DeprecationWarning if installed <= PINNED else FutureWarning


def double(x: torch.Tensor) -> torch.Tensor:
    return x * 2


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.script(double)

assert torch.equal(scripted(torch.ones(2)), torch.full((2,), 2.0))
about = [w for w in caught if "torch.jit.script" in str(w.message)]
assert about, "torch.jit.script no longer warns: TorchScript may be un-deprecated or gone"
category = about[0].category
assert category is expected, (
    f"torch {torch.__version__} warns with {category.__name__}, the fact's variant for this "
    f"release says {expected.__name__}; update the torchscript fact"
)
print(f"torch {torch.__version__}: torch.jit.script warns with {category.__name__}")
