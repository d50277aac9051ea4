"""Cached executed notebooks, in the executor's content-hash cache.

``.cache/dlcompare/notebooks/<key>.ipynb`` (ignored by git) holds the executed
notebook whose key is the sha256 of: the source text, the environment fingerprint
the snippet runner uses (Python, platform, CPU, framework versions), the versions of
the notebook tools, the kernel name, the warning allowlist and the sandbox mode.
Change any of them and the notebook runs again; change nothing and it never does.
Only notebooks that passed are stored, so a failure is retried every time.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from dlcompare.executor.cache import CACHE_ROOT, ContentCache, content_key
from dlcompare.executor.environment import current, package_versions
from dlcompare.executor.sandbox import default_mode
from dlcompare.notebooks import KERNEL_NAME
from dlcompare.notebooks.source import NotebookSource, read_notebook, write_notebook
from dlcompare.snippets.warnings_policy import policy_hash

CACHE_NAME = "notebooks"
CACHE_DIR = CACHE_ROOT / CACHE_NAME

#: Bump when the way notebooks are executed changes (kernel environment, metadata).
RUNNER_VERSION = 2  # 2: executed inside the sandbox

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
    return content_key(
        {
            "runner": RUNNER_VERSION,
            "source": notebook.sha256,
            "environment": current().fingerprint(),
            "tools": package_versions(TOOL_PACKAGES),
            "kernel": KERNEL_NAME,
            "allowlist": policy_hash(notebook.root),
            "sandbox": default_mode(),
        }
    )


class NotebookCache:
    def __init__(self, root: Path) -> None:
        self._store = ContentCache(root, CACHE_NAME, suffix=".ipynb")
        self.dir = self._store.dir

    def path(self, key: str) -> Path:
        return self._store.path(key)

    def get(self, key: str) -> nbformat.NotebookNode | None:
        text = self._store.get_text(key)
        if text is None:
            return None
        try:
            return read_notebook(text)
        except (ValueError, AttributeError):  # a corrupt entry is just a miss
            return None

    def put(self, key: str, notebook: nbformat.NotebookNode) -> Path:
        """Store an executed notebook atomically (parallel test workers may race)."""
        return self._store.put_text(key, write_notebook(notebook))
