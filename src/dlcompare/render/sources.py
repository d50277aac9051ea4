"""data/sources.yaml -> the bibliography page.

* ``<!-- sources: -->`` lists every source except the comparison articles, grouped by
  kind (documentation, release notes, repositories ...). Each entry has an anchor
  ``source-<id>``, its publisher and dates, and the facts and claims that cite it,
  linked to the rows that show them. ``kind=docs`` limits the list to one kind.
* ``<!-- article: <id> -->`` describes one of the source articles: title,
  publisher, date, link, and a tally of what the claims audit found in it, with
  each audited claim and its verdict.
* ``<!-- cite: <id> -->`` is an inline link to one source, for a sentence of prose
  (``label="..."`` replaces the title as link text).

The pure functions take models and return Markdown; the marker functions at the
end load the data through the render context.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dlcompare.facts.models import SOURCE_KINDS, VERDICTS, Claim, Fact, Source
from dlcompare.render.context import RenderContext
from dlcompare.render.text import inline_markup, md_line, md_text, md_url, relative_link

#: kind -> heading; the order here is the order on the page.
KIND_TITLES: dict[str, str] = {
    "docs": "Documentation",
    "release-notes": "Release notes",
    "announcement": "Announcements",
    "repository": "Repositories",
    "license": "Licenses",
    "package-index": "Package indexes",
    "issue": "Issues",
    "press": "Press coverage",
    "article": "Comparison articles",
}
assert set(KIND_TITLES) == set(SOURCE_KINDS), "every source kind needs a heading"

#: verdict -> how the article card names it (matches the claims page)
VERDICT_WORDS = {
    "wrong": "wrong",
    "stale": "out of date",
    "imprecise": "imprecise",
    "partly-true": "partly true",
    "unverifiable": "unverifiable as stated",
    "correct": "correct",
}


_escape = md_text


def source_title(source: Source) -> str:
    name = _escape(source.title)
    return f"[{name}]({md_url(source.url)})" if source.url else f"*{name}*"


def source_dates(source: Source) -> str:
    parts = []
    if source.published:
        parts.append(f"published {source.published.isoformat()}")
    parts.append(f"accessed {source.accessed.isoformat()}")
    return ", ".join(parts)


def citing_facts(source_id: str, facts: list[Fact]) -> list[Fact]:
    return [fact for fact in facts if source_id in fact.all_sources()]


def citing_claims(source_id: str, claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if source_id in c.sources or source_id in c.articles]


def source_entry(
    source: Source,
    facts: list[Fact],
    claims: list[Claim],
    fact_links: dict[str, str],
    claims_link: str,
) -> str:
    """One list item: anchor, title, publisher, dates, note, and who cites it."""
    text = (
        f'- <span id="source-{source.id}"></span>{source_title(source)} — '
        f"{_escape(source.publisher)}, {source_dates(source)}."
    )
    if source.locator:
        text += f" *Where:* {_escape(source.locator)}."
    if source.note:
        text += f" {inline_markup(source.note)}"
    cited = []
    for fact in citing_facts(source.id, facts):
        target = fact_links.get(fact.id)
        name = _escape(fact.question)
        cited.append(f"[{name}]({target})" if target else name)
    n_claims = len(citing_claims(source.id, claims))
    if n_claims:
        plural = "claim" if n_claims == 1 else "claims"
        cited.append(f"[{n_claims} audited {plural}]({claims_link})")
    if cited:
        text += "<br>*Cited by:* " + "; ".join(cited)
    else:
        text += "<br>*Cited by:* nothing yet"
    return text


#: Class of the block that holds one kind's list of sources.
BIBLIOGRAPHY = "dlc-bibliography"


def render_bibliography(
    sources: dict[str, Source],
    facts: list[Fact],
    claims: list[Claim],
    fact_links: dict[str, str],
    claims_link: str,
    kinds: tuple[str, ...] | None = None,
    heading: str = "###",
) -> str:
    """Sources grouped under one heading per kind, sorted by title within a kind."""
    wanted = kinds or tuple(k for k in KIND_TITLES if k != "article")
    for kind in wanted:
        if kind not in KIND_TITLES:
            raise ValueError(f"unknown source kind '{kind}'; use one of {', '.join(KIND_TITLES)}")
    parts = []
    for kind in wanted:
        group = sorted(
            (s for s in sources.values() if s.kind == kind), key=lambda s: s.title.lower()
        )
        if not group:
            continue
        parts.append(f"{heading} {KIND_TITLES[kind]} ({len(group)})\n")
        # The wrapper lets search leave the entries out (render.search_scope).
        parts.append(f'<div class="{BIBLIOGRAPHY}" markdown>\n')
        parts.extend(source_entry(s, facts, claims, fact_links, claims_link) for s in group)
        parts.append("\n</div>\n")
    if not parts:
        raise ValueError(f"no sources of kind {', '.join(wanted)} in data/sources.yaml")
    return "\n".join(parts).rstrip() + "\n"


def verdict_tally(claims: list[Claim]) -> str:
    counts = Counter(claim.verdict for claim in claims)
    return ", ".join(f"{counts[v]} {VERDICT_WORDS[v]}" for v in VERDICTS if counts[v])


def render_article(source: Source, claims: list[Claim], claims_link: str) -> str:
    """A card for one source article: where it is from and what the audit found in it."""
    if source.kind != "article":
        raise ValueError(f"source '{source.id}' is a {source.kind}, not an article")
    date = f"published {source.published.isoformat()}" if source.published else "undated"
    lines = [
        f'<span id="source-{source.id}"></span>',
        "",
        f"**{source_title(source)}** — {_escape(source.publisher)}, {date} "
        f"(read on {source.accessed.isoformat()}).",
    ]
    if source.note:
        lines += ["", md_line(inline_markup(source.note))]
    mine = [c for c in claims if source.id in c.articles]
    lines.append("")
    if not mine:
        lines.append("The [claims audit](" + claims_link + ") lists nothing from this article.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"The [claims audit]({claims_link}) checked {len(mine)} of its statements: "
        f"{verdict_tally(mine)}."
    )
    lines.append("")
    for verdict in VERDICTS:
        for claim in (c for c in mine if c.verdict == verdict):
            lines.append(f"- *{VERDICT_WORDS[verdict]}:* {_escape(claim.claim)}")
    return "\n".join(lines) + "\n"


# --- marker entry points -------------------------------------------------------------------


@dataclass(frozen=True)
class PageLinks:
    """Links from the page being rendered to each fact's row and to the claims page."""

    facts: dict[str, str]
    claims: str


