"""Describe the software and hardware a run happens on.

The description goes into every run record (so a page can say "torch 2.13.0") and
into the cache key (so upgrading a framework re-runs everything that uses it).
Versions come from package metadata, which is fast: importing TensorFlow just to
ask its version would cost seconds.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: Distributions whose versions change what the examples do.
TRACKED_PACKAGES: tuple[str, ...] = (
    "torch",
    "tensorflow",
    "keras",
    "jax",
    "jaxlib",
    "numpy",
    "scikit-learn",
    "onnx",
    "onnxscript",
    "onnxruntime",
    "ai-edge-litert",
    "tensorboard",
)

#: Which tracked package a page badge names for each framework.
FRAMEWORK_PACKAGE = {"pytorch": "torch", "tensorflow": "tensorflow", "keras": "keras"}


@dataclass(frozen=True)
class Environment:
    python: str
    platform: str
    machine: str
    cpu: str
    packages: dict[str, str]

    def fingerprint(self) -> str:
        """Short stable hash of everything that can change a program's behaviour."""
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def package_versions(names: tuple[str, ...] = TRACKED_PACKAGES) -> dict[str, str]:
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


@lru_cache(maxsize=1)
def current() -> Environment:
    return Environment(
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.release()}",
        machine=platform.machine(),
        cpu=_cpu_model(),
        packages=package_versions(),
    )


def interpreter() -> str:
    """The Python that runs the programs: the one running dlcompare."""
    return sys.executable
