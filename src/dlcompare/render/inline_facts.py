"""Single values from data/ inside a sentence, so prose never retypes a version or date.

Three inline markers; each renders a short piece of text with no line breaks:

* ``<!-- fact: latest-release pytorch -->`` gives one framework's value of a fact
  (``2.15.0``). Options: ``part=note|since|until|when`` picks another field of the
  cell (a note loses its final full stop, so the page supplies punctuation), ``when="JAX backend"`` picks one of several variants, and ``link=yes``
  links the text to the table row that shows the fact.
  ``<!-- fact: tpu -->`` (no framework) links the fact's question to that row,
  ``label="..."`` replaces the question as link text.
* ``<!-- checked: facts -->`` gives a date: the oldest ``as_of`` of the facts (every
  fact was checked on or after it); ``claims`` does the same for claims, and
  ``examples`` gives the newest run record's day. ``edge=oldest|newest`` flips it.
* ``<!-- count: facts -->`` gives a number: ``facts``, ``sources``, ``claims``,
  ``articles``, ``tasks`` or ``programs``.

The pure functions take loaded data and return strings; the ``*_marker`` functions
at the end fetch the data through the render context.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from dlcompare.facts.models import Cell, Claim, Fact, Source
from dlcompare.paths import FRAMEWORKS

PARTS: tuple[str, ...] = ("value", "note", "since", "until", "when")
COUNTABLE: tuple[str, ...] = ("facts", "sources", "claims", "articles", "tasks", "programs")
CHECKABLE: tuple[str, ...] = ("facts", "claims", "examples")
EDGES: tuple[str, ...] = ("oldest", "newest")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _flag(value: str | None, name: str) -> bool:
    if value is None:
        return False
    if value in ("yes", "no"):
        return value == "yes"
    raise ValueError(f"{name}={value}: write {name}=yes or {name}=no")


def pick_cell(fact: Fact, framework: str, when: str | None = None) -> Cell:
    """The one cell a sentence means: the only one, or the variant named by ``when``."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"unknown framework '{framework}'; use one of {', '.join(FRAMEWORKS)}")
    cells = fact.values.cells(framework)
    if when is not None:
        for cell in cells:
            if cell.when == when:
                return cell
        known = ", ".join(f'"{c.when}"' for c in cells if c.when) or "none"
        raise ValueError(
            f"fact '{fact.id}' has no {framework} value when=\"{when}\"; known: {known}"
        )
    if len(cells) > 1:
        known = ", ".join(f'when="{c.when}"' for c in cells)
        raise ValueError(
            f"fact '{fact.id}' has {len(cells)} values for {framework}; add one of: {known}"
        )
    return cells[0]


def cell_text(fact: Fact, framework: str, part: str = "value", when: str | None = None) -> str:
    """One field of one framework's cell, as plain text."""
    if part not in PARTS:
        raise ValueError(f"part={part} is not one of {', '.join(PARTS)}")
    cell = pick_cell(fact, framework, when)
    text = getattr(cell, part)
    if text is None:
        raise ValueError(
            f"fact '{fact.id}' has no '{part}' for {framework}; "
            f"pick another part or add `{part}:` in data/facts/"
        )
    text = _one_line(text)
    if part == "note" and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]  # the sentence around the marker supplies its own punctuation
    return text


def link_to(text: str, target: str | None) -> str:
    """Markdown link, or the bare text when the fact is on no page yet."""
    if not target:
        return text
    label = text.replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({target})"


def oldest_or_newest(days: Iterable[date], edge: str) -> date | None:
    if edge not in EDGES:
        raise ValueError(f"edge={edge} is not one of {', '.join(EDGES)}")
    days = list(days)
    if not days:
        return None
    return min(days) if edge == "oldest" else max(days)


def time_tag(day: date | None) -> str:
    if day is None:
        return "never"
    return f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>'


def count_of(
    what: str,
    facts: list[Fact],
    sources: dict[str, Source],
    claims: list[Claim],
    tasks: set[str],
    programs: int,
) -> int:
    if what not in COUNTABLE:
        raise ValueError(f"cannot count '{what}'; use one of {', '.join(COUNTABLE)}")
    return {
        "facts": len(facts),
        "sources": len(sources),
        "claims": len(claims),
        "articles": sum(1 for s in sources.values() if s.kind == "article"),
        "tasks": len(tasks),
        "programs": programs,
    }[what]


