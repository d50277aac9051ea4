"""A scratch project with a docs/notebooks/ folder, for notebooks written by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.scratch import empty_project, write_notebook

__all__ = ["write_notebook"]  # re-exported: the builder itself lives in tests/helpers/


@pytest.fixture
def nb_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DLCOMPARE_ROOT", str(tmp_path))
    return empty_project(tmp_path, "docs/notebooks")
