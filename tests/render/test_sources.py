"""The bibliography (``sources``) and article cards (``article``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.render.miniproject import context, make_project

from dlcompare.facts.models import Claim, Source
from dlcompare.render.markers import MarkerError, expand
from dlcompare.render.sources import (
    KIND_TITLES,
    render_article,
    render_bibliography,
    source_entry,
    verdict_tally,
)

ARTICLE = Source(
    id="art",
    title="A vs B",
    publisher="Blog",
    kind="article",
    accessed=date(2026, 11, 25),
    published=date(2022, 1, 18),
)
DOC = Source(
    id="doc",
    title="Docs [v2]",
    url="https://example.org/d",
    publisher="Org",
    kind="docs",
    accessed=date(2026, 11, 24),
    note="The manual.",
)


def claim(verdict: str, text: str = "Something.", articles=("art",)) -> Claim:
    return Claim(
        id=f"c-{verdict}",
        claim=text,
        articles=list(articles),
        verdict=verdict,
        now="Now.",
        sources=["doc"],
        as_of=date(2026, 11, 25),
    )


def test_entry_has_anchor_link_dates_note_and_citations() -> None:
    entry = source_entry(DOC, [], [claim("wrong")], {}, "claims.md")
    assert entry.startswith(
        '- <span id="source-doc"></span>[Docs &#91;v2&#93;](https://example.org/d)'
    )
    assert "Org, accessed 2026-11-24. The manual." in entry
    assert "*Cited by:* [1 audited claim](claims.md)" in entry


def test_entry_without_citations_says_so() -> None:
    assert "*Cited by:* nothing yet" in source_entry(DOC, [], [], {}, "claims.md")


def test_bibliography_groups_by_kind_and_skips_articles_by_default() -> None:
    out = render_bibliography({"art": ARTICLE, "doc": DOC}, [], [], {}, "claims.md")
    assert "### Documentation (1)" in out
    assert "Comparison articles" not in out
    only = render_bibliography({"art": ARTICLE, "doc": DOC}, [], [], {}, "claims.md", ("article",))
    assert "### Comparison articles (1)" in only and "*A vs B*" in only


def test_unknown_kind_and_empty_selection_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown source kind 'blog'"):
        render_bibliography({"doc": DOC}, [], [], {}, "claims.md", ("blog",))
    with pytest.raises(ValueError, match="no sources of kind license"):
        render_bibliography({"doc": DOC}, [], [], {}, "claims.md", ("license",))


def test_every_kind_has_a_heading() -> None:
    from dlcompare.facts.models import SOURCE_KINDS

    assert set(KIND_TITLES) == set(SOURCE_KINDS)


def test_article_card_tallies_verdicts_in_claims_page_order() -> None:
    claims = [
        claim("stale", "Old."),
        claim("wrong", "False."),
        claim("stale", "Older.", ("other",)),
    ]
    card = render_article(ARTICLE, claims, "claims.md")
    assert "**" + "*A vs B*" + "** — Blog, published 2022-01-18" in card
    assert "checked 2 of its statements: 1 wrong, 1 out of date." in card
    assert card.index("*wrong:* False.") < card.index("*out of date:* Old.")
    assert "Older." not in card


def test_article_card_for_undated_article_without_claims() -> None:
    undated = ARTICLE.model_copy(update={"published": None})
    card = render_article(undated, [], "claims.md")
    assert "undated" in card and "lists nothing from this article" in card


def test_article_card_refuses_other_kinds() -> None:
    with pytest.raises(ValueError, match="'doc' is a docs, not an article"):
        render_article(DOC, [], "claims.md")


def test_verdict_tally() -> None:
    assert verdict_tally([claim("wrong"), claim("wrong"), claim("unverifiable")]) == (
        "2 wrong, 1 unverifiable as stated"
    )


# --- through the marker registry ----------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_sources_marker_links_citing_facts_to_their_rows(project: Path) -> None:
    out = expand("<!-- sources: -->", context(project, "sources.md"))
    assert "### Documentation (1)" in out and "### Release notes (1)" in out
    assert "[Data-parallel training](comparison/basics.md#fact-data-parallel)" in out
    assert "A fact on no page" in out  # cited, but on no page: no link
    assert "[2 audited claims](claims.md)" in out


def test_article_marker(project: Path) -> None:
    out = expand("<!-- article: art-one -->", context(project, "sources.md"))
    assert "checked 2 of its statements: 1 wrong, 1 out of date." in out


def test_article_marker_unknown_id_lists_the_articles(project: Path) -> None:
    with pytest.raises(MarkerError, match="unknown source id 'nope'; the articles are: art-one"):
        expand("<!-- article: nope -->", context(project, "sources.md"))


def test_cite_links_title_or_label() -> None:
    from dlcompare.render.sources import cite

    assert cite(DOC) == "[Docs &#91;v2&#93;](https://example.org/d)"
    assert cite(DOC, "the manual") == "[the manual](https://example.org/d)"
    assert cite(ARTICLE) == "*A vs B*"


def test_cite_marker(project: Path) -> None:
    ctx = context(project, "faq.md")
    assert expand('see <!-- cite: doc-a label="the docs" -->.', ctx) == (
        "see [the docs](https://example.org/export)."
    )
    with pytest.raises(
        MarkerError, match=r"unknown source id 'nope'; add it to data/sources\.yaml"
    ):
        expand("<!-- cite: nope -->", ctx)
