"""Fact memory-profiling: torch.profiler records tensor allocations with profile_memory=True."""

import torch
from torch.profiler import ProfilerActivity, profile

with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
    torch.empty(1024, 1024)
allocated = max(event.self_cpu_memory_usage for event in prof.key_averages())
assert allocated >= 4 * 1024 * 1024, f"profiler saw only {allocated} bytes for a 4 MiB tensor"
assert hasattr(prof, "export_memory_timeline"), "profile lost export_memory_timeline"
print(f"profile_memory=True saw {allocated} bytes allocated")
