"""The Examples index cards: learning order from the nav, one "you will learn" line each."""

from __future__ import annotations

from pathlib import Path

import markdown

from dlcompare import mkdocs_config
from dlcompare.render.context import RenderContext
from dlcompare.render.example_cards import (
    Card,
    learning_order,
    read_card,
    render_cards,
    render_cards_marker,
)

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "examples"


def test_learning_order_follows_the_nav_and_puts_unplaced_tasks_last() -> None:
    nav = ["index.md", "examples/index.md", "examples/tensors.md", "examples/cnn.md"]
    assert learning_order(["cnn", "zeta", "tensors", "alpha"], nav) == [
        "tensors",
        "cnn",
        "alpha",
        "zeta",
    ]


def test_read_card_takes_learn_from_the_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "t.md"
    page.write_text('---\nlearn: "how `x` works"\n---\n\n# The T task\n\nIntro. More.\n')
    assert read_card(page, "t") == Card("t", "The T task", "how `x` works", declared=True)


def test_read_card_falls_back_to_the_first_sentence(tmp_path: Path) -> None:
    page = tmp_path / "t.md"
    page.write_text("# Title\n\n<!-- example: t -->\n\nFirst one, e.g. this.\nSecond.\n\n## H\n")
    card = read_card(page, "t")
    assert (card.title, card.learn, card.declared) == ("Title", "First one, e.g. this.", False)
    assert read_card(tmp_path / "missing.md", "my_task").title == "My task"


def test_cards_render_as_a_numbered_material_grid_with_escaped_text() -> None:
    cards = [
        Card("a", "A <b>bold</b> title", "to use `torch.compile` *well*", True),
        Card("b", "B", "", False),
    ]
    html = markdown.markdown(
        render_cards(cards), extensions=["md_in_html", "attr_list", "pymdownx.superfences"]
    )
    assert html.startswith('<div class="grid cards dlc-example-cards">')
    assert html.count("<li>") == 2
    assert "<strong>1.</strong>" in html and "<strong>2.</strong>" in html
    assert '<a href="a.md">A &lt;b&gt;bold&lt;/b&gt; title</a>' in html
    assert "You will learn: to use <code>torch.compile</code> <em>well</em>" in html
    assert html.count("You will learn") == 1  # no empty promise on a card without a line


def test_every_example_page_says_what_the_reader_will_learn() -> None:
    """A first sentence rarely says it, so the real pages must declare ``learn:``."""
    for page in sorted(PAGES.glob("*.md")):
        if page.name == "index.md":
            continue
        card = read_card(page, page.stem)
        assert card.declared, (
            f"docs/examples/{page.name}: add front matter with one line for the Examples "
            'index, e.g.\n---\nlearn: "how to ..."\n---'
        )
        assert 20 <= len(card.learn) <= 120, (
            f"docs/examples/{page.name}: learn: is {len(card.learn)} chars"
        )


def test_the_real_index_lists_every_task_in_nav_order() -> None:
    out = render_cards_marker(RenderContext(root=ROOT, page="examples/index.md"))
    linked = [
        line.split("](", 1)[1].split(".md)", 1)[0] for line in out.splitlines() if "](" in line
    ]
    nav = [
        p.removeprefix("examples/").removesuffix(".md")
        for p in mkdocs_config.load(ROOT).pages
        if p.startswith("examples/") and p != "examples/index.md"
    ]
    assert linked == nav
