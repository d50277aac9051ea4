"""Input pipeline in PyTorch: a map-style Dataset fed through a DataLoader."""

import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset

device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"device: {device}")
torch.manual_seed(0)


# --8<-- [start:data]
class Digits(Dataset):
    """Returns one example per index; batching and shuffling belong to the loader."""

    def __init__(self):
        digits = load_digits()
        self.pixels = torch.tensor(digits.data, dtype=torch.float32)
        self.labels = torch.tensor(digits.target)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        # Per-example work lives here, the counterpart of tf.data's map().
        image = (self.pixels[i] / 16.0).reshape(1, 8, 8)
        # The index rides along only so the program can check coverage below.
        return image, self.labels[i], i


dataset = Digits()
# A dedicated generator makes the shuffle order reproducible without relying
# on the global seed; workers > 0 would run __getitem__ in subprocesses.
loader = DataLoader(
    dataset,
    batch_size=64,
    shuffle=True,
    generator=torch.Generator().manual_seed(0),
    num_workers=0,
    pin_memory=device == "cuda",
)
# --8<-- [end:data]

# --8<-- [start:consume]
orders = []
for epoch in range(2):
    seen = []
    for images, labels, index in loader:
        images, labels = images.to(device), labels.to(device)
        seen.extend(index.tolist())
    orders.append(seen)
    print(f"epoch {epoch + 1}: {len(seen)} examples, first ids {seen[:4]}")
# --8<-- [end:consume]

images, labels, _ = next(iter(loader))
print(f"examples: {len(dataset)}, batches per epoch: {len(loader)}")
print(f"batch: images {tuple(images.shape)} {images.dtype}, labels {tuple(labels.shape)}")
print(f"last batch holds {len(dataset) % loader.batch_size} examples")

# Self-checks (not the technique): the site's runner fails the example if one fails.
# Every example appears exactly once per epoch, and each epoch is reshuffled.
assert all(sorted(order) == list(range(len(dataset))) for order in orders)
assert orders[0] != orders[1]
