import torch
from torch import nn

torch.manual_seed(0)
print("device: cpu")
logits = torch.randn(8, 3)
loss = nn.CrossEntropyLoss()(torch.softmax(logits, dim=1), torch.zeros(8, dtype=torch.long))
print(f"loss: {loss.item():.3f}")
