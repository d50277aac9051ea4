"""Data tables the renderers write: a caption, and cells that know their column.

Python-Markdown's tables have no syntax for either, and the renderers write Markdown
tables (their cells hold Markdown links and the escaping of ``render.text``). So a
renderer wraps its table with :func:`captioned`, a ``<div markdown>`` that carries the
caption and the layout in attributes, and after Markdown has run the page hook calls
:func:`finish_tables`, which

* gives the table a real ``<caption>``, so assistive technology announces what the
  table is (an axe "best practice", and the W3C's table tutorial's first advice);
* writes each body cell's column heading into ``data-label``, from which
  ``dlcompare.css`` labels the cells when a wide table reflows into one card per row
  on a phone (``dlc-table--cards``), instead of scrolling sideways.

Pages without a wrapped table come back unchanged, untouched by any parser.
"""

from __future__ import annotations

import html
import re

from dlcompare.render.text import escape, one_line

#: Classes of the wrapper; ``--cards`` asks for the card layout on narrow screens.
WRAPPER = "dlc-table"
CARDS = "dlc-table--cards"
#: Marks a table that repeats one shown in full elsewhere (search indexes it there).
COPY = "dlc-table--copy"
#: Marks a table of measurements (numbers no reader searches for).
NUMBERS = "dlc-table--numbers"

_BLOCK = re.compile(
    r'<div class="(?P<cls>dlc-table[^"]*)" data-caption="(?P<caption>[^"]*)">'
    r"(?P<body>.*?<table[^>]*>.*?</table>)",
    re.S,
)
_TABLE_OPEN = re.compile(r"<table(?P<attrs>[^>]*)>")
_HEAD = re.compile(r"<thead>(?P<head>.*?)</thead>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
_BODY = re.compile(r"<tbody>(?P<body>.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.S)
_CELL_OPEN = re.compile(r"<(?P<tag>td|th)\b(?P<attrs>[^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def captioned(
    table: str, caption: str, *, cards: bool = False, copy: bool = False, numbers: bool = False
) -> str:
    """``table`` (Markdown) inside the wrapper that :func:`finish_tables` completes."""
    classes = " ".join([WRAPPER] + [CARDS] * cards + [COPY] * copy + [NUMBERS] * numbers)
    return (
        f'<div class="{classes}" data-caption="{escape(one_line(caption))}" markdown>\n\n'
        f"{table.strip()}\n\n</div>"
    )


def _plain(fragment: str) -> str:
    """The text of an HTML fragment, for an attribute value."""
    return escape(one_line(html.unescape(_TAG.sub("", fragment))))


def _label_cells(cells: str, labels: list[str]) -> str:
    index = iter(range(len(labels)))

    def label(match: re.Match[str]) -> str:
        n = next(index, None)
        if n is None or "data-label=" in match["attrs"]:
            return match[0]
        return f'<{match["tag"]}{match["attrs"]} data-label="{labels[n]}">'

    return _CELL_OPEN.sub(label, cells)


def _finish(match: re.Match[str]) -> str:
    body = match["body"]
    caption = match["caption"]
    if "<caption" not in body and caption:
        body = _TABLE_OPEN.sub(
            lambda m: f"<table{m['attrs']}><caption>{caption}</caption>", body, count=1
        )
    head = _HEAD.search(body)
    if head:
        labels = [_plain(cell["text"]) for cell in _HEAD_CELL.finditer(head["head"])]
        body = _BODY.sub(
            lambda b: (
                "<tbody>"
                + _ROW.sub(lambda r: f"<tr>{_label_cells(r['cells'], labels)}</tr>", b["body"])
                + "</tbody>"
            ),
            body,
            count=1,
        )
    return f'<div class="{match["cls"]}">' + body


def finish_tables(page_html: str) -> str:
    """Captions and column labels for every table a renderer wrapped on this page."""
    if f'class="{WRAPPER}' not in page_html:
        return page_html
    return _BLOCK.sub(_finish, page_html)
