"""A beginner gets the answer first: the home chooser, glossary tooltips, the decision
guide's roles before its evidence, and table code that a reader can copy as one piece."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SITUATIONS = ("new to deep learning", "research", "phones", "TPU", "production", "Keras 2")


def test_home_opens_with_a_chooser_of_situations(reader) -> None:
    page = reader.open("")
    cards = page.locator("article .grid.cards > ul > li")
    titles = cards.locator("strong").all_inner_texts()
    assert cards.count() >= 6, f"only {cards.count()} chooser cards"
    texts = " ".join(t.lower() for t in cards.all_inner_texts())
    for situation in SITUATIONS:
        assert situation.lower() in texts, f"no card for {situation!r}: {titles}"
    for i in range(cards.count()):
        card = cards.nth(i)
        assert card.locator("a").count() >= 1, f"card {i + 1} links nowhere"
        words = len(card.inner_text().split())
        assert 15 <= words <= 90, f"card {i + 1} has {words} words: a reason, not an essay"
    # The chooser comes before anything about how the site works.
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("Which one should I use"), headings
    assert page.locator("article a[href$='verification/']").count() >= 1


def test_chooser_cards_stack_on_a_phone(make_reader) -> None:
    phone = make_reader(**PHONE)
    page = phone.open("")
    boxes = page.locator("article .grid.cards > ul > li").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().toJSON())"
    )
    assert boxes and all(b["width"] > 300 for b in boxes), "cards too narrow on a phone"
    assert len({round(b["x"]) for b in boxes}) == 1, "cards not in one column on a phone"


def test_glossary_terms_explain_themselves_on_hover(reader) -> None:
    page = reader.open("lenses/deployment/")
    term = page.locator("article abbr[title]", has_text="ONNX").first
    assert term.count() == 1, "ONNX is not marked as a glossary term"
    title = term.get_attribute("title") or ""
    assert "Open Neural Network Exchange" in title
    term.hover()
    tip = page.locator(".md-tooltip--active, .md-tooltip2--active").first
    tip.wait_for(state="visible", timeout=5_000)
    assert "Open Neural Network Exchange" in tip.inner_text()


def test_decision_guide_leads_with_roles_and_folds_the_evidence(reader) -> None:
    page = reader.open("decision-guide/")
    first_h2 = page.locator("article h2").first.inner_text()
    assert first_h2.startswith("By role"), first_h2
    assert "New to deep learning" in page.locator("#by-role ~ * table").first.inner_text()
    details = page.locator("article details.note", has=page.locator("table")).first
    assert details.count() == 1 and not details.evaluate("d => d.open")
    assert not details.locator("table").is_visible(), "the facts table is not folded away"


#: Every inline code in a table whose tokens (whitespace-separated) span two lines.
BROKEN_TOKENS = """() => {
  const broken = [];
  for (const code of document.querySelectorAll('article table code')) {
    const text = code.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const value = text.nodeValue;
    for (const m of value.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      // Rects of one line can differ by a pixel (fallback glyphs); a new line is a
      // rect that starts below the previous one's middle.
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const wrapped = rects.some(r => r.top > rects[0].top + rects[0].height / 2);
      if (wrapped) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [390, 780, 1280])
def test_table_code_never_breaks_inside_a_token(make_reader, width: int) -> None:
    """``torch.nn.Linear`` once broke after ``torch.nn.Lin`` in a migration column."""
    r = make_reader(viewport={"width": width, "height": 900})
    for path in ("migration/", "comparison/execution/"):
        page = r.open(path)
        broken = page.evaluate(BROKEN_TOKENS)
        assert not broken, f"{path} at {width}px: code split across lines: {broken[:8]}"
