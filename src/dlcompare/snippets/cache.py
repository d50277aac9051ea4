"""Cached example runs: skip a program whose source and environment have not changed.

Storage is the executor's content-hash cache (``.cache/dlcompare/runs/``, ignored
by git), not the committed records: a fresh clone, and therefore CI, has no cache
and runs every program, which is the point of CI. Locally, re-running the suite
after editing one program re-runs only that one.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from dlcompare.executor.cache import CACHE_ROOT, ContentCache, content_key
from dlcompare.snippets.records import Record

CACHE_DIR = CACHE_ROOT / "runs"


def cache_key(
    *,
    source_sha256: str,
    backend: str | None,
    device: str,
    env_fingerprint: str,
    policy_sha256: str,
    sandbox: str = "bwrap",
) -> str:
    """Everything that can change a run's outcome, hashed."""
    return content_key(
        {
            "source": source_sha256,
            "backend": backend,
            "device": device,
            "environment": env_fingerprint,
            "policy": policy_sha256,
            "sandbox": sandbox,
        }
    )


class RunCache:
    def __init__(self, root: Path) -> None:
        self._store = ContentCache(root, "runs")
        self.dir = self._store.dir

    def get(self, key: str) -> Record | None:
        text = self._store.get_text(key)
        if text is None:
            return None
        try:
            return Record.model_validate_json(text)
        except ValidationError:
            return None  # a corrupt entry is just a miss

    def put(self, key: str, record: Record) -> None:
        """Only passing runs are cached; a failure must be retried every time."""
        if record.passed:
            self._store.put_text(key, record.model_dump_json())
