"""The benchmark page in Chromium: charts have axes and ticks, nothing is clipped or
overlaps at 1366 px and at 390 px, labels are at body size, tables fit the desktop
column, and the charts follow the dark scheme."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "benchmarks/"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Every chart's geometry, measured by the browser after layout.
CHARTS = """() => {
  const box = el => { const r = el.getBoundingClientRect();
    return {l: r.left, r: r.right, t: r.top, b: r.bottom, w: r.width}; };
  const body = parseFloat(getComputedStyle(document.querySelector('article p')).fontSize);
  return [...document.querySelectorAll('article svg.dlc-bench-chart')].map(svg => ({
    svg: box(svg),
    axes: svg.querySelectorAll('.dlc-axis').length,
    ticks: [...svg.querySelectorAll('.dlc-tick-label')].map(t => ({text: t.textContent, ...box(t)})),
    rows: [...svg.querySelectorAll('.dlc-row-label')].map(t => ({
      label: box(t), text: t.textContent,
      value: box(t.nextElementSibling), valueText: t.nextElementSibling.textContent})),
    texts: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent,
      size: parseFloat(getComputedStyle(t).fontSize), ...box(t)})),
    body, viewport: window.innerWidth,
  }));
}"""

TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
  let wrap = table;
  while (wrap && !['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX)) wrap = wrap.parentElement;
  const article = document.querySelector('article').getBoundingClientRect();
  return {head: table.rows[0].textContent.trim().slice(0, 60),
    right: table.getBoundingClientRect().right, articleRight: article.right,
    scroll: wrap ? wrap.scrollWidth - wrap.clientWidth : 0};
})"""


def apart(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["r"] <= b["l"] + 0.5 or b["r"] <= a["l"] + 0.5


def check_charts(charts: list[dict[str, Any]], width: int) -> None:
    assert len(charts) >= 4, f"expected the benchmark charts at {width} px, found {len(charts)}"
    for i, c in enumerate(charts):
        where = f"chart {i} at {width} px"
        svg = c["svg"]
        assert c["axes"] == 1, f"{where}: no axis line"
        assert len(c["ticks"]) >= 3, f"{where}: {len(c['ticks'])} tick labels"
        for t in c["texts"]:
            inside = svg["l"] - 1 <= t["l"] and t["r"] <= svg["r"] + 1
            assert inside and t["r"] <= c["viewport"], f"{where}: {t['text']!r} clipped: {t}"
            assert t["size"] >= c["body"] - 0.5, f"{where}: {t['text']!r} below body size"
        for a, b in zip(c["ticks"], c["ticks"][1:], strict=False):
            assert apart(a, b), f"{where}: tick labels {a['text']!r} and {b['text']!r} overlap"
        for row in c["rows"]:
            assert apart(row["label"], row["value"]), (
                f"{where}: {row['text']!r} runs into its value {row['valueText']!r}"
            )


@pytest.mark.parametrize("options", [DESKTOP, PHONE], ids=["1366px", "390px"])
def test_charts_have_axes_and_nothing_is_clipped(make_reader, options) -> None:
    reader = make_reader(**options)
    page = reader.open(PAGE)
    check_charts(page.evaluate(CHARTS), options["viewport"]["width"])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= options["viewport"]["width"], f"the page scrolls sideways ({width}px)"
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())


def test_results_tables_fit_at_1366(make_reader) -> None:
    page = make_reader(**DESKTOP).open(PAGE)
    tables = page.evaluate(TABLES)
    assert any(t["head"].startswith("Configuration") for t in tables)
    for t in tables:
        assert t["scroll"] <= 1, f"table {t['head']!r} is cut off: {t['scroll']}px hidden"
        assert t["right"] <= t["articleRight"] + 1, f"table {t['head']!r} overflows the column"


def test_charts_follow_the_dark_scheme(make_reader) -> None:
    probe = """() => { const svg = document.querySelector('article svg.dlc-bench-chart');
      const tick = svg.querySelector('.dlc-tick-label');
      const mark = svg.querySelector('.dlc-fw-pytorch, .dlc-fw-tensorflow, .dlc-fw-keras');
      return {tick: getComputedStyle(tick).fill, text: getComputedStyle(document.body).color,
              mark: mark ? getComputedStyle(mark).fill : null}; }"""
    light = make_reader(color_scheme="light", **DESKTOP).open(PAGE).evaluate(probe)
    dark = make_reader(color_scheme="dark", **DESKTOP).open(PAGE).evaluate(probe)
    assert light["tick"] == light["text"] and dark["tick"] == dark["text"]
    assert light["tick"] != dark["tick"], "chart text kept its colour in the dark scheme"
    assert light["mark"] and light["mark"] != dark["mark"], "bar colours ignore the scheme"
