"""Train an MLP on the digits data with a hand-written PyTorch loop."""
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"device: {device.type}")
torch.manual_seed(0)

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)  # 1797 images of 8x8 pixels, values 0..16
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.25, random_state=0)
train = TensorDataset(torch.tensor(X_train, dtype=torch.float32), torch.tensor(y_train))
# A seeded generator makes the shuffling order reproducible.
loader = DataLoader(train, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
# --8<-- [end:data]

# --8<-- [start:model]
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
# CrossEntropyLoss applies log-softmax itself, so the model returns raw logits.
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
# --8<-- [end:model]

# --8<-- [start:train]
for epoch in range(1, 16):
    model.train()  # matters for dropout/batch norm; harmless here, but a good habit
    total = 0.0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        optimizer.zero_grad()  # gradients accumulate unless cleared
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    if epoch % 5 == 0:
        print(f"epoch {epoch}: loss {total / len(train):.3f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
model.eval()
with torch.inference_mode():  # no autograd bookkeeping while evaluating
    logits = model(torch.tensor(X_test, dtype=torch.float32, device=device))
    accuracy = (logits.argmax(dim=1).cpu() == torch.tensor(y_test)).float().mean().item()
print(f"test accuracy: {accuracy:.3f}")
# --8<-- [end:evaluate]

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert accuracy > 0.9
