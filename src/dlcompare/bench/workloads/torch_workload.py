"""PyTorch benchmark program: ``--mode eager`` or ``--mode compile`` (torch.compile).

Run as a script in a fresh interpreter by ``dlcompare bench``; prints one JSON line.
``--device cuda`` puts the model and data on the GPU; every timed region ends with a
copy to the host (``.item()``, ``.cpu()``), which waits for the GPU's queue.
"""

import time
from typing import Any

from dlcompare.bench.workloads.common import (
    LEARNING_RATE,
    MOMENTUM,
    T0,
    WORKLOADS,
    emit,
    latency_batch,
    load_data,
    parse_args,
    time_calls,
    timed,
)

args = parse_args()
epochs_per_rep = 1 if args.quick else WORKLOADS[args.workload]["epochs_per_rep"]
start = time.perf_counter()
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(args.threads)
import_s = time.perf_counter() - T0  # interpreter is up; this is our imports + the framework

start = time.perf_counter()
torch.manual_seed(0)
data = load_data(args.workload, args.quick)
if args.workload == "mlp":
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    shape: tuple[int, ...] = (-1, 64)
elif args.workload == "cnn32":
    model = nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 4 * 4, 10),
    )
    shape = (-1, 3, 32, 32)
elif args.workload == "cnn":
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(32 * 4 * 4, 10),
    )
    shape = (-1, 1, 8, 8)
else:
    model = nn.Sequential(
        nn.Linear(512, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10)
    )
    shape = (-1, 512)
device = torch.device(args.device)


def tensor(array: Any) -> torch.Tensor:
    """NumPy → tensor on the device, NHWC images transposed to PyTorch's NCHW."""
    t = torch.from_numpy(array)
    if t.ndim == 4:
        t = t.permute(0, 3, 1, 2).contiguous()
    return t.reshape(shape).to(device)


model = model.to(device)
x_train = tensor(data.x_train)
y_train = torch.from_numpy(data.y_train).to(device)
x_test = tensor(data.x_test)
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
loss_fn = nn.CrossEntropyLoss()
forward = torch.compile(model) if args.mode == "compile" else model
if args.mode not in ("eager", "compile"):
    raise SystemExit(f"unknown mode {args.mode!r}: use eager or compile")


def step(xb: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
    optimizer.zero_grad(set_to_none=True)
    loss = loss_fn(forward(xb), yb)
    loss.backward()
    optimizer.step()
    return loss  # type: ignore[no-any-return]  # nn.Module.__call__ is typed Any


batches = [
    (x_train[i : i + data.batch], y_train[i : i + data.batch])
    for i in range(0, len(x_train), data.batch)
]
build_s = time.perf_counter() - start

start = time.perf_counter()
step(*batches[0]).item()
first_step_s = time.perf_counter() - start


def epoch() -> None:
    model.train()
    for _ in range(epochs_per_rep):
        for xb, yb in batches:
            loss = step(xb, yb)
    loss.item()  # wait for the last step


epoch()  # warm-up
reps = timed(epoch, args.repeat)

model.eval()
one = tensor(latency_batch(data, 1))
many = tensor(latency_batch(data, 256))
with torch.inference_mode():
    lat1 = time_calls(lambda: forward(one).cpu(), args.latency_calls)
    lat256 = time_calls(lambda: forward(many).cpu(), max(5, args.latency_calls // 5))
    predicted = forward(x_test).argmax(dim=1).cpu().numpy()
accuracy = float((predicted == data.y_test).mean())

emit(
    args=args,
    framework="pytorch",
    import_s=import_s,
    build_s=build_s,
    first_step_s=first_step_s,
    reps=reps,
    samples_per_epoch=len(x_train) * epochs_per_rep,
    latency_1_s=lat1,
    latency_256_s=lat256,
    accuracy=accuracy,
    versions={"torch": torch.__version__, "device": str(device)},
    threads={"intra_op": torch.get_num_threads(), "inter_op": torch.get_num_interop_threads()},
)
