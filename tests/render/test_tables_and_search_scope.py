"""Renderer tables get captions and column labels; search skips code and duplicates."""

from __future__ import annotations

import markdown

from dlcompare.render.search_scope import exclude_from_search
from dlcompare.render.tables import captioned, finish_tables

TABLE = "| Fact | PyTorch | Keras |\n|---|---|---|\n| Licence? | **BSD** | Apache |"


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "md_in_html"])


def test_captioned_table_gets_caption_and_labels() -> None:
    html = finish_tables(to_html(captioned(TABLE, 'Licences & "governance"', cards=True)))
    assert "<caption>Licences &amp; &quot;governance&quot;</caption>" in html
    assert '<td data-label="PyTorch"><strong>BSD</strong></td>' in html
    assert '<td data-label="Keras">Apache</td>' in html
    assert 'class="dlc-table dlc-table--cards"' in html and "data-caption" not in html


def test_pages_without_wrapped_tables_are_untouched() -> None:
    html = to_html(TABLE)
    assert finish_tables(html) is html


def test_search_skips_block_code_fact_table_and_sources_lists() -> None:
    html = (
        '<p>Use <code>torch.compile</code>.</p><div class="highlight"><pre><code>x = 1</code></pre>'
        '</div><table class="dlc-facts-table"><tr><td>a</td></tr></table>'
        '<details class="quote"><summary>Sources (2)</summary></details><table><tr></tr></table>'
    )
    out = exclude_from_search(html)
    assert "<pre data-search-exclude>" in out
    assert '<table data-search-exclude class="dlc-facts-table">' in out
    assert '<details data-search-exclude class="quote">' in out
    assert "<p>Use <code>torch.compile</code>" in out  # inline code in prose stays
    assert out.endswith("<table><tr></tr></table>")  # other tables stay searchable


def test_search_skips_copies_bibliographies_and_charts() -> None:
    copy = finish_tables(to_html(captioned(TABLE, "Licences", cards=True, copy=True)))
    home = finish_tables(to_html(captioned(TABLE, "Licences", cards=True)))
    assert "<div data-search-exclude" in exclude_from_search(copy)
    assert "<div data-search-exclude" not in exclude_from_search(home)
    out = exclude_from_search('<div class="dlc-bibliography"><ul></ul></div><svg role="img"></svg>')
    assert out == (
        '<div data-search-exclude class="dlc-bibliography"><ul></ul></div>'
        '<svg data-search-exclude role="img"></svg>'
    )


def test_contributor_pages_and_release_grids_are_not_searched() -> None:
    from dlcompare.render.search_scope import exclude_page

    assert exclude_page("contributing/facts.md") and exclude_page("sources.md")
    assert not exclude_page("faq.md") and not exclude_page("examples/sources.md")
    assert exclude_page("claims.md") and exclude_page("notebooks/keras-digits.ipynb")
    assert not exclude_page("notebooks/index.md")
    grid = exclude_from_search('<table class="compat-table"></table>')
    assert grid == '<table data-search-exclude class="compat-table"></table>'
    warnings = '<table class="compat-table compat-deprecations">'
    assert exclude_from_search(warnings) == warnings  # a pasted warning should find its row
