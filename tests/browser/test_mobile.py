"""A 390×844 phone: the navigation drawer opens, and nothing overflows sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site.page_paths import doc_pages, example_pages, page_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC_PAGES = doc_pages(DOCS)
EXAMPLES = example_pages(DOCS)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Tables wider than the screen must sit in (or be) a horizontal scroller.
UNSCROLLABLE_WIDE_TABLES = """() => {
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const bad = [];
  for (const table of document.querySelectorAll('article table')) {
    if (table.getBoundingClientRect().width <= window.innerWidth) continue;
    let el = table, ok = false;
    while (el && el !== document.body) { if (scrolls(el) && el.clientWidth <= window.innerWidth) { ok = true; break; } el = el.parentElement; }
    if (!ok) bad.push(table.outerHTML.slice(0, 120));
  }
  return bad;
}"""


@pytest.fixture
def phone(make_reader):
    return make_reader(**PHONE)


def test_navigation_drawer_opens(phone) -> None:
    page = phone.open("")
    drawer = page.locator("#__drawer")
    assert not drawer.is_checked()
    page.locator("label.md-header__button[for='__drawer']").click()
    assert drawer.is_checked()
    nav = page.locator(".md-sidebar--primary")
    page.wait_for_function(
        "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    box = nav.bounding_box()
    assert box and box["x"] >= 0 and box["width"] > 200, f"drawer not on screen: {box}"
    # With navigation.tabs the drawer opens on the current tab's panel (Choose, for the
    # home page): tap its back arrow to reach the top level, as a reader would.
    back = nav.locator(".md-nav__item--active > nav > label.md-nav__title").first
    if back.is_visible():
        back.click()
    # Sections open as sliding panels: tap "Examples", then an example.
    nav.locator("label.md-nav__link", has_text="Examples").first.click()
    link = nav.locator(f"a.md-nav__link[href$='/{EXAMPLES[0]}']").first
    link.click()
    page.wait_for_url(f"**/{EXAMPLES[0]}")
    assert not drawer.is_checked(), "the drawer stayed open after choosing a page"
    assert not phone.watch.problems(), "\n".join(phone.watch.problems())


@pytest.mark.parametrize("path", DOC_PAGES, ids=page_id)
def test_page_fits_a_phone(shared_reader, path: str) -> None:
    page = shared_reader(**PHONE).open(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path}: the page scrolls sideways ({width}px wide on a 390px screen)"
    bad = page.evaluate(UNSCROLLABLE_WIDE_TABLES)
    assert not bad, f"{path}: wide tables without their own scroller: {bad}"
