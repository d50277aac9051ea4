"""Content-hash cache: skip a program whose source and environment have not changed.

The cache lives in ``.cache/dlcompare/runs/`` (ignored by git), not in the
committed records: a fresh clone, and therefore CI, has no cache and runs every
program, which is the point of CI. Locally, re-running the suite after editing one
program re-runs only that one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

from dlcompare.snippets.records import Record

CACHE_DIR = Path(".cache/dlcompare/runs")


def cache_key(*, source_sha256: str, backend: str | None, device: str, env_fingerprint: str,
              policy_sha256: str) -> str:
    """Everything that can change a run's outcome, hashed."""
    blob = json.dumps(
        [source_sha256, backend, device, env_fingerprint, policy_sha256], sort_keys=True
    ).encode()
    return hashlib.sha256(blob).hexdigest()


class RunCache:
    def __init__(self, root: Path) -> None:
        self.dir = root / CACHE_DIR

    def get(self, key: str) -> Record | None:
        path = self.dir / f"{key}.json"
        if not path.exists():
            return None
        try:
            return Record.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, OSError):
            return None  # a corrupt entry is just a miss

    def put(self, key: str, record: Record) -> None:
        """Only passing runs are cached; a failure must be retried every time."""
        if not record.passed:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f"{key}.tmp"
        tmp.write_text(record.model_dump_json(), encoding="utf-8")
        tmp.replace(self.dir / f"{key}.json")
