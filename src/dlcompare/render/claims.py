"""Claims -> the claims page: what the articles said, what is true now, and why.

``<!-- claims: -->`` becomes a short tally of verdicts followed by one admonition
per claim, grouped by verdict. Related facts link to the comparison page that
shows them (found from the facts markers in docs/), so a reader can go from the
claim to the current, sourced row.
"""

from __future__ import annotations

import posixpath
from collections import Counter

from dlcompare.facts.models import VERDICTS, Claim, Fact, Source

#: verdict -> (admonition type, heading shown to readers)
VERDICT_STYLE = {
    "wrong": ("failure", "Wrong"),
    "stale": ("warning", "Out of date"),
    "imprecise": ("info", "Imprecise"),
    "partly-true": ("note", "Partly true"),
    "unverifiable": ("question", "Unverifiable as stated"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _source_ref(source: Source) -> str:
    if source.url:
        return f"[{_one_line(source.title)}]({source.url}) ({_one_line(source.publisher)})"
    return f"{_one_line(source.title)} ({_one_line(source.publisher)})"


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two pages given relative to docs/ (MkDocs resolves .md links)."""
    start = posixpath.dirname(from_page) or "."
    target = posixpath.relpath(to_page, start)
    return f"{target}#{anchor}" if anchor else target


def render_claim(
    claim: Claim,
    sources: dict[str, Source],
    facts: dict[str, Fact],
    fact_pages: dict[str, str],
    page: str,
) -> str:
    kind, label = VERDICT_STYLE[claim.verdict]
    body = [
        f"**What is true now:** {_one_line(claim.now)}",
        "",
        "**Said in:** "
        + "; ".join(_source_ref(sources[a]) for a in claim.articles if a in sources),
        "",
    ]
    if claim.facts:
        links = []
        for fact_id in claim.facts:
            fact = facts.get(fact_id)
            name = _one_line(fact.question) if fact else fact_id
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
    title = _one_line(claim.claim).replace('"', "'")
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
        f'<p class="dlc-asof">{len(claims)} claims; the oldest verdict was checked on '
        f'<time datetime="{oldest.isoformat()}">{oldest.isoformat()}</time>.</p>',
        "",
    ]
    for verdict in VERDICTS:
        for claim in (c for c in claims if c.verdict == verdict):
            parts += [render_claim(claim, sources, facts, fact_pages, page), ""]
    return "\n".join(parts).rstrip() + "\n"


def render_claims_marker(ctx, *args: str, **kwargs: str) -> str:
    from dlcompare.facts.page_index import fact_pages
    from dlcompare.render.facts_tables import load_facts

    if args or kwargs:
        raise ValueError(
            f"the claims marker takes no arguments (got {', '.join([*args, *kwargs])})"
        )
    dataset = load_facts(ctx)
    facts = {located.item.id: located.item for located in dataset.facts}
    topics = {t: [f.id for f in dataset.facts_of(t)] for t in dataset.topics}
    pages = ctx.cached("fact-pages", lambda: fact_pages(ctx.root, topics))
    return render_claims(
        [c.item for c in dataset.claims],
        dataset.source_items(),
        facts,
        pages,
        ctx.page or "claims.md",
    )
