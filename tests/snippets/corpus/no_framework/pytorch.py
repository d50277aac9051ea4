# Exits before its work: it prints a plausible first line, but never imports torch.
import sys

print("device: cpu")
if "--full" not in sys.argv:
    sys.exit(0)
import torch  # noqa: E402

print(torch.ones(2).sum().item())
