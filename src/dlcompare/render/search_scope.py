"""What the site search indexes: the prose and headings, not the code and the lists.

Every reader downloads the whole search index with their first page (Material's
search runs in the browser), so whatever it holds costs every visit. Before this
module, 40 % of its text was example code and program output, and much of the rest
repeated itself: the filterable table of every fact copies each topic page's table,
and the "Sources" lists under each table copy the Sources page. None of that helps a
reader's question find its page, and code ranks badly anyway: Material's index
splits code on punctuation, so a query for ``torch.compile`` hits every import line.

So the page hook marks these elements ``data-search-exclude`` (Material's search
plugin skips an element carrying it, with everything inside):

* every ``<pre>``: code blocks, program tabs, recorded output, notebook cells and
  notebook outputs. Inline ``code`` in sentences stays, so API names that the prose
  discusses are still found, on the page that explains them;
* the filterable table of all facts (``comparison/``): the topic pages hold the
  same rows, under headings that name the topic;
* the collapsible "Sources" lists under tables (``??? quote``), and the Sources
  page's lists of documents (``dlc-bibliography``): a reader looks for a topic, not
  for a document's title, and each document is reached from the facts citing it;
* copies of a facts table outside the Comparison tables section
  (``dlc-table--copy``): the copy's page is found by its prose, the rows by
  the topic's own page;
* SVG charts with their captions, tables of measurements and the generated findings (the
  benchmarks'): numbers no reader types into a search box; the prose around them
  says what they show;
* superscripts: the citation numbers ``[1][2]`` after fact values, footnote marks.

* the release matrix's grids (``compat-table``): a ✓ per program and release, and
  its table of typed fact ranges against the runs (the sentence above it says the
  counts);
* the release range under each verified call of the migration table
  (``dlc-measured-range``): the same "runs on torch 2.12–2.15" a hundred times;
* table captions, which repeat the heading above the table;
* whole pages: the Contributing section, for people changing the site, who find
  it in the navigation, and the Sources page, a list of documents that each fact
  already links; in the index both outranked the answers to readers' questions
  (``exclude_page``, read by the page hook).

Each marked element is one that never contains another element of its own tag: the
search plugin recognises the end of an excluded element by its tag name alone, so a
nested ``<div>`` closing would end the exclusion early.
"""

from __future__ import annotations

import re

ATTRIBUTE = "data-search-exclude"

#: Opening tags to mark, each with why search should not see what it holds.
EXCLUDED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<pre(?=[\s>])"), "code blocks, program output, notebook cells"),
    (re.compile(r'<table(?= class="dlc-facts-table")'), "the table of every fact"),
    (re.compile(r'<details(?= class="quote")'), "sources lists under tables"),
    (re.compile(r'<div(?= class="dlc-bibliography")'), "the Sources page's lists"),
    (re.compile(r'<div(?= class="dlc-table[^"]*\bdlc-table--copy\b)'), "copied fact tables"),
    (re.compile(r'<div(?= class="dlc-table[^"]*\bdlc-table--numbers\b)'), "measurements"),
    (re.compile(r'<div(?= class="dlc-findings")'), "the benchmarks' measured comparisons"),
    (re.compile(r'<figure(?= class="dlc-bench-figure")'), "charts and their captions"),
    (re.compile(r"<svg(?=[\s>])"), "charts"),
    (re.compile(r"<sup(?=[\s>])"), "citation and footnote numbers"),
    (re.compile(r'<table(?= class="compat-table")'), "the release matrix's grids"),
    (re.compile(r'<table(?= class="compat-table compat-agreement")'), "typed ranges vs runs"),
    (re.compile(r'<small(?= class="dlc-measured-range")'), "each migration call's releases"),
    (re.compile(r"<caption(?=[\s>])"), "table captions"),
)
#: Folders of docs/ whose pages search leaves out altogether.
UNSEARCHED_FOLDERS = ("contributing/",)
#: Single pages search leaves out: the bibliography, and the claims audit (33 KB of
#: quoted article statements that outranked the answering pages for ordinary questions;
#: the FAQ and the fact tables carry the answers, and link to it).
UNSEARCHED_PAGES = ("sources.md", "claims.md")
#: Notebook pages repeat the examples in long form; search sends readers to the examples.
UNSEARCHED_SUFFIXES = (".ipynb",)


def exclude_page(src_uri: str) -> bool:
    """True for a page the index should not hold at all (Material's ``search: exclude``)."""
    return (
        src_uri.startswith(UNSEARCHED_FOLDERS)
        or src_uri in UNSEARCHED_PAGES
        or src_uri.endswith(UNSEARCHED_SUFFIXES)
    )


def exclude_from_search(page_html: str) -> str:
    """``page_html`` with the elements search should skip marked ``data-search-exclude``."""
    for pattern, _why in EXCLUDED:
        page_html = pattern.sub(lambda m: f"{m[0]} {ATTRIBUTE}", page_html)
    return page_html
