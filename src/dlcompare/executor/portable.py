"""Paths as results and records store them: never one machine's absolute paths."""

from __future__ import annotations

from pathlib import Path


def portable_path(root: Path, filename: str) -> str:
    """Relative to the project, or from ``site-packages/`` on; else unchanged.

    Records are committed, so they must not carry one machine's absolute paths.
    """
    marker = "site-packages/"
    if marker in filename:
        return filename[filename.index(marker) :]
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return filename
