"""Mixed precision in PyTorch: torch.autocast, plus GradScaler for float16 on CUDA."""
import torch
from sklearn.datasets import load_digits
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"device: {device}")

# --8<-- [start:data]
digits = load_digits()
x = torch.tensor(digits.data / 16.0, dtype=torch.float32, device=device)
y = torch.tensor(digits.target, dtype=torch.long, device=device)
# --8<-- [end:data]

# --8<-- [start:model]
# bfloat16 is the usual 16-bit type on CPUs, float16 the classic one on CUDA.
# bfloat16 keeps float32's exponent range, so it needs no loss scaling; float16
# does, or small gradients underflow to zero.
amp_dtype = torch.float16 if device == "cuda" else torch.bfloat16
scaler = torch.amp.GradScaler(device, enabled=amp_dtype == torch.float16)

model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
# --8<-- [end:model]

# --8<-- [start:train]
losses = []
for epoch in range(20):
    epoch_loss = 0.0
    for start in range(0, len(x), 128):
        xb, yb = x[start:start + 128], y[start:start + 128]
        with torch.autocast(device_type=device, dtype=amp_dtype):
            logits = model(xb)
        # Softmax and log sum exp lose accuracy in 16 bits, so the loss is
        # computed in float32. Autocast would do this for cross_entropy anyway;
        # the explicit cast keeps it true for any loss you swap in.
        loss = nn.functional.cross_entropy(logits.float(), yb)
        optimizer.zero_grad()
        scaler.scale(loss).backward()  # a no-op pass-through when disabled
        scaler.step(optimizer)
        scaler.update()
        epoch_loss += loss.item() * len(xb)
    losses.append(epoch_loss / len(x))
# --8<-- [end:train]

# --8<-- [start:evaluate]
print(f"compute dtype: {logits.dtype}")
print(f"variable dtype: {model[0].weight.dtype}")
print(f"loss dtype: {loss.dtype}")
print(f"grad scaling: {scaler.is_enabled()}")
print(f"loss: first epoch {losses[0]:.2f}, last epoch {losses[-1]:.2f}")

with torch.no_grad(), torch.autocast(device_type=device, dtype=amp_dtype):
    accuracy = (model(x).argmax(dim=1) == y).float().mean().item()
print(f"train accuracy: {accuracy:.3f}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert logits.dtype == amp_dtype
assert model[0].weight.dtype == torch.float32  # master weights stay full precision
assert losses[-1] < losses[0]
assert accuracy > 0.9
# --8<-- [end:evaluate]
