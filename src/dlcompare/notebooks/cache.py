"""Content-hash cache of executed notebooks, the same idea as the snippet runner's.

``.cache/dlcompare/notebooks/<key>.ipynb`` (ignored by git) holds the executed
notebook whose key is the sha256 of: the source text, the environment fingerprint
the snippet runner uses (Python, platform, CPU, framework versions), the versions of
the notebook tools, the kernel name and the warning allowlist. Change any of them
and the notebook runs again; change nothing and it never does. Only notebooks that
passed are stored, so a failure is retried every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import nbformat

from dlcompare.notebooks import KERNEL_NAME
from dlcompare.notebooks.source import NotebookSource
from dlcompare.snippets.environment import current, package_versions
from dlcompare.snippets.suite import policy_hash

CACHE_DIR = Path(".cache/dlcompare/notebooks")

#: Bump when the way notebooks are executed changes (kernel environment, metadata).
RUNNER_VERSION = 1

#: Packages that change a notebook's outputs but not the example programs'.
TOOL_PACKAGES: tuple[str, ...] = (
    "matplotlib",
    "matplotlib-inline",
    "ipykernel",
    "ipython",
    "nbclient",
    "nbformat",
    "jupytext",
)


def cache_key(notebook: NotebookSource) -> str:
    parts = {
        "runner": RUNNER_VERSION,
        "source": notebook.sha256,
        "environment": current().fingerprint(),
        "tools": package_versions(TOOL_PACKAGES),
        "kernel": KERNEL_NAME,
        "allowlist": policy_hash(notebook.root),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class NotebookCache:
    def __init__(self, root: Path) -> None:
        self.dir = root / CACHE_DIR

    def path(self, key: str) -> Path:
        return self.dir / f"{key}.ipynb"

    def get(self, key: str) -> nbformat.NotebookNode | None:
        path = self.path(key)
        if not path.exists():
            return None
        try:
            return nbformat.read(path, as_version=4)
        except (OSError, ValueError):  # a corrupt or half-written entry is just a miss
            return None

    def put(self, key: str, notebook: nbformat.NotebookNode) -> Path:
        """Store an executed notebook atomically (parallel test workers may race)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            nbformat.write(notebook, handle)
        target = self.path(key)
        os.replace(tmp, target)
        return target
