"""Every page loads with no console error, no failed request and nothing fetched off the machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site.page_paths import built_pages, doc_pages, page_id, run_detail_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
#: Pages from docs/, and the run-details pages the hook generates (one per task).
DOC_PAGES = doc_pages(ROOT / "docs") + run_detail_pages(ROOT)


def test_every_built_page_comes_from_docs(built_site: Path) -> None:
    """The per-page tests below are parametrized from docs/ and the tasks; nothing else."""
    extra = sorted(set(built_pages(built_site)) - set(DOC_PAGES))
    assert not extra, f"built pages with no docs/*.md source, so not browser-tested: {extra}"


@pytest.mark.parametrize("path", DOC_PAGES, ids=page_id)
def test_page_loads_cleanly(reader, path: str) -> None:
    response = reader.page.goto(reader.server.url(path), wait_until="load")
    assert response is not None and response.status == 200, (
        f"{path}: HTTP {response and response.status}"
    )
    reader.settle()
    assert reader.page.locator("article h1").count() == 1, f"{path}: no single <h1> in the article"
    assert not reader.watch.problems(), f"{path}:\n  " + "\n  ".join(reader.watch.problems())


def test_unknown_url_gets_the_styled_404_page(reader) -> None:
    url = reader.server.url("no-such-page/")
    response = reader.page.goto(url, wait_until="load")
    reader.settle()
    assert response is not None and response.status == 404
    assert "404" in reader.page.locator("article h1").inner_text()
    # The 404 page links its assets from the site root: all of them must load.
    problems = [p for p in reader.watch.problems() if url not in p]
    assert not problems, "\n".join(problems)
    assert (
        reader.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        == "sticky"
    )
