"""The one NVIDIA probe: which GPUs the driver reports (``nvidia-smi``), if any."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache


@lru_cache(maxsize=1)
def gpu_names() -> tuple[str, ...]:
    """Names of the NVIDIA GPUs the driver answers for; empty without driver or GPU."""
    smi = shutil.which("nvidia-smi")
    if not smi:
        return ()
    try:
        done = subprocess.run(
            [smi, "--query-gpu=name", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    if done.returncode != 0:
        return ()
    return tuple(line.strip() for line in done.stdout.splitlines() if line.strip())


def has_nvidia_gpu() -> bool:
    return bool(gpu_names())
