"""How ranges, `describes` and claim verdicts read on the page."""

from __future__ import annotations

from datetime import date

from dlcompare.facts.models import VERDICTS, Cell, Claim, Fact, Source
from dlcompare.facts.releases import Releases
from dlcompare.render.claims import VERDICT_STYLE, render_claim, render_claims
from dlcompare.render.facts_tables import SourceNumbers, _qualifiers, markdown_cell

RELEASES = Releases(
    newest={"pytorch": "2.15.0", "tensorflow": "2.21.0", "keras": "3.15.1"},
    pinned={"pytorch": "2.13.0", "tensorflow": "2.21.0", "keras": "3.15.1"},
)


def cell(**data: str) -> Cell:
    return Cell.model_validate(data)


def test_until_reads_as_the_release_that_removed_it():
    assert _qualifiers(cell(value="no", until="2.11")) == ["removed in 2.11"]
    assert _qualifiers(cell(value="yes", since="1.12")) == ["from 1.12"]
    assert _qualifiers(cell(text="PyTorch Foundation", since="2022-09-12")) == ["since 2022-09-12"]
    assert _qualifiers(cell(value="no", until="2025-08-07")) == ["ended 2025-08-07"]


def test_describes_names_the_release_and_whether_it_is_newest_or_pinned():
    newest = _qualifiers(cell(value="yes", describes="newest"), "pytorch", RELEASES)
    pinned = _qualifiers(cell(value="yes", describes="pinned"), "pytorch", RELEASES)
    both = _qualifiers(cell(value="no", until="2.11", describes="2.21"), "tensorflow", RELEASES)
    old = _qualifiers(cell(value="yes", describes="2.14.1"), "pytorch", RELEASES)
    assert newest == ["as of PyTorch 2.15.0 (newest)"]
    assert pinned == ["as of PyTorch 2.13.0 (pinned)"]
    assert both == ["removed in 2.11", "as of TensorFlow 2.21 (newest, pinned)"]
    assert old == ["as of PyTorch 2.14.1 (an older release)"]


def test_a_cell_shows_its_range_and_release_in_the_table():
    fact = Fact.model_validate(
        {
            "id": "windows-gpu",
            "question": "GPU on native Windows",
            "values": {
                "pytorch": {"value": "yes"},
                "tensorflow": {"value": "no", "until": "2.11", "describes": "newest"},
                "keras": {"value": "partial"},
            },
            "sources": ["s"],
            "as_of": "2026-12-02",
        }
    )
    source = Source.model_validate(
        {
            "id": "s",
            "title": "Notes",
            "url": "https://example.org/n",
            "publisher": "Example",
            "kind": "docs",
            "accessed": "2026-12-02",
            "locator": "section GPU",
        }
    )
    text = markdown_cell(fact, "tensorflow", SourceNumbers({"s": source}), RELEASES)
    assert "(removed in 2.11, as of TensorFlow 2.21.0 (newest, pinned))" in text


def claim(verdict: str) -> Claim:
    return Claim.model_validate(
        {
            "id": f"c-{verdict}",
            "claim": "Framework B was released in 2017.",
            "said_in": [{"article": "art", "section": "History"}],
            "verdict": verdict,
            "now": "It was.",
            "sources": ["s"],
            "as_of": date(2026, 12, 2),
        }
    )


ARTICLE = Source.model_validate(
    {
        "id": "art",
        "title": "A blog post",
        "publisher": "Blog",
        "kind": "article",
        "accessed": "2026-12-02",
    }
)


def test_every_verdict_has_a_style_and_correct_is_one():
    assert "correct" in VERDICTS
    assert set(VERDICT_STYLE) == set(VERDICTS)


def test_a_claim_names_the_section_of_the_article():
    text = render_claim(claim("correct"), {"art": ARTICLE}, {}, {}, "claims.md")
    assert text.startswith('!!! success "Correct: Framework B was released in 2017."')
    assert "**Said in:** A blog post (Blog), section “History”" in text


def test_the_claims_page_states_the_rule_for_each_verdict():
    text = render_claims([claim("correct"), claim("wrong")], {"art": ARTICLE}, {}, {})
    assert "| Correct | true when the article was written and still true now |" in text
    assert "| Wrong | false when the article was written (whatever is true now) |" in text


def test_the_bibliography_says_where_in_a_source_to_look():
    from dlcompare.render.sources import source_entry

    source = Source.model_validate(
        {
            "id": "s",
            "title": "Notes",
            "url": "https://example.org/n",
            "publisher": "Example",
            "kind": "docs",
            "accessed": "2026-12-02",
            "locator": "section GPU, lines 3-9",
        }
    )
    assert "*Where:* section GPU, lines 3-9." in source_entry(source, [], [], {}, "claims.md")
