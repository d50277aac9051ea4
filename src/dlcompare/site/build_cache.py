"""Reuse what one site build derived from data/ in the next, while its inputs are unchanged.

``mkdocs serve`` rebuilds the whole site in the same process after every edit. Without
this module each rebuild parses and validates every YAML file under data/, re-reads
every record and re-renders every marker of every page, although a prose edit
changed one page. The hook asks a :class:`BuildCache` instead:

* the **inputs key** is a sha256 over the files the renderers and the data rules read
  (data/, snippets/, mkdocs.yml and every ``watch:`` entry of mkdocs.yml), the
  outline of the pages (:func:`pages_outline`), today's date and the ``DLCOMPARE_*``
  settings. A file is re-read only when its size or mtime changed (or it changed so
  recently that the mtime cannot be trusted), so computing the key costs a ``stat``
  per file;
* what the hook validated and loaded (:class:`~dlcompare.render.context.BuildData`)
  is kept under that key, and each page's expanded Markdown under the key plus the
  page's own text. Any change to an input gives a new key, so nothing stale is
  served, and only the latest entry of each slot is kept, so memory stays bounded.

Only successes are stored: a build whose data fails validation stores nothing, so
the next build validates again and a strict build keeps failing until the data is
fixed. ``DLCOMPARE_BUILD_CACHE=off`` turns the cache off (to measure without it, or
as an escape hatch when a stale page is suspected).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

from dlcompare.markers import iter_markers

ENV_VAR = "DLCOMPARE_BUILD_CACHE"
_OFF = frozenset({"off", "0", "false", "no"})
#: Read on every key, whatever mkdocs.yml's ``watch:`` says: the renderers' inputs.
ALWAYS_HASHED = ("data", "snippets", "mkdocs.yml")
#: Written by Python itself while the build runs; never an input.
_SKIPPED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})
#: A file modified less than this long ago is hashed even if its stamp is unchanged:
#: two writes within the filesystem's timestamp granularity can leave equal mtimes.
RACY_SECONDS = 2.0

T = TypeVar("T")


def enabled(environ: Mapping[str, str] | None = None) -> bool:
    """False when ``DLCOMPARE_BUILD_CACHE`` is off/0/false/no."""
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "on")
    return value.strip().lower() not in _OFF


@dataclass(frozen=True)
class _Stamp:
    mtime_ns: int
    size: int
    digest: str


class FileHasher:
    """sha256 of files, re-reading a file only when its size or mtime changed."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._stamps: dict[Path, _Stamp] = {}
        self._clock = clock
        self.files_read = 0  # how many files were actually read: tests check the pre-check

    def file_digest(self, path: Path) -> str:
        stat = path.stat()
        known = self._stamps.get(path)
        recent = self._clock() - stat.st_mtime_ns / 1e9 < RACY_SECONDS
        if (
            known
            and not recent
            and (known.mtime_ns, known.size) == (stat.st_mtime_ns, stat.st_size)
        ):
            return known.digest
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.files_read += 1
        self._stamps[path] = _Stamp(stat.st_mtime_ns, stat.st_size, digest)
        return digest

    def tree_digest(self, root: Path, entries: Iterable[Path]) -> str:
        """One digest for every file under ``entries`` (folders or files), named from root."""
        files: set[Path] = set()
        lines: list[str] = []
        for entry in sorted({Path(e) for e in entries}):
            if entry.is_file():
                files.add(entry)
            elif entry.is_dir():
                files.update(_walk(entry))
            else:
                lines.append(f"missing {_name(root, entry)}")
        for path in sorted(files):
            lines.append(f"{_name(root, path)} {self.file_digest(path)}")
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _walk(folder: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in _SKIPPED_DIRS]
        for name in filenames:
            if not name.endswith(".pyc"):
                yield Path(dirpath) / name


def _name(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def pages_outline(docs_dir: Path) -> str:
    """What a page's rendering may read from the *other* pages: their markers and titles.

    The renderers look across pages in two ways only: which page shows a fact (the
    facts markers, for links and the "every fact is on a page" rule) and the task
    pages' titles and names (the examples table, the concordance links). Hashing
    every page's markers (without line numbers) and first ``# `` heading, rather
    than its whole text, lets a prose edit keep the other pages' fragments. A
    renderer that starts reading more of another page must add it here.
    """
    lines: list[str] = []
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8", errors="replace")
            title = next((line for line in text.splitlines() if line.startswith("# ")), "")
            lines.append(f"page {path.relative_to(docs_dir).as_posix()} {title}")
            for marker in iter_markers(text):
                options = " ".join(f"{k}={v}" for k, v in sorted(marker.kwargs.items()))
                lines.append(f"  {marker.name}: {' '.join(marker.args)} {options}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def settings() -> str:
    """The ``DLCOMPARE_*`` environment and today's date: inputs that are not files."""
    items = sorted(
        (k, v) for k, v in os.environ.items() if k.startswith("DLCOMPARE_") and k != ENV_VAR
    )
    return f"{date.today().isoformat()} {items!r}"


class BuildCache:
    """Values kept across builds in one process, one per slot, each under the key it had."""

    def __init__(self, hasher: FileHasher | None = None) -> None:
        self.hasher = hasher or FileHasher()
        self._slots: dict[str, tuple[str, object]] = {}
        self.hits = 0
        self.misses = 0

    def inputs_key(self, root: Path, docs_dir: Path, watched: Iterable[str | Path] = ()) -> str:
        """The key of everything a build derives from data/, snippets/ and the pages."""
        entries = [root / name for name in ALWAYS_HASHED] + [root / w for w in watched]
        parts = (
            str(root.resolve()),
            self.hasher.tree_digest(root, entries),
            pages_outline(docs_dir),
            settings(),
        )
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get(self, slot: str, key: str) -> object | None:
        """The value stored in ``slot`` under ``key``; None (a miss) for any other key."""
        entry = self._slots.get(slot)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]
        self.misses += 1
        return None

    def put(self, slot: str, key: str, value: object) -> None:
        """Store ``value``; it replaces whatever the slot held under an older key."""
        self._slots[slot] = (key, value)

    def remember(self, slot: str, key: str, compute: Callable[[], T]) -> T:
        """The stored value, else ``compute()`` stored. An exception stores nothing."""
        found = self.get(slot, key)
        if found is not None:
            return cast(T, found)
        value = compute()
        self.put(slot, key, value)
        return value

    def clear(self) -> None:
        self._slots.clear()


_CACHE = BuildCache()


def active() -> BuildCache | None:
    """The process's cache, or None when ``DLCOMPARE_BUILD_CACHE`` turns it off."""
    return _CACHE if enabled() else None


def text_key(key: str, text: str) -> str:
    """``key`` narrowed to one text (a page's Markdown): a new text is a new key."""
    return hashlib.sha256(f"{key}\0{text}".encode()).hexdigest()
