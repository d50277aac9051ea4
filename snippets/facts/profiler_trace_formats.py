"""Fact profiler-trace-format: torch.profiler writes Chrome-trace JSON; the TF profiler writes
XPlane protobufs.
"""

import json
import os
import pathlib
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf
import torch
from torch.profiler import ProfilerActivity, profile

with tempfile.TemporaryDirectory() as tmp:
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        torch.ones(64, 64) @ torch.ones(64, 64)
    trace_path = pathlib.Path(tmp) / "trace.json"
    prof.export_chrome_trace(str(trace_path))
    events = json.loads(trace_path.read_text(encoding="utf-8"))["traceEvents"]
    assert events, "torch.profiler wrote an empty Chrome trace"

    tf.profiler.experimental.start(tmp)
    tf.linalg.matmul(tf.ones((64, 64)), tf.ones((64, 64)))
    tf.profiler.experimental.stop()
    xplanes = list(pathlib.Path(tmp).glob("plugins/profile/*/*.xplane.pb"))
    assert xplanes, "the TF profiler wrote no .xplane.pb under plugins/profile"
print(f"torch: Chrome trace with {len(events)} events | tf: {len(xplanes)} .xplane.pb file(s)")
