"""Weight budgets of the built site (issue 16): what every reader downloads.

* the search index, which every reader downloads with the first page;
* notebook pages, once 0.7–1.7 MB of HTML each because of inline CSS;
* nothing published that no page uses (the README's screenshots).
"""

from __future__ import annotations

from pathlib import Path

from dlcompare.notebooks.page_assets import PLACEHOLDER_ALT, STYLESHEET

#: Under the issue's 350 KB, leaving room for pages still to come. Raised from 320 KB
#: on 2026-12-03 (index 320,139 B) as the release matrix fills the deprecations view,
#: whose warning texts are what readers search for; charts, their captions and the
#: benchmarks' generated findings left the index the same day.
SEARCH_INDEX_BUDGET = 335_000
NOTEBOOK_PAGE_BUDGET = 300_000


def test_search_index_within_budget(built_site: Path) -> None:
    size = (built_site / "search" / "search_index.json").stat().st_size
    assert size <= SEARCH_INDEX_BUDGET, (
        f"search index {size:,} bytes > {SEARCH_INDEX_BUDGET:,}: see "
        "dlcompare.render.search_scope for what search leaves out"
    )


def test_notebook_pages_are_light_and_described(built_site: Path) -> None:
    pages = sorted((built_site / "notebooks").glob("*/index.html"))
    assert pages, "no notebook pages in the site"
    assert (built_site / STYLESHEET).is_file()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.parent.name
        assert len(html.encode()) <= NOTEBOOK_PAGE_BUDGET, f"{name}: {len(html.encode()):,} bytes"
        article = html[html.index("<article") : html.index("</article>")]
        assert "<style" not in article, f"{name}: inline <style> left in the page"
        assert '<script src="">' not in html, f"{name}: empty script element"
        assert PLACEHOLDER_ALT not in html, f"{name}: a plot without a description"
        assert STYLESHEET in html, f"{name}: does not link {STYLESHEET}"


def test_nothing_unused_is_published(built_site: Path) -> None:
    assert not (built_site / "assets" / "screenshots").exists(), "README screenshots published"
    example = (built_site / "examples" / "tensors" / "index.html").read_text(encoding="utf-8")
    assert "__codelineno" not in example, "invisible line-number anchors in code blocks"
