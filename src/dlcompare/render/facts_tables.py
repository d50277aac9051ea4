"""Facts -> Markdown tables (per topic or by id) and one filterable HTML table.

Pure functions take facts and sources and return text; the two ``*_marker``
functions at the end are what the marker registry calls at build time:

* ``<!-- facts: topic=deployment -->`` or ``<!-- facts: ids=license,governance -->``
  becomes a table: one row per fact, one column per framework. Each cell shows the
  value, its qualifiers (since/until/when), the note and numbered links to its
  sources; a "Sources" block under the table lists them, and a line states the
  oldest ``as_of`` in the table.
* ``<!-- facts-filter: -->`` becomes an HTML table of every fact with ``data-*``
  attributes that ``docs/javascripts/facts-filter.js`` uses to filter by topic,
  framework and text. Without JavaScript the full table simply shows.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dlcompare.facts.models import FRAMEWORK_LABELS, STATUS_VALUES, Cell, Fact, Source
from dlcompare.paths import FRAMEWORKS


class SourceNumbers:
    """Numbers sources in order of first citation within one table."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def cited(self) -> list[tuple[int, Source]]:
        return [(i + 1, self.sources[s]) for i, s in enumerate(self.order) if s in self.sources]


def _escape_cell(text: str) -> str:
    """Markdown table cells: no pipes, no newlines; HTML special characters escaped."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "&#124;")


def _qualifiers(cell: Cell) -> list[str]:
    parts = []
    if cell.since:
        parts.append(f"since {cell.since}")
    if cell.until:
        parts.append(f"until {cell.until}")
    return parts


def source_link_title(source: Source) -> str:
    return f"{source.title} — {source.publisher}, accessed {source.accessed.isoformat()}"


@dataclass(frozen=True)
class CellParts:
    """Pieces of one rendered cell variant, shared by the Markdown and HTML renderers."""

    value: str
    status: str | None
    when: str | None
    qualifiers: tuple[str, ...]
    note: str | None
    refs: tuple[tuple[int, Source], ...]


def cell_parts(fact: Fact, framework: str, numbers: SourceNumbers) -> list[CellParts]:
    out = []
    for cell in fact.values.cells(framework):
        ids = cell.sources or fact.sources
        refs = tuple((numbers.number(s), numbers.sources[s]) for s in ids if s in numbers.sources)
        out.append(
            CellParts(
                value=cell.value,
                status=cell.value if cell.value in STATUS_VALUES else None,
                when=cell.when,
                qualifiers=tuple(_qualifiers(cell)),
                note=cell.note,
                refs=refs,
            )
        )
    return out


def _markdown_variant(part: CellParts) -> str:
    bits = []
    if part.when:
        bits.append(f"*{_escape_cell(part.when)}:*")
    if part.status:
        bits.append(f'<span class="dlc-status dlc-status--{part.status}">{part.status}</span>')
    else:
        bits.append(f"**{_escape_cell(part.value)}**")
    if part.qualifiers:
        bits.append(f"({', '.join(_escape_cell(q) for q in part.qualifiers)})")
    text = " ".join(bits)
    if part.note:
        text += f" — {_escape_cell(part.note)}"
    if part.refs:
        links = "".join(
            f'[[{n}]]({source.url or "#sources"} "{_attr(source_link_title(source))}")'
            for n, source in part.refs
        )
        text += f" <sup>{links}</sup>"
    return text


def _attr(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True).replace("|", "&#124;")


def markdown_cell(fact: Fact, framework: str, numbers: SourceNumbers) -> str:
    return "<br>".join(_markdown_variant(p) for p in cell_parts(fact, framework, numbers))


def question_cell(fact: Fact) -> str:
    text = f'<span id="fact-{fact.id}"></span>{_escape_cell(fact.question)}'
    if fact.check:
        text += (
            f' <span class="dlc-checked" title="verified by {fact.check} in the test suite">'
            "checked by code</span>"
        )
    return text


def oldest_as_of(facts: Iterable[Fact]) -> date | None:
    dates = [fact.as_of for fact in facts]
    return min(dates) if dates else None


def sources_block(numbers: SourceNumbers, title: str = "Sources") -> str:
    cited = numbers.cited()
    if not cited:
        return ""
    lines = [f'??? quote "{title} ({len(cited)})"', ""]
    for n, source in cited:
        name = _escape_cell(source.title)
        link = f"[{name}]({source.url})" if source.url else name
        lines.append(
            f"    {n}. {link} — {_escape_cell(source.publisher)}, accessed "
            f"{source.accessed.isoformat()}"
        )
    return "\n".join(lines)


def render_facts_table(facts: list[Fact], sources: dict[str, Source]) -> str:
    """A Markdown table of ``facts`` followed by its as-of line and sources block."""
    if not facts:
        raise ValueError("no facts selected")
    numbers = SourceNumbers(sources)
    header = "| Fact | " + " | ".join(FRAMEWORK_LABELS[f] for f in FRAMEWORKS) + " |"
    rule = "|---|" + "---|" * len(FRAMEWORKS)
    rows = [
        f"| {question_cell(fact)} | "
        + " | ".join(markdown_cell(fact, f, numbers) for f in FRAMEWORKS)
        + " |"
        for fact in facts
    ]
    oldest = oldest_as_of(facts)
    as_of = (
        f'<p class="dlc-asof">Oldest fact in this table checked on '
        f'<time datetime="{oldest.isoformat()}">{oldest.isoformat()}</time>.</p>'
    )
    parts = [header, rule, *rows, "", as_of, "", sources_block(numbers)]
    return "\n".join(parts).rstrip() + "\n"


# --- the filterable overall table --------------------------------------------------------


def _html_variant(part: CellParts) -> str:
    bits = []
    if part.when:
        bits.append(f"<em>{html.escape(part.when)}:</em>")
    if part.status:
        bits.append(f'<span class="dlc-status dlc-status--{part.status}">{part.status}</span>')
    else:
        bits.append(f"<strong>{html.escape(part.value)}</strong>")
    if part.qualifiers:
        bits.append(f"({html.escape(', '.join(part.qualifiers))})")
    text = " ".join(bits)
    if part.note:
        text += f" — {html.escape(part.note)}"
    if part.refs:
        links = "".join(
            f'<a href="{html.escape(source.url or "#sources", quote=True)}" '
            f'title="{_attr(source_link_title(source))}">[{n}]</a>'
            for n, source in part.refs
        )
        text += f" <sup>{links}</sup>"
    return text


def render_filter_table(
    topics: list[tuple[str, str, list[Fact]]], sources: dict[str, Source]
) -> str:
    """One HTML table of every fact; ``topics`` is [(topic, title, facts)] in display order."""
    numbers = SourceNumbers(sources)
    head = "".join(
        f'<th scope="col" data-framework="{f}">{FRAMEWORK_LABELS[f]}</th>' for f in FRAMEWORKS
    )
    rows = []
    all_facts = []
    for topic, title, facts in topics:
        for fact in facts:
            all_facts.append(fact)
            cells = "".join(
                f'<td data-framework="{f}">'
                + "<br>".join(_html_variant(p) for p in cell_parts(fact, f, numbers))
                + "</td>"
                for f in FRAMEWORKS
            )
            rows.append(
                f'<tr data-topic="{topic}" data-fact="{fact.id}">'
                f'<th scope="row">{html.escape(fact.question)}</th>'
                f'<td data-col="topic">{html.escape(title)}</td>{cells}</tr>'
            )
    topic_data = "".join(
        f'<option value="{topic}">{html.escape(title)}</option>' for topic, title, _ in topics
    )
    oldest = oldest_as_of(all_facts)
    out = [
        '<div class="dlc-filter" data-dlc-filter>',
        f'<template class="dlc-filter__topics">{topic_data}</template>',
        '<div class="dlc-filter__scroll">',
        '<table class="dlc-facts-table">',
        f'<thead><tr><th scope="col">Question</th><th scope="col" data-col="topic">Topic</th>'
        f"{head}</tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
        "</div>",
        f'<p class="dlc-filter__status" aria-live="polite">{len(all_facts)} facts.</p>',
        "</div>",
        "",
    ]
    if oldest:
        out.append(
            f'<p class="dlc-asof">Oldest fact in this table checked on '
            f'<time datetime="{oldest.isoformat()}">{oldest.isoformat()}</time>.</p>'
        )
        out.append("")
    out.append(sources_block(numbers, title="Sources for the whole table"))
    return "\n".join(out).rstrip() + "\n"


# --- marker entry points -------------------------------------------------------------------


def load_facts(ctx):
    """The dataset for this build, loaded once and shared by every page."""
    from dlcompare.facts.loader import load_dataset

    dataset = ctx.cached("facts", lambda: load_dataset(ctx.root))
    if dataset.errors:
        first = "; ".join(str(p) for p in dataset.errors[:3])
        raise ValueError(f"the facts data has errors (run `dlcompare check`): {first}")
    return dataset


def select_facts(dataset, topic: str | None, ids: str | None) -> list[Fact]:
    from dlcompare.facts.page_index import split_ids

    if not topic and not ids:
        raise ValueError("say which facts to show: topic=<topic> or ids=<id>,<id>")
    chosen: list[Fact] = []
    if topic:
        if topic not in dataset.topics:
            known = ", ".join(dataset.topic_order())
            raise ValueError(f"unknown topic '{topic}'; known topics: {known}")
        chosen.extend(dataset.facts_of(topic))
    for fact_id in split_ids(ids):
        fact = dataset.fact(fact_id)
        if fact is None:
            raise ValueError(f"unknown fact id '{fact_id}'; see data/facts/*.yaml")
        if fact not in chosen:
            chosen.append(fact)
    return chosen


def render_facts_marker(
    ctx, *args: str, topic: str | None = None, ids: str | None = None, **kwargs: str
) -> str:
    if args or kwargs:
        extra = ", ".join([*args, *kwargs])
        raise ValueError(f"unknown argument(s) {extra}; use topic=<topic> or ids=<id>,<id>")
    dataset = load_facts(ctx)
    return render_facts_table(select_facts(dataset, topic, ids), dataset.source_items())


def render_filter_marker(ctx, *args: str, topics: str | None = None, **kwargs: str) -> str:
    from dlcompare.facts.page_index import split_ids

    if args or kwargs:
        extra = ", ".join([*args, *kwargs])
        raise ValueError(f"unknown argument(s) {extra}; facts-filter takes only topics=<a>,<b>")
    dataset = load_facts(ctx)
    wanted = split_ids(topics) or tuple(dataset.topic_order())
    for topic in wanted:
        if topic not in dataset.topics:
            raise ValueError(f"unknown topic '{topic}'")
    groups = [(t, dataset.topics[t].item.title, dataset.facts_of(t)) for t in wanted]
    return render_filter_table(groups, dataset.source_items())
