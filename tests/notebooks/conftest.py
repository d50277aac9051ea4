"""A scratch project with a docs/notebooks/ folder, for notebooks written by the tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def nb_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: scratch\n")
    (tmp_path / "docs" / "notebooks").mkdir(parents=True)
    monkeypatch.setenv("DLCOMPARE_ROOT", str(tmp_path))
    return tmp_path


def write_notebook(root: Path, name: str, body: str) -> Path:
    path = root / "docs" / "notebooks" / f"{name}.nb.py"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path
