"""Linked content tabs: choosing a framework switches every tab set and stays chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site.page_paths import example_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
EXAMPLES = example_pages(Path(__file__).resolve().parents[2] / "docs")

ACTIVE_LABELS = """() => [...document.querySelectorAll('.tabbed-set')].map(set => {
  const input = set.querySelector(':scope > input:checked');
  const label = input && set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`);
  return label ? label.innerText.trim() : null;
})"""
FRAMEWORK_TAB_SETS = """(name) => [...document.querySelectorAll('.tabbed-set')].filter(set =>
  [...set.querySelectorAll(':scope > .tabbed-labels > label')].some(l => l.innerText.trim() === name)).length"""


def active(page) -> list[str | None]:
    return page.evaluate(ACTIVE_LABELS)


def choose(page, name: str) -> None:
    page.locator(".tabbed-labels > label", has_text=name).first.click()


def test_examples_have_three_framework_tabs(reader) -> None:
    page = reader.open(EXAMPLES[0])
    labels = (
        page.locator(".tabbed-set")
        .first.locator(":scope > .tabbed-labels > label")
        .all_inner_texts()
    )
    assert [t.strip() for t in labels] == ["PyTorch", "TensorFlow", "Keras"]


@pytest.mark.parametrize("first,then", [("Keras", "PyTorch"), ("TensorFlow", "PyTorch")])
def test_choice_switches_all_tabs_and_follows_the_reader(reader, first: str, then: str) -> None:
    pages = EXAMPLES
    assert len(pages) >= 3, "need three example pages"
    page = reader.open(pages[0])
    reader.settle()

    choose(page, first)
    sets = page.evaluate(FRAMEWORK_TAB_SETS, first)
    assert sets >= 1
    assert active(page).count(first) == sets, (
        f"choosing {first} left other tab sets unchanged: {active(page)}"
    )

    # Another example through the sidebar (instant navigation, no reload) keeps the choice.
    page.locator(f".md-sidebar--primary a.md-nav__link[href$='/{pages[1]}']").first.click()
    page.wait_for_url(f"**/{pages[1]}")
    page.wait_for_selector(".tabbed-set")
    assert first in active(page), f"{page.url}: {first} not chosen after navigating: {active(page)}"
    assert all(
        label == first for label in active(page) if label in ("PyTorch", "TensorFlow", "Keras")
    )

    # Choose another framework here; a full load of a third page shows it.
    choose(page, then)
    assert active(page).count(then) == page.evaluate(FRAMEWORK_TAB_SETS, then)
    page.goto(reader.server.url(pages[2]), wait_until="load")
    assert active(page) and all(
        label == then for label in active(page) if label in ("PyTorch", "TensorFlow", "Keras")
    ), f"{pages[2]}: {active(page)}"
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())
