"""Search: typing a key term lists the page that explains it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: term -> pages (site paths) of which at least one must be among the first results.
SEARCHES: dict[str, tuple[str, ...]] = {
    "GradientTape": ("examples/autograd/", "comparison/execution/"),
    "torch.export": ("examples/export/", "comparison/deployment/"),
    "KERAS_BACKEND": ("keras3/", "comparison/ecosystem/"),
}
TOP = 5  # results a reader sees without scrolling


def result_pages(page, base_url: str) -> list[str]:
    """Site paths of the result documents, in order (sections of a page count once)."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(a => a.href)"
    )
    paths: list[str] = []
    for href in hrefs:
        path = href.split("#", 1)[0].split("?", 1)[0].removeprefix(base_url)
        if path not in paths:
            paths.append(path)
    return paths


@pytest.mark.parametrize("term", list(SEARCHES))
def test_search_finds_the_page(reader, term: str) -> None:
    page = reader.open("")
    box = page.get_by_role("combobox", name="Search").or_(page.locator(".md-search__input")).first
    box.click()
    box.press_sequentially(term, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    found = result_pages(page, reader.server.base_url)
    expected = SEARCHES[term]
    assert set(found[:TOP]) & set(expected), (
        f"searching {term!r}: none of {expected} in the first {TOP} results {found[:TOP]}"
    )
    # Clicking the first result opens it (instant navigation), term highlighted.
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_url(
        lambda url: "#" in url or url.rstrip("/") != reader.server.base_url.rstrip("/")
    )
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())
