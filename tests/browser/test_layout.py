"""Layout at three widths: a phone (375), a tablet (780) and a desktop (1280 px).

* no page scrolls sideways at any of them;
* on a phone the fact tables are one card per fact, each value labelled with its
  framework;
* on a desktop every program line of up to 100 columns shows without scrolling;
* a code block that does scroll sideways can be reached and scrolled from the
  keyboard, and each such box has a name of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site.page_paths import example_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLES = example_pages(DOCS)
WIDTHS = (375, 780, 1280)
#: A page of each kind: home, example, facts tables, filterable table, notebook.
SAMPLE = ["", EXAMPLES[0], "lenses/deployment/", "comparison/", "notebooks/keras-digits/"]
FACTS_PAGE = "comparison/deployment/"  # a canonical fact table (lenses link to it)


def viewport(width: int) -> dict[str, object]:
    phone = width < 500
    return {"viewport": {"width": width, "height": 800}, "is_mobile": phone, "has_touch": phone}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", SAMPLE)
def test_no_sideways_page_scroll(shared_reader, path: str, width: int) -> None:
    page = shared_reader(**viewport(width)).open(path)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{path or 'home'} at {width}px: the page is {wide}px wide"


def test_fact_tables_are_cards_on_a_phone(shared_reader) -> None:
    page = shared_reader(**viewport(375)).open(FACTS_PAGE)
    cards = page.evaluate(
        """() => [...document.querySelectorAll('.dlc-table--cards tbody tr')].map(tr => {
          const box = tr.getBoundingClientRect();
          const cell = tr.querySelector('td:nth-child(2)');
          return {display: getComputedStyle(tr).display, right: box.right,
                  label: getComputedStyle(cell, '::before').content};
        })"""
    )
    assert cards, f"{FACTS_PAGE}: no fact table rendered as cards"
    assert all(card["display"] == "block" for card in cards)
    assert all(card["right"] <= 375 for card in cards), "a card sticks out of the screen"
    assert {card["label"] for card in cards} == {'"PyTorch"'}  # column 2 says whose value
    caption = page.locator(".dlc-table--cards caption").first.inner_text()
    assert caption.strip(), "the fact table has no caption"


@pytest.mark.parametrize("path", EXAMPLES)
def test_program_lines_fit_a_desktop(shared_reader, path: str) -> None:
    page = shared_reader(**viewport(1280)).open(path)
    page.add_style_tag(content=".tabbed-content > .tabbed-block { display: block !important }")
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('article pre > code')].filter(code => {
          const longest = Math.max(...code.textContent.split('\\n').map(l => l.length));
          return longest <= 100 && code.scrollWidth > code.clientWidth + 1;
        }).map(code => code.textContent.split('\\n')[0].slice(0, 60))"""
    )
    assert not clipped, f"{path}: code of ≤ 100 columns scrolls at 1280px: {clipped}"


def test_scrolling_code_is_keyboard_reachable_with_distinct_names(make_reader) -> None:
    reader = make_reader(**viewport(375))
    page = reader.open(EXAMPLES[0])
    page.wait_for_function("document.querySelector('[data-dlc-scroller]') !== null")
    names = page.evaluate(
        """() => [...document.querySelectorAll('[data-dlc-scroller]')]
             .filter(el => el.offsetParent !== null)
             .map(el => [el.getAttribute('tabindex'), el.getAttribute('role'),
                         el.getAttribute('aria-label')])"""
    )
    assert names and all(t == "0" and r == "region" for t, r, _ in names)
    labels = [label for _, _, label in names]
    assert len(set(labels)) == len(labels), f"scrollers share a name: {labels}"
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-dlc-scroller')"):
            break
    else:
        pytest.fail("Tab never reached a code block that scrolls sideways")
    before = page.evaluate("document.activeElement.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.activeElement.scrollLeft > {before}")


def test_project_scripts_do_not_block_rendering(shared_reader) -> None:
    page = shared_reader(**viewport(1280)).open("")
    blocking = page.evaluate(
        """() => [...document.querySelectorAll('script[src*="javascripts/"]')]
             .filter(s => !s.src.includes('/assets/') && !s.defer && !s.async)
             .map(s => s.getAttribute('src'))"""
    )
    assert not blocking, f"render-blocking project scripts: {blocking}"
