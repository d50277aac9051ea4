"""Early stopping and TensorBoard logging in PyTorch: both written by hand in the loop."""
import copy
import os
import tempfile

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.tensorboard import SummaryWriter

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"device: {device}")

# --8<-- [start:data]
digits = load_digits()
x_train, x_val, y_train, y_val = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.3, random_state=0
)
x_train, x_val = (torch.tensor(a, dtype=torch.float32, device=device) for a in (x_train, x_val))
y_train, y_val = (torch.tensor(a, device=device) for a in (y_train, y_val))
# --8<-- [end:data]

# --8<-- [start:model]
# Oversized on purpose, with a high learning rate, so validation loss turns
# upward after a few epochs and early stopping has something to do.
model = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 10)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
# --8<-- [end:model]

# --8<-- [start:train]
patience, best_loss, best_epoch, waited = 3, float("inf"), 0, 0
with tempfile.TemporaryDirectory() as log_dir:
    # SummaryWriter lives in torch but writes through the tensorboard package.
    with SummaryWriter(log_dir) as writer:
        for epoch in range(1, 101):
            model.train()
            for batch in torch.randperm(len(x_train), device=device).split(64):
                loss = loss_fn(model(x_train[batch]), y_train[batch])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                val_loss = loss_fn(model(x_val), y_val).item()
            writer.add_scalar("loss/train", loss.item(), epoch)
            writer.add_scalar("loss/val", val_loss, epoch)

            if val_loss < best_loss:
                best_loss, best_epoch, waited = val_loss, epoch, 0
                # deepcopy: state_dict() returns live references to the weights.
                best_state = copy.deepcopy(model.state_dict())
            else:
                waited += 1
                if waited >= patience:
                    break
    model.load_state_dict(best_state)
    # --8<-- [end:train]

    # --8<-- [start:evaluate]
    # Event file names hold a timestamp and host name, so only count them.
    event_files = [f for f in os.listdir(log_dir) if f.startswith("events.out.tfevents")]
    logs = EventAccumulator(log_dir)
    logs.Reload()
    counts = {tag: len(logs.Scalars(tag)) for tag in logs.Tags()["scalars"]}

with torch.no_grad():
    restored_loss = loss_fn(model(x_val), y_val).item()
    accuracy = (model(x_val).argmax(dim=1) == y_val).float().mean().item()
print(f"stopped after epoch {epoch}, best epoch {best_epoch}")
print(f"best val loss {best_loss:.3f}, restored model val loss {restored_loss:.3f}")
print(f"val accuracy: {accuracy:.3f}")
print(f"event files: {len(event_files)}")
print(f"scalar events read back: {counts}")

# Self-checks (not the technique): the site's runner fails the example if one fails.
assert epoch < 100 and epoch == best_epoch + patience
assert abs(restored_loss - best_loss) < 1e-6
assert event_files and counts == {"loss/train": epoch, "loss/val": epoch}
assert accuracy > 0.9
# --8<-- [end:evaluate]
