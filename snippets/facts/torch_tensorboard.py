"""Fact tensorboard-support: PyTorch writes TensorBoard logs with torch.utils.tensorboard."""

import tempfile
from pathlib import Path

from torch.utils.tensorboard import SummaryWriter

with tempfile.TemporaryDirectory() as logdir:
    writer = SummaryWriter(log_dir=logdir)
    writer.add_scalar("loss", 0.5, global_step=1)
    writer.close()
    events = list(Path(logdir).glob("events.out.tfevents.*"))
    assert events, "SummaryWriter wrote no event file"
print("torch.utils.tensorboard wrote an event file")
