"""Shared fixtures of the site tests: a scratch site built in this process."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from tests.helpers.miniproject import make_site

from dlcompare.facts.loader import load_dataset
from dlcompare.site import build_cache, render_cache
from dlcompare.site.build_cache import BuildCache

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "comparison/basics.md": "# Basics\n\nIntro prose.\n\n<!-- facts: topic=basics -->\n",
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_site(tmp_path / "proj", PAGES)
    monkeypatch.chdir(root)
    monkeypatch.setattr(build_cache, "_CACHE", BuildCache())
    monkeypatch.setattr(render_cache, "_STORE", render_cache.RenderStore())
    monkeypatch.setattr(render_cache, "_BYTECODE", render_cache.MemoryBytecodeCache())
    monkeypatch.delenv(build_cache.ENV_VAR, raising=False)
    # The scratch data is too small for the cross-file rules (schemas, every fact on a
    # page ...); the loader's own validation, which a broken field fails, still runs.
    monkeypatch.setattr("dlcompare.facts.lint.lint", _loader_only_lint)
    return root


def _loader_only_lint(root: Path, **_: object) -> SimpleNamespace:
    dataset = load_dataset(root)
    return SimpleNamespace(
        errors=[p for p in dataset.problems if p.severity == "error"], dataset=dataset
    )
