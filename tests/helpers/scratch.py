"""Scratch-project builders: throwaway dlcompare trees so tests never touch the real one.

Imported by the tests that need them (``from tests.helpers.scratch import ...``);
conftests only wrap them in fixtures.
"""

from __future__ import annotations

import textwrap
from pathlib import Path


def write(root: Path, rel: str, text: str) -> Path:
    """Write dedented ``text`` to ``root/rel``, creating folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def write_program(root: Path, rel: str, body: str) -> Path:
    """An example program (or any file) of a scratch project."""
    return write(root, rel, body)


def write_notebook(root: Path, name: str, body: str) -> Path:
    """``docs/notebooks/<name>.nb.py`` of a scratch project."""
    return write(root, f"docs/notebooks/{name}.nb.py", body)


def empty_project(root: Path, *folders: str) -> Path:
    """A dlcompare tree with only ``mkdocs.yml`` and the given folders."""
    (root / "mkdocs.yml").write_text("site_name: scratch\n")
    for folder in folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


def mkdocs_project(root: Path, pages: dict[str, str], *, strict: bool = True) -> Path:
    """A plain-theme MkDocs project (no dlcompare hooks): fast builds for build tests."""
    write(root, "mkdocs.yml", f"site_name: scratch\nstrict: {str(strict).lower()}\n")
    for rel, text in pages.items():
        write(root, f"docs/{rel}", text)
    return root