def page_links(ctx: RenderContext, default_page: str) -> PageLinks:
    page = ctx.page or default_page
    links = {
        fact_id: (
            f"#fact-{fact_id}" if target == page else relative_link(page, target, f"fact-{fact_id}")
        )
        for fact_id, target in ctx.data.fact_pages.items()
    }
    claims_link = relative_link(page, "claims.md") if page != "claims.md" else "#"
    return PageLinks(links, claims_link)


def render_sources_marker(ctx: RenderContext, *, kind: str | None = None) -> str:
    """``<!-- sources: [kind=<kind>] -->``."""
    data = ctx.data
    links = page_links(ctx, "sources.md")
    kinds = (kind,) if kind else None
    return render_bibliography(
        data.sources, data.facts, data.claims, links.facts, links.claims, kinds
    )


def render_article_marker(ctx: RenderContext, source_id: str) -> str:
    """``<!-- article: <source id> -->``."""
    sources = ctx.data.sources
    if source_id not in sources:
        articles = ", ".join(s.id for s in sources.values() if s.kind == "article")
        raise ValueError(f"unknown source id '{source_id}'; the articles are: {articles}")
    links = page_links(ctx, "sources.md")
    return render_article(sources[source_id], ctx.data.claims, links.claims)


def cite(source: Source, label: str | None = None) -> str:
    """An inline link to a source: its title (or ``label``) pointing at its URL."""
    text = _escape(label) if label else _escape(source.title)
    return f"[{text}]({md_url(source.url)})" if source.url else f"*{text}*"


def render_cite_marker(ctx: RenderContext, source_id: str, *, label: str | None = None) -> str:
    """``<!-- cite: <source id> [label="..."] -->``: a link for a sentence of prose."""
    sources = ctx.data.sources
    if source_id not in sources:
        raise ValueError(f"unknown source id '{source_id}'; add it to data/sources.yaml")
    return cite(sources[source_id], label)
