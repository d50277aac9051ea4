"""Claims -> the claims page: what the articles said, what is true now, and why.

``<!-- claims: -->`` becomes a short tally of verdicts followed by one admonition
per claim, grouped by verdict. Related facts link to the comparison page that
shows them (found from the facts markers in docs/), so a reader can go from the
claim to the current, sourced row.
"""

from __future__ import annotations

from collections import Counter

from dlcompare.facts.models import VERDICT_RULES, VERDICTS, Claim, Fact, Source
from dlcompare.render.context import RenderContext
from dlcompare.render.facts_tables import as_of_line
from dlcompare.render.text import inline_markup, md_text, md_title, md_url, relative_link

__all__ = ["VERDICT_STYLE", "relative_link", "render_claim", "render_claims"]

#: verdict -> (admonition type, heading shown to readers)
VERDICT_STYLE = {
    "wrong": ("failure", "Wrong"),
    "stale": ("warning", "Out of date"),
    "imprecise": ("info", "Imprecise"),
    "partly-true": ("note", "Partly true"),
    "unverifiable": ("question", "Unverifiable as stated"),
    "correct": ("success", "Correct"),
}


def _source_ref(source: Source) -> str:
    if source.url:
        return f"[{md_text(source.title)}]({md_url(source.url)}) ({md_text(source.publisher)})"
    return f"{md_text(source.title)} ({md_text(source.publisher)})"


def _said_in(claim: Claim, article: str, source: Source) -> str:
    """The article, and the section that makes the claim when it is recorded."""
    section = claim.section_of(article)
    ref = _source_ref(source)
    return f"{ref}, section “{md_text(section)}”" if section else ref


def verdict_rules_table() -> str:
    """The rule behind each verdict, as a Markdown table (one row per verdict)."""
    rows = ["| Verdict | Rule |", "|---|---|"]
    rows += [f"| {VERDICT_STYLE[v][1]} | {md_text(VERDICT_RULES[v])} |" for v in VERDICTS]
    return "\n".join(rows)


def render_claim(
    claim: Claim,
    sources: dict[str, Source],
    facts: dict[str, Fact],
    fact_pages: dict[str, str],
    page: str,
) -> str:
    kind, label = VERDICT_STYLE[claim.verdict]
    body = [
        f"**What is true now:** {inline_markup(claim.now)}",
        "",
        "**Said in:** "
        + "; ".join(_said_in(claim, a, sources[a]) for a in claim.articles if a in sources),
        "",
    ]
    if claim.facts:
        links = []
        for fact_id in claim.facts:
            fact = facts.get(fact_id)
            name = md_text(fact.question if fact else fact_id)
            target = fact_pages.get(fact_id)
            links.append(
                f"[{name}]({relative_link(page, target, f'fact-{fact_id}')})" if target else name
            )
        body += ["**Related facts:** " + "; ".join(links), ""]
    body += [
        "**Sources:** " + "; ".join(_source_ref(sources[s]) for s in claim.sources if s in sources),
        "",
        f"*Checked on {claim.as_of.isoformat()}.*",
    ]
    title = md_title(claim.claim)
    lines = [f'!!! {kind} "{label}: {title}"', ""]
    lines += [f"    {line}" if line else "" for line in body]
    return "\n".join(lines)


def render_claims(
    claims: list[Claim],
    sources: dict[str, Source],
    facts: dict[str, Fact],
    fact_pages: dict[str, str],
    page: str = "claims.md",
) -> str:
    if not claims:
        raise ValueError("no claims in data/claims.yaml")
    counts = Counter(claim.verdict for claim in claims)
    tally = ["| Verdict | Claims |", "|---|---:|"]
    tally += [f"| {VERDICT_STYLE[v][1]} | {counts[v]} |" for v in VERDICTS if counts[v]]
    oldest = min(claim.as_of for claim in claims)
    parts = [
        "\n".join(tally),
        "",
        "How each verdict is decided:",
        "",
        verdict_rules_table(),
        "",
        as_of_line(f"{len(claims)} claims; the oldest verdict was checked on", oldest),
        "",
    ]
    for verdict in VERDICTS:
        for claim in (c for c in claims if c.verdict == verdict):
            parts += [render_claim(claim, sources, facts, fact_pages, page), ""]
    return "\n".join(parts).rstrip() + "\n"


def render_claims_marker(ctx: RenderContext) -> str:
    """``<!-- claims: -->``: every claim, grouped by verdict."""
    data = ctx.data
    return render_claims(
        data.claims, data.sources, data.facts_by_id, data.fact_pages, ctx.page or "claims.md"
    )
