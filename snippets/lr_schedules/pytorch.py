"""Learning-rate schedules in PyTorch: step decay, cosine, warm-up then cosine."""
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.optim import lr_scheduler
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"device: {device.type}")
torch.manual_seed(0)

LR, TOTAL, WARMUP = 0.1, 100, 10  # peak rate, optimizer steps, warm-up steps


# --8<-- [start:schedules]
def step_decay(opt):
    return lr_scheduler.StepLR(opt, step_size=30, gamma=0.5)  # halve every 30 steps


def cosine(opt):
    return lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL)  # from LR down to 0


def warmup_cosine(opt):
    warm = lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=WARMUP)
    decay = lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL - WARMUP)
    return lr_scheduler.SequentialLR(opt, [warm, decay], milestones=[WARMUP])


def rates(make):
    """The rate each of the TOTAL steps uses: a scheduler moves on at .step()."""
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=LR)
    sched, seen = make(opt), []
    for _ in range(TOTAL):
        seen.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return seen


table = {name: rates(f) for name, f in
         [("step", step_decay), ("cosine", cosine), ("warm-up", warmup_cosine)]}
print("step  step decay  cosine  warm-up+cosine")
for s in (0, 5, 10, 30, 50, 90, 99):
    print(f"{s:4}  {table['step'][s]:10.4f}  {table['cosine'][s]:6.4f}"
          f"  {table['warm-up'][s]:14.4f}")
# --8<-- [end:schedules]

# --8<-- [start:train]
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X / 16.0, y, train_size=1280, random_state=0
)  # 1280 images in batches of 64: 20 steps an epoch, 5 epochs = TOTAL steps
train = TensorDataset(torch.tensor(X_train, dtype=torch.float32), torch.tensor(y_train))
loader = DataLoader(train, batch_size=64, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
scheduler = warmup_cosine(optimizer)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(5):
    for xb, yb in loader:
        optimizer.zero_grad()
        loss_fn(model(xb.to(device)), yb.to(device)).backward()
        optimizer.step()
        scheduler.step()  # once per batch here: the schedule counts optimizer steps
model.eval()
with torch.inference_mode():
    logits = model(torch.tensor(X_test, dtype=torch.float32, device=device))
accuracy = (logits.argmax(1).cpu() == torch.tensor(y_test)).float().mean().item()
print(f"trained {TOTAL} steps with warm-up+cosine: test accuracy {accuracy:.3f}")
print(f"learning rate after the last step: {scheduler.get_last_lr()[0]:.4f}")
# --8<-- [end:train]

# --- Self-checks: the run fails if the behaviour shown above changes ---------------
assert abs(table["step"][30] - LR / 2) < 1e-9 and table["step"][29] == LR
assert abs(table["warm-up"][0] - LR / 10) < 1e-9 and table["warm-up"][WARMUP] == LR
assert accuracy > 0.9
