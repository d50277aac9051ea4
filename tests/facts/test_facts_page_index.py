"""The real pages: markers expand into tables, every topic has a page, no stray markers."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from dlcompare.facts.loader import load_dataset
from dlcompare.facts.page_index import facts_markers
from dlcompare.markers import iter_markers
from dlcompare.render.context import BuildData, RenderContext
from dlcompare.render.markers import expand

from .conftest import ROOT

PAGES = [*sorted((ROOT / "docs/comparison").glob("*.md")), ROOT / "docs/claims.md"]


@pytest.fixture(scope="module")
def store() -> BuildData:
    return BuildData(ROOT)


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_page_markers_expand(path: Path, store: BuildData):
    page = path.relative_to(ROOT / "docs").as_posix()
    source = path.read_text(encoding="utf-8")
    assert list(iter_markers(source)), f"{page} has no marker"
    out = expand(source, RenderContext(root=ROOT, page=page, build=store))
    assert "<!-- facts" not in out and "<!-- claims" not in out
    html = markdown.markdown(out, extensions=["tables", "md_in_html", "attr_list", "admonition"])
    if page == "claims.md":
        assert html.count('class="admonition') >= 13
    else:
        assert "<table" in html and 'class="dlc-asof"' in html


def test_every_topic_has_its_own_table():
    topics = {m.topic for m in facts_markers(ROOT) if m.topic}
    assert topics == set(load_dataset(ROOT).topics)


def test_overview_has_the_filterable_table(store: BuildData):
    source = (ROOT / "docs/comparison/index.md").read_text(encoding="utf-8")
    out = expand(source, RenderContext(root=ROOT, page="comparison/index.md", build=store))
    assert out.count("<tr data-topic=") == len(load_dataset(ROOT).facts)


def test_contributor_guide_shows_markers_without_expanding_them():
    source = (ROOT / "docs/contributing/facts.md").read_text(encoding="utf-8")
    assert list(iter_markers(source)) == []  # examples sit inside fences
