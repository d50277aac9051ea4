"""Shared fixtures: a scratch project tree so runner tests never touch the real one."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty dlcompare tree (mkdocs.yml + snippets/) as the project root."""
    (tmp_path / "mkdocs.yml").write_text("site_name: scratch\n")
    (tmp_path / "snippets").mkdir()
    monkeypatch.setenv("DLCOMPARE_ROOT", str(tmp_path))
    return tmp_path


def write_program(root: Path, rel: str, body: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path
