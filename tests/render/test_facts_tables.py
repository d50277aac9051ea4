"""Rendering facts: per-topic Markdown tables and the filterable HTML table."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from dlcompare.facts.loader import load_dataset
from dlcompare.facts.schema import write_json_schema
from dlcompare.render.context import RenderContext
from dlcompare.render.facts_tables import (
    render_facts_marker,
    render_facts_table,
    render_filter_marker,
    render_filter_table,
)
from dlcompare.render.markers import MarkerError, expand
from dlcompare.render.tables import finish_tables

#: the facts tests' small valid project (tests/facts/fixtures/project), shared read-only
FACTS_FIXTURE = Path(__file__).resolve().parents[1] / "facts" / "fixtures" / "project"


@pytest.fixture
def facts_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FACTS_FIXTURE, root)
    write_json_schema(root)
    return root


@pytest.fixture
def dataset(facts_project: Path):
    return load_dataset(facts_project)


def table_lines(text: str) -> list[str]:
    """The Markdown table's lines, without the captioned wrapper around them."""
    return [line for line in text.splitlines() if line.startswith("|")]


def test_table_has_a_row_per_fact_and_a_column_per_framework(dataset):
    text = render_facts_table(dataset.facts_of("base"), dataset.source_items())
    lines = table_lines(text)
    assert lines[0] == "| Fact | PyTorch | TensorFlow | Keras |"
    assert lines[1] == "|---|---|---|---|"
    assert lines[2].startswith('| <span id="fact-base-one"></span>Does it export?')
    assert lines[3].startswith('| <span id="fact-base-two"></span>Which license?')


def test_cells_show_value_note_qualifiers_and_numbered_sources(dataset):
    text = render_facts_table(dataset.facts_of("base"), dataset.source_items())
    row_one, row_two = table_lines(text)[2:4]
    assert '<span class="dlc-status dlc-status--yes">yes</span> — Through the exporter.' in row_one
    assert (
        '[[1]](https://example.org/a "Framework A documentation — Example, accessed 2026-11-20")'
        in row_one
    )
    assert "*JAX backend:*" in row_one and "*PyTorch backend:*" in row_one
    assert "<br>" in row_one  # two Keras variants in one cell
    assert "**Apache-2.0** (from 2.16, as of TensorFlow 2.21.0)" in row_two
    assert "checked by code" in row_one and "checked by code" not in row_two


def test_table_states_the_oldest_as_of_and_lists_sources(dataset):
    text = render_facts_table(dataset.facts_of("base"), dataset.source_items())
    assert 'checked on <time datetime="2026-11-20">2026-11-20</time>' in text
    assert '??? quote "Sources (2)"' in text
    assert (
        "    1. [Framework A documentation](https://example.org/a) — Example, accessed 2026-11-20"
        in text
    )


def test_pipes_and_markup_in_notes_are_escaped(dataset):
    fact = dataset.facts_of("base")[0]
    fact.values.pytorch[0].note = "a | b <i>"
    row = table_lines(render_facts_table([fact], dataset.source_items()))[2]
    assert "a &#124; b &lt;i&gt;" in row
    assert row.count(" | ") == 3  # still four columns


def test_table_renders_to_html_with_links(dataset):
    text = render_facts_table(dataset.facts_of("base"), dataset.source_items())
    html = finish_tables(markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"]))
    assert html.count("<tr>") == 3
    assert "<caption>Facts compared across the frameworks</caption>" in html
    assert html.count('data-label="PyTorch"') == 2  # each row's cell knows its column
    assert '<sup><a href="https://example.org/a"' in html


def test_marker_by_topic_and_by_ids(facts_project: Path):
    ctx = RenderContext(root=facts_project, page="page.md")
    by_topic = render_facts_marker(ctx, topic="base")
    by_ids = render_facts_marker(ctx, ids="extra-one,base-two")
    assert "fact-base-one" in by_topic and "fact-extra-one" not in by_topic
    assert by_ids.index("fact-extra-one") < by_ids.index("fact-base-two")
    # A topic's table is captioned with the topic's title; a pick of facts generically.
    assert 'data-caption="Base facts: PyTorch, TensorFlow and Keras"' in by_topic
    assert 'data-caption="Facts compared across the frameworks"' in by_ids


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "say which facts to show"),
        ({"topic": "nope"}, "unknown topic 'nope'; known topics: base, extra"),
        ({"ids": "base-one,nope"}, "unknown fact id 'nope'"),
    ],
)
def test_marker_errors_are_clear(facts_project: Path, kwargs, message):
    ctx = RenderContext(root=facts_project, page="page.md")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        render_facts_marker(ctx, **kwargs)


def test_unknown_marker_argument_names_page_line_and_suggestion(facts_project: Path):
    # Was a hand-written check inside the renderer ("unknown argument(s) colour"); now
    # the registry checks every marker against its renderer's signature.
    ctx = RenderContext(root=facts_project, page="page.md")
    with pytest.raises(
        MarkerError,
        match=r'docs/page.md:1: marker "facts": unknown argument "topc" — did you mean "topic"\?',
    ):
        expand("<!-- facts: topc=base -->\n", ctx)
    with pytest.raises(MarkerError, match=r'unknown argument "colour"; use "facts: \[topic=…\]'):
        expand("<!-- facts: colour=red -->\n", ctx)


def test_expand_reports_page_and_line(facts_project: Path):
    ctx = RenderContext(root=facts_project, page="page.md")
    with pytest.raises(MarkerError, match=r"docs/page.md:3: facts: unknown topic 'nope'"):
        expand("# T\n\n<!-- facts: topic=nope -->\n", ctx)


def test_broken_data_refuses_to_render(facts_project: Path):
    (facts_project / "data/facts/extra.yaml").write_text("topic: extra\n")
    ctx = RenderContext(root=facts_project, page="page.md")
    with pytest.raises(ValueError, match="the facts data has errors"):
        render_facts_marker(ctx, topic="base")


def test_data_is_loaded_once_per_build(facts_project: Path):
    ctx = RenderContext(root=facts_project, page="page.md")
    render_facts_marker(ctx, topic="base")
    cached = ctx.data.dataset
    render_facts_marker(ctx, topic="extra")
    assert ctx.data.dataset is cached


def test_filter_table_carries_topics_and_frameworks(dataset):
    groups = [(t, dataset.topics[t].item.title, dataset.facts_of(t)) for t in dataset.topic_order()]
    html = render_filter_table(groups, dataset.source_items())
    assert html.startswith('<div class="dlc-filter" data-dlc-filter>')
    assert html.count('<tr data-topic="base"') == 2 and html.count('<tr data-topic="extra"') == 1
    assert html.count('data-framework="keras"') == 4  # header + three rows
    assert '<option value="extra">Extra facts</option>' in html
    assert "3 facts." in html
    assert "\n\n" not in html.split("</table>")[0]  # one raw HTML block for Markdown


def test_filter_marker_can_limit_topics(facts_project: Path):
    ctx = RenderContext(root=facts_project, page="index.md")
    assert 'data-topic="base"' not in render_filter_marker(ctx, topics="extra")
    with pytest.raises(ValueError, match="unknown topic 'x'"):
        render_filter_marker(ctx, topics="x")
