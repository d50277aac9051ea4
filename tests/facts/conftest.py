"""Fixtures for the facts tests: a small valid project tree, copied per test."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from dlcompare.facts.schema import write_json_schema

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "project"
BROKEN = HERE / "broken"
ROOT = HERE.parents[1]

#: "Today" for every test, so date rules do not drift with the calendar.
TODAY = date(2026, 11, 25)
#: "Today" for the real data in data/: the day of its last re-check (facts carry that as_of).
DATA_TODAY = date(2026, 12, 3)


@pytest.fixture
def facts_project(tmp_path: Path) -> Path:
    """A copy of tests/facts/fixtures/project with its JSON Schemas generated."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    write_json_schema(root)
    return root


def replace_text(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_errors(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ``file:line: message`` lines with which the MkDocs hook refuses to build
    ``root`` (empty when it would build), with "today" pinned to :data:`TODAY`."""
    from mkdocs.exceptions import PluginError

    from dlcompare import mkdocs_hooks

    monkeypatch.setenv("DLCOMPARE_TODAY", TODAY.isoformat())
    try:
        mkdocs_hooks.on_pre_build({"config_file_path": str(root / "mkdocs.yml")})
    except PluginError as exc:
        lines = [line.strip() for line in str(exc).splitlines()[1:]]
        return [line for line in lines if line]
    return []
