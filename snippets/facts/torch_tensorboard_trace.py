"""Fact profile-viewer: torch.profiler's tensorboard_trace_handler writes *.pt.trace.json files for
TensorBoard.
"""

import pathlib
import tempfile

import torch
from torch.profiler import ProfilerActivity, profile, schedule, tensorboard_trace_handler

with tempfile.TemporaryDirectory() as tmp:
    with profile(
        activities=[ProfilerActivity.CPU],
        schedule=schedule(wait=0, warmup=1, active=1, repeat=1),
        on_trace_ready=tensorboard_trace_handler(tmp),
    ) as prof:
        torch.ones(32, 32) @ torch.ones(32, 32)
        prof.step()
        torch.ones(32, 32) @ torch.ones(32, 32)
        prof.step()
    traces = list(pathlib.Path(tmp).glob("*.pt.trace.json"))
assert traces, "tensorboard_trace_handler wrote no *.pt.trace.json"
print("tensorboard_trace_handler wrote", len(traces), "trace file(s)")
