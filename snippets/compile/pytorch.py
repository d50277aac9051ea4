# dlcompare: timeout = 300
"""Graph compilation in PyTorch: torch.compile = TorchDynamo capture + Inductor code generation."""

import os
import tempfile

import torch
from sklearn.datasets import load_digits
from torch import nn

device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"device: {device}")
torch.manual_seed(0)

digits = load_digits()
x = torch.tensor(digits.data[:256] / 16.0, dtype=torch.float32, device=device)
y = torch.tensor(digits.target[:256], device=device)

# --8<-- [start:model]
model = nn.Sequential(nn.Linear(64, 32), nn.GELU(), nn.Linear(32, 10)).to(device)


def loss_fn(model, x, y):
    return nn.functional.cross_entropy(model(x), y)
# --8<-- [end:model]


with tempfile.TemporaryDirectory() as cache:
    # Inductor keeps generated code in an on-disk cache (by default in the system
    # temp folder); pointing it here leaves nothing behind and forces a cold compile.
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache

    # --8<-- [start:compile]
    # The compiled module shares its parameters with the original; nothing is copied.
    # fullgraph=True turns any graph break (Python dynamo cannot capture) into an error.
    compiled = torch.compile(model, fullgraph=True)
    # --8<-- [end:compile]

    # --8<-- [start:compare]
    eager_loss = loss_fn(model, x, y)
    eager_grads = torch.autograd.grad(eager_loss, list(model.parameters()))
    # Nothing happens until the first call: then the forward and backward graphs are
    # captured and compiled (slow: on CPU a C++ compiler runs). Later calls with
    # the same shapes and dtypes pass the guards and reuse the compiled code.
    compiled_loss = loss_fn(compiled, x, y)
    compiled_grads = torch.autograd.grad(compiled_loss, list(model.parameters()))
    # --8<-- [end:compare]

print(f"eager loss:    {eager_loss.item():.5f}")
print(f"compiled loss: {compiled_loss.item():.5f}")
# Fused kernels may round differently, so compare with a tolerance.
grads_match = all(torch.allclose(a, b, atol=1e-5) for a, b in zip(eager_grads, compiled_grads))
gap = max((a - b).abs().max().item() for a, b in zip(eager_grads, compiled_grads))
print(f"largest gradient gap to eager: {gap:.0e}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert torch.allclose(eager_loss, compiled_loss, atol=1e-5) and grads_match
