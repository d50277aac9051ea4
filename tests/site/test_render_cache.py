"""The render cache: a rebuild re-renders only what changed, and its site is the same."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from tests.helpers.miniproject import build_site, write

from dlcompare.site import build_cache, render_cache


def _html(root: Path, page: str) -> str:
    return (root / "site" / page / "index.html").read_text(encoding="utf-8")


def _with_search(root: Path) -> None:
    path = root / "mkdocs.yml"
    path.write_text(path.read_text().replace("plugins: []", "plugins:\n  - search"))


def _same_tree(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two built sites (or exist in one only)."""
    cmp = filecmp.dircmp(left, right)
    out: list[str] = []

    def walk(node: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in node.left_only + node.right_only)
        for name in node.common_files:
            if not filecmp.cmp(Path(node.left) / name, Path(node.right) / name, shallow=False):
                out.append(prefix + name)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    return out


def test_a_prose_edit_re_renders_only_its_page(site: Path) -> None:
    build_site(site)
    store = render_cache._STORE
    assert store.hits == 0
    write(site, "docs/index.md", "# Home\n\nWelcome back.\n")
    store.hits = store.misses = 0
    build_site(site)
    # basics: its conversion and its finished page from the store; index: both redone
    assert (store.hits, store.misses) == (2, 2)
    assert "Welcome back." in (site / "site/index.html").read_text(encoding="utf-8")


def test_a_data_edit_re_renders_the_page_it_changes(site: Path) -> None:
    build_site(site)
    path = site / "data/facts/basics.yaml"
    path.write_text(path.read_text().replace('"2.15.0"', '"2.17.3"'))
    build_site(site)
    assert "2.17.3" in _html(site, "comparison/basics")


def test_an_included_file_edit_re_renders_the_page_that_includes_it(site: Path) -> None:
    write(site, "snippets/demo/shown.py", "print(alpha_probe)\n")
    write(site, "docs/shown.md", '# Shown\n\n```python\n--8<-- "snippets/demo/shown.py"\n```\n')
    build_site(site)
    assert "alpha_probe" in _html(site, "shown")
    write(site, "snippets/demo/shown.py", "print(omega_probe)\n")
    build_site(site)
    assert "omega_probe" in _html(site, "shown") and "alpha_probe" not in _html(site, "shown")


def test_a_cached_rebuild_writes_the_same_site_as_an_uncached_build(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search index included: the cache must not change one byte of the output."""
    _with_search(site)
    monkeypatch.setenv(build_cache.ENV_VAR, "off")
    build_site(site)
    uncached = tmp_path / "uncached"
    shutil.copytree(site / "site", uncached)
    monkeypatch.delenv(build_cache.ENV_VAR)
    build_site(site)
    build_site(site)  # every page and every search entry from the store
    assert render_cache._STORE.hits >= 6  # renders, search entries, finished pages
    assert _same_tree(uncached, site / "site") == []


def test_a_page_whose_render_warns_fails_every_strict_rebuild(site: Path) -> None:
    write(site, "docs/index.md", "# Home\n\nSee [the missing page](missing.md).\n")
    for _ in range(2):  # a stored render would hide the warning the second time
        with pytest.raises(Abort):
            build_site(site)


def test_the_switch_turns_the_render_cache_off(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(build_cache.ENV_VAR, "off")
    build_site(site)
    build_site(site)
    assert (render_cache._STORE.hits, render_cache._STORE.misses) == (0, 0)


def test_include_lines_are_found_with_or_without_a_section() -> None:
    text = '--8<-- "snippets/a.py"\n  --8<-- "snippets/b.py:part"\nno --8<-- here\n'
    root = Path("/r")
    assert render_cache.included_files(text, root) == [
        root / "snippets/a.py",
        root / "snippets/b.py",
    ]