# --- marker entry points -------------------------------------------------------------------


def pages_showing(markers, topics: dict[str, list[str]]) -> dict[str, set[str]]:
    """fact id -> every page whose facts markers select it."""
    shown: dict[str, set[str]] = {}
    for marker in markers:
        selected = list(marker.ids) + (topics.get(marker.topic, []) if marker.topic else [])
        for fact_id in selected:
            shown.setdefault(fact_id, set()).add(marker.page)
    return shown


def _fact_target(ctx, fact_id: str) -> str | None:
    """Link to the row showing ``fact_id``: on this page if it has one, else the first page."""
    from dlcompare.facts.page_index import fact_pages, facts_markers
    from dlcompare.render.claims import relative_link
    from dlcompare.render.facts_tables import load_facts

    dataset = load_facts(ctx)
    topics = {t: [f.id for f in dataset.facts_of(t)] for t in dataset.topics}
    shown = ctx.cached("fact-pages-all", lambda: pages_showing(facts_markers(ctx.root), topics))
    if ctx.page in shown.get(fact_id, set()):
        return f"#fact-{fact_id}"
    page = ctx.cached("fact-pages", lambda: fact_pages(ctx.root, topics)).get(fact_id)
    if page is None:
        return None
    return relative_link(ctx.page or "index.md", page, f"fact-{fact_id}")


def render_fact_marker(
    ctx,
    fact_id: str,
    framework: str | None = None,
    *extra: str,
    part: str = "value",
    when: str | None = None,
    link: str | None = None,
    label: str | None = None,
    **kwargs: str,
) -> str:
    """``<!-- fact: <id> [<framework>] [part=..] [when=..] [link=yes] [label=..] -->``."""
    from dlcompare.render.facts_tables import load_facts

    if extra or kwargs:
        raise ValueError(
            f"unknown argument(s) {', '.join([*extra, *kwargs])}; "
            "use: fact: <id> [<framework>] [part=...] [when=...] [link=yes] [label=...]"
        )
    dataset = load_facts(ctx)
    fact = dataset.fact(fact_id)
    if fact is None:
        raise ValueError(f"unknown fact id '{fact_id}'; see data/facts/*.yaml")
    if framework is None:
        if part != "value" or when is not None:
            raise ValueError("part= and when= need a framework: fact: <id> <framework> ...")
        return link_to(_one_line(label or fact.question), _fact_target(ctx, fact_id))
    if label is not None:
        raise ValueError("label= only applies to the link form without a framework")
    text = html.escape(cell_text(fact, framework, part, when), quote=False)
    return link_to(text, _fact_target(ctx, fact_id)) if _flag(link, "link") else text


def render_checked_marker(
    ctx, what: str, *extra: str, edge: str | None = None, **kwargs: str
) -> str:
    """``<!-- checked: facts|claims|examples [edge=oldest|newest] -->``."""
    from dlcompare.render.facts_tables import load_facts

    if extra or kwargs:
        raise ValueError(f"unknown argument(s) {', '.join([*extra, *kwargs])}")
    if what not in CHECKABLE:
        raise ValueError(f"checked: {what} is not one of {', '.join(CHECKABLE)}")
    if what == "examples":
        from dlcompare.snippets.records import load_records

        records = ctx.cached("records", lambda: load_records(ctx.root))
        days = [date.fromisoformat(r.day) for r in records.values()]
        return time_tag(oldest_or_newest(days, edge or "newest"))
    dataset = load_facts(ctx)
    items = dataset.facts if what == "facts" else dataset.claims
    return time_tag(oldest_or_newest((located.item.as_of for located in items), edge or "oldest"))


def render_count_marker(ctx, what: str, *extra: str, **kwargs: str) -> str:
    """``<!-- count: facts|sources|claims|articles|tasks|programs -->``."""
    from dlcompare.render.facts_tables import load_facts
    from dlcompare.snippets.discover import discover

    if extra or kwargs:
        raise ValueError(f"unknown argument(s) {', '.join([*extra, *kwargs])}")
    dataset = load_facts(ctx)
    programs = ctx.cached("programs", lambda: discover(ctx.root))
    number = count_of(
        what,
        [located.item for located in dataset.facts],
        dataset.source_items(),
        [located.item for located in dataset.claims],
        {p.task for p in programs},
        len(programs),
    )
    return str(number)
