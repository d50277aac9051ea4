"""Fact tensor-parallel: torch.distributed.tensor.parallel shards layers column- or row-wise."""

import torch.distributed.tensor.parallel as tp

for name in ("parallelize_module", "ColwiseParallel", "RowwiseParallel", "SequenceParallel"):
    assert hasattr(tp, name), f"torch.distributed.tensor.parallel lost {name}"
print("tensor parallel styles: ColwiseParallel, RowwiseParallel, SequenceParallel")
