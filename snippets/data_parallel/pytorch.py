"""Data-parallel training in PyTorch: DistributedDataParallel over two processes."""
import gc
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from sklearn.datasets import load_digits
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

WORLD_SIZE = 2


def free_port():
    # Let the OS pick an unused port; a fixed one collides with earlier runs
    # whose sockets are still closing.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker(rank, port):
    # NCCL needs one GPU per process; with fewer GPUs fall back to gloo.
    n_gpus = torch.cuda.device_count()
    backend = "nccl" if n_gpus >= WORLD_SIZE else "gloo"
    device = torch.device(f"cuda:{rank % n_gpus}" if n_gpus else "cpu")
    torch.set_num_threads(1)  # two processes already share two cores
    dist.init_process_group(backend, init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=WORLD_SIZE)
    if rank == 0:
        print(f"device: {device.type}, backend: {backend}, world size: {dist.get_world_size()}")

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
        print(f"parameters identical on all ranks: {identical}")
    # DDP sits in a reference cycle that holds the process group; left to
    # interpreter shutdown, freeing it can abort the process (SIGABRT). Free it now.
    del model, optimizer
    gc.collect()
    dist.destroy_process_group()
    assert identical
    assert losses[-1] < losses[0] / 4
    # --8<-- [end:evaluate]


if __name__ == "__main__":
    # spawn starts fresh interpreters that import this file, hence the guard.
    mp.spawn(worker, args=(free_port(),), nprocs=WORLD_SIZE)
