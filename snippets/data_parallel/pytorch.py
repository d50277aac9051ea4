"""Data-parallel training in PyTorch: DistributedDataParallel, launched by torchrun."""
import gc
import os
import sys

import torch
import torch.distributed as dist
from sklearn.datasets import load_digits
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

WORLD_SIZE = 2


def worker():
    # torchrun starts one process per rank and tells each its place through the
    # environment: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT.
    rank, local_rank = int(os.environ["RANK"]), int(os.environ["LOCAL_RANK"])
    # NCCL needs one GPU per process; with fewer GPUs fall back to gloo.
    n_gpus = torch.cuda.device_count()
    backend = "nccl" if n_gpus >= int(os.environ["WORLD_SIZE"]) else "gloo"
    device = torch.device(f"cuda:{local_rank}" if n_gpus else "cpu")
    torch.set_num_threads(1)  # two processes already share two cores
    dist.init_process_group(backend)  # reads the rendezvous from the environment
    if rank == 0:
        print(f"device: {device.type}, backend: {backend}, "
              f"world size: {dist.get_world_size()}")

    # --8<-- [start:data]
    digits = load_digits()
    dataset = TensorDataset(torch.tensor(digits.data / 16.0, dtype=torch.float32),
                            torch.tensor(digits.target))
    # Each rank sees a different half of every epoch; same seed on all ranks.
    sampler = DistributedSampler(dataset, shuffle=True, seed=0)
    loader = DataLoader(dataset, batch_size=32, sampler=sampler)
    # --8<-- [end:data]

    # --8<-- [start:model]
    torch.manual_seed(rank)  # different on purpose: DDP broadcasts rank 0's weights
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)).to(device)
    model = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    # --8<-- [end:model]

    # --8<-- [start:train]
    losses = []
    for epoch in range(10):
        sampler.set_epoch(epoch)  # reshuffle differently each epoch
        loss_sum, count = 0.0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()  # DDP averages the gradients across ranks here
            optimizer.step()
            loss_sum, count = loss_sum + loss.item() * len(y), count + len(y)
        # Each rank only saw its own half; sum both halves for the epoch's loss.
        totals = torch.tensor([loss_sum, count], device=device)
        dist.all_reduce(totals)
        losses.append((totals[0] / totals[1]).item())
    # --8<-- [end:train]

    # --8<-- [start:evaluate]
    flat = torch.cat([p.detach().flatten() for p in model.parameters()])
    highest, lowest = flat.clone(), flat.clone()
    dist.all_reduce(highest, op=dist.ReduceOp.MAX)
    dist.all_reduce(lowest, op=dist.ReduceOp.MIN)
    identical = torch.equal(highest, lowest)
    if rank == 0:
        print(f"samples per rank per epoch: {len(sampler)} of {len(dataset)}")
        print(f"loss: first epoch {losses[0]:.2f}, last epoch {losses[-1]:.2f}")
        spread = (highest - lowest).abs().max().item()
        print(f"largest parameter difference between ranks: {spread}")
    # DDP sits in a reference cycle that holds the process group; left to
    # interpreter shutdown, freeing it can abort the process (SIGABRT). Free it now.
    del model, optimizer
    gc.collect()
    dist.destroy_process_group()

    # Self-checks (not the technique): the site's runner fails the example if one fails.
    assert identical
    assert losses[-1] < losses[0] / 4
    # --8<-- [end:evaluate]


if __name__ == "__main__":
    if "RANK" in os.environ:  # started by torchrun: this process is one rank
        worker()
    else:
        # Started as `python pytorch.py`: do what
        # `torchrun --standalone --nproc-per-node=2 pytorch.py` does.
        from torch.distributed.run import main as torchrun

        torchrun(["--standalone", f"--nproc-per-node={WORLD_SIZE}", sys.argv[0]])
