"""The filterable facts table on comparison/: by topic, by framework, by text, and reset."""

from __future__ import annotations

import re

import pytest

from dlcompare.vocabulary import FRAMEWORKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "comparison/"
VISIBLE_ROWS = """() => [...document.querySelectorAll('[data-dlc-filter] tbody tr')]
  .filter(tr => tr.offsetParent !== null).map(tr => tr.dataset.topic)"""
VISIBLE_CELLS = """(fw) => [...document.querySelectorAll(`[data-dlc-filter] [data-framework="${fw}"]`)]
  .filter(td => td.offsetParent !== null).length"""


@pytest.fixture
def table(reader):
    page = reader.open(PAGE)
    root = page.locator("[data-dlc-filter]")
    assert root.count() == 1, f"{PAGE} has no filterable facts table ([data-dlc-filter])"
    page.wait_for_selector("[data-dlc-filter] .dlc-filter__controls")
    yield page, root
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())


def test_filter_by_topic(table) -> None:
    page, root = table
    everything = page.evaluate(VISIBLE_ROWS)
    assert len(everything) > 10 and len(set(everything)) > 3

    topic = root.get_by_label("Topic")
    values = [v for v in topic.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    assert set(values) >= set(everything), "a topic in the table is missing from the Topic menu"
    chosen = max(set(everything), key=everything.count)
    topic.select_option(chosen)
    shown = page.evaluate(VISIBLE_ROWS)
    assert shown and set(shown) == {chosen}
    assert len(shown) == everything.count(chosen)
    status = root.locator(".dlc-filter__status").inner_text()
    assert re.search(rf"\b{len(shown)}\b.*\b{len(everything)}\b", status), status


def test_filter_by_framework(table) -> None:
    page, root = table
    for fw in FRAMEWORKS:
        assert page.evaluate(VISIBLE_CELLS, fw) > 0
    root.get_by_role("checkbox", name="PyTorch").uncheck()
    assert page.evaluate(VISIBLE_CELLS, "pytorch") == 0, "PyTorch cells still shown"
    assert (
        page.evaluate(VISIBLE_CELLS, "tensorflow") > 0 and page.evaluate(VISIBLE_CELLS, "keras") > 0
    )
    root.get_by_role("checkbox", name="TensorFlow").uncheck()
    root.get_by_role("checkbox", name="Keras").click()  # the last one: the filter keeps it
    assert any(page.evaluate(VISIBLE_CELLS, fw) for fw in FRAMEWORKS), (
        "unticking every framework emptied the table"
    )
    root.get_by_role("button", name="Reset").click()
    for fw in FRAMEWORKS:
        assert page.evaluate(VISIBLE_CELLS, fw) > 0


def test_filter_by_text(table) -> None:
    page, root = table
    before = len(page.evaluate(VISIBLE_ROWS))
    root.get_by_role("searchbox").fill("ONNX")
    rows = root.locator("tbody tr:visible")
    assert 0 < rows.count() < before
    for text in rows.all_inner_texts():
        assert "onnx" in text.lower()
