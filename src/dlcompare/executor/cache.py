"""One content-hash cache for every client: example runs, fact checks, notebooks.

An entry's key is the sha256 of a canonical JSON of everything that can change the
result (source hash, environment fingerprint, policy hash, ...), so a changed input
is a miss and an unchanged one never runs again. Entries live in
``.cache/dlcompare/<name>/`` (ignored by git): a fresh clone, and therefore CI,
runs everything. Writes go to a temporary file that is then renamed
(``os.replace``), so parallel workers and killed runs never leave half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_ROOT = Path(".cache/dlcompare")


def content_key(parts: object) -> str:
    """sha256 of the canonical JSON of ``parts`` (sorted keys, no whitespace)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ContentCache:
    """``<root>/.cache/dlcompare/<name>/<key><suffix>``, written atomically."""

    def __init__(self, root: Path, name: str, *, suffix: str = ".json") -> None:
        self.dir = root / CACHE_ROOT / name
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.dir / f"{key}{self.suffix}"

    def get_text(self, key: str) -> str | None:
        try:
            return self.path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # absent or unreadable: a miss

    def put_text(self, key: str, text: str) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            target = self.path(key)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target
