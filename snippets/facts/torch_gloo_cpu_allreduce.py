"""Fact cpu-multiprocess: a CPU-only torch wheel runs collectives through gloo."""

import pathlib
import tempfile

import torch
import torch.distributed as dist

with tempfile.TemporaryDirectory() as tmp:
    store = dist.FileStore(str(pathlib.Path(tmp) / "store"), 1)
    dist.init_process_group("gloo", store=store, rank=0, world_size=1)
    try:
        tensor = torch.tensor([1.0, 2.0])
        dist.all_reduce(tensor)
        assert torch.equal(tensor, torch.tensor([1.0, 2.0])), (
            "all_reduce over one rank changed the tensor"
        )
        backend = dist.get_backend()
    finally:
        dist.destroy_process_group()
assert backend == "gloo", f"expected the gloo backend, got {backend}"
print("gloo all_reduce on CPU works (world size 1)")
