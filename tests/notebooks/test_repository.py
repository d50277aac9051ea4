"""Outputs come from execution only: git holds sources, never executed notebooks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dlcompare.notebooks.cache import CACHE_DIR
from dlcompare.notebooks.page_source import PAGES_DIR
from dlcompare.notebooks.source import discover

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = discover(ROOT)


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_there_are_at_least_four_notebooks() -> None:
    names = {nb.name for nb in NOTEBOOKS}
    assert {"pytorch-digits", "tensorflow-digits", "keras-digits", "keras-backends"} <= names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda nb: nb.name)
def test_source_is_percent_format_without_outputs(notebook) -> None:
    assert notebook.format_problems() == []
    nb = notebook.read()
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), (
        f"{notebook.rel}: start with a Markdown cell holding the page title (# ...)"
    )
    for cell in nb.cells:
        assert not cell.get("outputs") and cell.get("execution_count") is None


def test_no_ipynb_is_tracked_by_git() -> None:
    if git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    tracked = git("ls-files", "--", "*.ipynb").stdout.split()
    assert tracked == [], f"executed notebooks must not be committed: {tracked}"


def test_executed_notebooks_are_ignored_by_git() -> None:
    if git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    generated = [
        f"{CACHE_DIR.as_posix()}/0123abcd.ipynb",
        f"{PAGES_DIR.as_posix()}/notebooks/x.ipynb",
        ".cache/mkdocs-jupyter/0123abcd.json",
    ]
    result = git("check-ignore", "--no-index", *generated)
    ignored = result.stdout.split()
    assert ignored == generated, (
        f"not ignored by .gitignore: {sorted(set(generated) - set(ignored))}"
    )
