"""The glossary and the abbreviations that turn its terms into tooltips agree.

``includes/abbreviations.md`` is appended to every page (pymdownx.snippets
``auto_append``), so a term defined there but missing from ``docs/glossary.md``
would show a tooltip that the glossary cannot expand on, and a line that is not an
abbreviation would be printed at the bottom of every page.
"""

from __future__ import annotations

import re
from pathlib import Path

from dlcompare import mkdocs_config

ROOT = Path(__file__).resolve().parents[1]
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
GLOSSARY = ROOT / "docs" / "glossary.md"
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]: (?P<text>\S.*)$")


def abbreviations() -> dict[str, str]:
    terms: dict[str, str] = {}
    for number, line in enumerate(ABBREVIATIONS.read_text(encoding="utf-8").splitlines(), 1):
        match = ENTRY.match(line)
        assert match, f"{ABBREVIATIONS.name}:{number}: not a '*[term]: text' line: {line!r}"
        assert match["term"] not in terms, f"{ABBREVIATIONS.name}:{number}: defined twice"
        terms[match["term"]] = match["text"]
    return terms


def glossary_terms() -> list[str]:
    text = GLOSSARY.read_text(encoding="utf-8")
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


def test_every_tooltip_term_has_a_glossary_entry_and_back() -> None:
    tooltips = set(abbreviations())
    entries = set(glossary_terms())
    assert tooltips - entries == set(), "tooltips without a glossary entry"
    assert entries - tooltips == set(), "glossary entries without a tooltip"


def test_glossary_is_alphabetical() -> None:
    terms = glossary_terms()
    assert terms == sorted(terms, key=str.casefold)


def test_tooltips_stay_short_enough_to_read_on_hover() -> None:
    long = {t: len(x) for t, x in abbreviations().items() if len(x) > 110}
    assert not long, f"tooltips over 110 characters: {long}"


def test_mkdocs_appends_the_abbreviations_to_every_page() -> None:
    config = mkdocs_config.load(ROOT).raw
    assert "content.tooltips" in config["theme"]["features"]
    assert "abbr" in config["markdown_extensions"]
    snippets = config["mdx_configs"]["pymdownx.snippets"]
    assert "includes/abbreviations.md" in snippets["auto_append"]
