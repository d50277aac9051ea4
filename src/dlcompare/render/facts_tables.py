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

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup

from dlcompare.facts.loader import Dataset
from dlcompare.facts.models import STATUS_VALUES, Cell, Fact, Source
from dlcompare.facts.page_index import split_ids
from dlcompare.facts.releases import Releases, releases_of
from dlcompare.paths import FRAMEWORKS
from dlcompare.render.context import RenderContext
from dlcompare.render.jinja import render
from dlcompare.render.tables import captioned
from dlcompare.render.text import Flavor, escape, inline_markup, md_text, md_url, one_line
from dlcompare.vocabulary import FRAMEWORK_LABELS


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
    """Markdown table cells: one line, HTML escaped, no character Markdown could read."""
    return md_text(text)


def _is_day(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-"


def _qualifiers(
    cell: Cell, framework: str = "", releases: Releases | None = None, fact_id: str = ""
) -> list[str]:
    """Ranges as they read: "from 1.12", "removed in 2.11" (until is the first release
    without it), "from 2.16, measured" where the release matrix confirms the typed
    start, and which release the cell describes: "as of PyTorch 2.15.0 (newest)"."""
    parts = []
    measured = releases.measured if releases else frozenset()

    def mark(version: str) -> str:
        return ", measured" if (fact_id, framework, version) in measured else ""

    if cell.since:
        text = f"since {cell.since}" if _is_day(cell.since) else f"from {cell.since}"
        parts.append(text + mark(cell.since))
    if cell.until:
        text = f"ended {cell.until}" if _is_day(cell.until) else f"removed in {cell.until}"
        parts.append(text + mark(cell.until))
    if cell.describes:
        parts.append(describes_text(cell.describes, framework, releases))
    return parts


def describes_text(describes: str, framework: str, releases: Releases | None) -> str:
    """ "as of PyTorch 2.15.0 (newest)", "as of Keras 3.15.1 (newest, pinned)"."""
    label = next((text for key, text in FRAMEWORK_LABELS.items() if key == framework), framework)
    version = releases.resolve(framework, describes) if releases else None
    if version is None:
        return (
            f"as of the {describes} {label}"
            if describes in ("newest", "pinned")
            else (f"as of {label} {describes}")
        )
    tags = releases.labels(framework, version) if releases else []
    return f"as of {label} {version} ({', '.join(tags) or 'an older release'})"


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


def cell_parts(
    fact: Fact, framework: str, numbers: SourceNumbers, releases: Releases | None = None
) -> list[CellParts]:
    out = []
    for cell in fact.values.cells(framework):
        ids = cell.sources or fact.sources
        refs = tuple((numbers.number(s), numbers.sources[s]) for s in ids if s in numbers.sources)
        out.append(
            CellParts(
                value=cell.value,
                status=cell.value if cell.value in STATUS_VALUES else None,
                when=cell.when,
                qualifiers=tuple(_qualifiers(cell, framework, releases, fact.id)),
                note=cell.note,
                refs=refs,
            )
        )
    return out


@dataclass(frozen=True)
class Syntax:
    """How one output flavour writes the few constructs a cell needs."""

    flavor: Flavor
    text: Callable[[str], str]
    em: str  # format with {}: emphasis
    strong: str
    ref: str  # format with n, url, title: a numbered source link

    def note(self, text: str) -> str:
        return inline_markup(text, self.flavor)


MARKDOWN = Syntax(
    flavor="markdown",
    text=md_text,
    em="*{}*",
    strong="**{}**",
    ref='[[{n}]]({url} "{title}")',
)
HTML = Syntax(
    flavor="html",
    text=escape,
    em="<em>{}</em>",
    strong="<strong>{}</strong>",
    ref='<a href="{url}" title="{title}">[{n}]</a>',
)


def render_variant(part: CellParts, syntax: Syntax) -> str:
    """One value of a cell (Markdown table or HTML table, by ``syntax``)."""
    bits = []
    if part.when:
        bits.append(syntax.em.format(f"{syntax.text(part.when)}:"))
    if part.status:
        bits.append(f'<span class="dlc-status dlc-status--{part.status}">{part.status}</span>')
    else:
        bits.append(syntax.strong.format(syntax.text(part.value)))
    if part.qualifiers:
        bits.append(f"({syntax.text(', '.join(part.qualifiers))})")
    text = " ".join(bits)
    if part.note:
        text += f" — {syntax.note(part.note)}"
    if part.refs:
        links = "".join(
            syntax.ref.format(
                n=n,
                url=_url(source.url, syntax) if source.url else "#sources",
                title=_attr(source_link_title(source)),
            )
            for n, source in part.refs
        )
        text += f" <sup>{links}</sup>"
    return text


def _attr(text: str) -> str:
    """A quoted title attribute: one line, HTML escaped, no table pipe."""
    return escape(one_line(text)).replace("|", "&#124;")


def _url(url: str, syntax: Syntax) -> str:
    return md_url(url) if syntax.flavor == "markdown" else escape(url)


def markdown_cell(
    fact: Fact, framework: str, numbers: SourceNumbers, releases: Releases | None = None
) -> str:
    parts = cell_parts(fact, framework, numbers, releases)
    return "<br>".join(render_variant(p, MARKDOWN) for p in parts)


def question_cell(fact: Fact) -> str:
    text = f'<span id="fact-{fact.id}"></span>{_escape_cell(fact.question)}'
    if fact.check:
        text += (
            f' <span class="dlc-checked" title="verified by {_attr(fact.check)} in the test '
            'suite">checked by code</span>'
        )
    return text


def oldest_as_of(facts: Iterable[Fact]) -> date | None:
    dates = [fact.as_of for fact in facts]
    return min(dates) if dates else None


def as_of_line(lead: str, day: date) -> str:
    """``<p class="dlc-asof">{lead} <time>day</time>.</p>``, shared by every table."""
    return render("asof.html", lead=lead, day=day.isoformat())


def sources_block(numbers: SourceNumbers, title: str = "Sources") -> str:
    cited = numbers.cited()
    if not cited:
        return ""
    lines = [f'??? quote "{title} ({len(cited)})"', ""]
    for n, source in cited:
        name = _escape_cell(source.title)
        link = f"[{name}]({md_url(source.url)})" if source.url else name
        where = f", {_escape_cell(source.locator)}" if source.locator else ""
        lines.append(
            f"    {n}. {link}{where} — {_escape_cell(source.publisher)}, accessed "
            f"{source.accessed.isoformat()}"
        )
    return "\n".join(lines)


#: Where each topic's table has its home (pages elsewhere show copies).
CANONICAL_FOLDER = "comparison/"
#: The caption of a table of facts picked by id (a topic's table is named after it).
DEFAULT_CAPTION = "Facts compared across the frameworks"


def render_facts_table(
    facts: list[Fact],
    sources: dict[str, Source],
    releases: Releases | None = None,
    caption: str = DEFAULT_CAPTION,
    copy: bool = False,
) -> str:
    """A Markdown table of ``facts`` followed by its as-of line and sources block.

    The table is :func:`~dlcompare.render.tables.captioned` and becomes cards on a phone:
    four columns of sentences do not fit 390 px, and a sideways scroll hides the
    frameworks being compared.
    """
    oldest = oldest_as_of(facts)
    if oldest is None:
        raise ValueError("no facts selected")
    numbers = SourceNumbers(sources)
    header = "| Fact | " + " | ".join(FRAMEWORK_LABELS[f] for f in FRAMEWORKS) + " |"
    rule = "|---|" + "---|" * len(FRAMEWORKS)
    rows = [
        f"| {question_cell(fact)} | "
        + " | ".join(markdown_cell(fact, f, numbers, releases) for f in FRAMEWORKS)
        + " |"
        for fact in facts
    ]
    as_of = as_of_line("Oldest fact in this table checked on", oldest)
    table = captioned("\n".join([header, rule, *rows]), caption, cards=True, copy=copy)
    parts = [table, "", as_of, "", sources_block(numbers)]
    return "\n".join(parts).rstrip() + "\n"


# --- the filterable overall table --------------------------------------------------------


def render_filter_table(
    topics: list[tuple[str, str, list[Fact]]],
    sources: dict[str, Source],
    releases: Releases | None = None,
) -> str:
    """One HTML table of every fact; ``topics`` is [(topic, title, facts)] in display order."""
    numbers = SourceNumbers(sources)
    rows = []
    all_facts = []
    for topic, title, facts in topics:
        for fact in facts:
            all_facts.append(fact)
            cells = [
                (
                    f,
                    Markup(
                        "<br>".join(
                            render_variant(p, HTML) for p in cell_parts(fact, f, numbers, releases)
                        )
                    ),
                )
                for f in FRAMEWORKS
            ]
            rows.append(
                {
                    "topic": topic,
                    "fact": fact.id,
                    "question": one_line(fact.question),
                    "title": title,
                    "cells": cells,
                }
            )
    table = render(
        "filter_table.html",
        topics=[{"id": topic, "title": title} for topic, title, _ in topics],
        frameworks=FRAMEWORKS,
        labels=FRAMEWORK_LABELS,
        rows=rows,
        count=len(all_facts),
    )
    out = [table, ""]
    oldest = oldest_as_of(all_facts)
    if oldest:
        out += [as_of_line("Oldest fact in this table checked on", oldest), ""]
    out.append(sources_block(numbers, title="Sources for the whole table"))
    return "\n".join(out).rstrip() + "\n"


# --- marker entry points -------------------------------------------------------------------


def select_facts(dataset: Dataset, topic: str | None, ids: str | None) -> list[Fact]:
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


def measured_releases(ctx: RenderContext) -> Releases:
    """The facts' releases, with the typed ranges the release matrix confirms."""
    from dlcompare.render.compat import confirmed_ranges

    releases = releases_of(located.item for located in ctx.data.dataset.facts)
    return replace(releases, measured=confirmed_ranges(ctx))


def render_facts_marker(
    ctx: RenderContext, *, topic: str | None = None, ids: str | None = None
) -> str:
    """``<!-- facts: topic=<topic> -->`` or ``<!-- facts: ids=<id>,<id> -->``."""
    data = ctx.data
    releases = measured_releases(ctx)
    caption = DEFAULT_CAPTION
    if topic and not ids and topic in data.dataset.topics:
        caption = f"{data.dataset.topics[topic].item.title}: PyTorch, TensorFlow and Keras"
    chosen = select_facts(data.dataset, topic, ids)
    # The Comparison tables section is each topic's home; elsewhere a facts table
    # repeats rows shown there, and search should send readers to one place.
    copy = not ctx.page.startswith(CANONICAL_FOLDER)
    return render_facts_table(chosen, data.sources, releases, caption, copy=copy)


def render_filter_marker(ctx: RenderContext, *, topics: str | None = None) -> str:
    """``<!-- facts-filter: [topics=<a>,<b>] -->``."""
    dataset = ctx.data.dataset
    wanted = split_ids(topics) or tuple(dataset.topic_order())
    for topic in wanted:
        if topic not in dataset.topics:
            raise ValueError(f"unknown topic '{topic}'")
    groups = [(t, dataset.topics[t].item.title, dataset.facts_of(t)) for t in wanted]
    releases = measured_releases(ctx)
    return render_filter_table(groups, ctx.data.sources, releases)
