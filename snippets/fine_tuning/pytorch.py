# dlcompare: timeout = 600
"""Fine-tune in PyTorch: pretrain on most digits, freeze, new head for odd/even."""
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"device: {device.type}")
torch.manual_seed(0)

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)
X = torch.tensor(X / 16.0, dtype=torch.float32)
y = torch.tensor(y)
# Pretraining task: which digit (10 classes), on 70 % of the images.
# New task on the other 30 %: odd or even, with only 100 labelled images.
old, rest = train_test_split(torch.arange(len(y)), test_size=0.3, random_state=0)
old_train, old_test = old[:1000], old[1000:]
new_train, new_test = rest[:100], rest[100:]


def loader(idx, labels, batch_size):
    data = TensorDataset(X[idx], labels[idx])
    return DataLoader(data, batch_size=batch_size, shuffle=True,
                      generator=torch.Generator().manual_seed(0))


def accuracy(model, idx, labels):
    model.eval()
    with torch.inference_mode():
        logits = model(X[idx].to(device))
    return (logits.argmax(1).cpu() == labels[idx]).float().mean().item()


def fit(model, optimizer, data, epochs):
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(epochs):
        model.train()
        for xb, yb in data:
            optimizer.zero_grad()
            loss_fn(model(xb.to(device)), yb.to(device)).backward()
            optimizer.step()


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
# --8<-- [end:data]


# --8<-- [start:pretrain]
features = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU())
model = nn.Sequential(features, nn.Linear(32, 10)).to(device)
fit(model, torch.optim.Adam(model.parameters(), lr=3e-3), loader(old_train, y, 64), 15)
print(f"pretrained on 10 digits: test accuracy {accuracy(model, old_test, y):.3f}")
print(f"trainable parameters: {trainable(model)}")
# --8<-- [end:pretrain]

# --8<-- [start:freeze]
for p in features.parameters():
    p.requires_grad = False  # no gradients are computed or stored for these
model[1] = nn.Linear(32, 2).to(device)  # a fresh head for the new labels
print(f"trainable after freezing and a new head: {trainable(model)}")
frozen = features[0].weight.detach().clone()

y_new = y % 2  # 0 even, 1 odd
head_only = torch.optim.Adam(model[1].parameters(), lr=1e-3)  # only the head
fit(model, head_only, loader(new_train, y_new, 100), 200)  # one batch an epoch
head_acc = accuracy(model, new_test, y_new)
print(f"new odd/even head, features frozen: accuracy {head_acc:.3f}")
drift = (features[0].weight - frozen).abs().max().item()
print(f"largest change in a frozen weight: {drift}")
# --8<-- [end:freeze]

# --8<-- [start:unfreeze]
for p in features.parameters():
    p.requires_grad = True
# Parameter groups: one optimizer, a smaller learning rate for the pretrained layers.
optimizer = torch.optim.Adam(
    [
        {"params": features.parameters(), "lr": 1e-4},
        {"params": model[1].parameters()},  # takes the default lr below
    ],
    lr=1e-3,
)
print(f"learning rates per group: {[g['lr'] for g in optimizer.param_groups]}")
fit(model, optimizer, loader(new_train, y_new, 100), 50)
full_acc = accuracy(model, new_test, y_new)
print(f"after unfreezing everything: accuracy {full_acc:.3f}")
# --8<-- [end:unfreeze]

# --- Self-checks: the run fails if the behaviour shown above changes ---------------
assert trainable(model) == 6306  # everything trains again
assert drift == 0.0  # frozen weights did not move while the head trained
assert head_acc > 0.75 and full_acc > 0.75
