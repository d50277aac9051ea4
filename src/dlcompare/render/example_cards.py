"""The Examples index as cards in learning order, each saying what the reader will learn.

``<!-- examples-cards: -->`` renders one Material grid card per example task: its step
number, its title (linked), and one line from the ``learn:`` key of the example page's
front matter. The order is the order of the pages in ``mkdocs.yml``'s nav, because
that is where the project decides the learning path (tensors before autograd before
models ...); a task whose page is not in the nav comes last, alphabetically, so a new
task shows up before anyone has placed it.

A page without ``learn:`` gets the first sentence of its introduction instead, so
the index never breaks; ``tests/render/test_example_cards.py`` still requires the key
on every real page, because a first sentence rarely says what the reader will learn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

from dlcompare.render.context import RenderContext
from dlcompare.render.text import inline_markup, md_text

EXAMPLES = "examples"
#: A sentence ends at . ! or ? before a capital letter or the end ("e.g. this" does not).
_SENTENCE = re.compile(r"(.+?[.!?])(?=\s+[A-Z]|$)")
#: Lines that open something other than a paragraph of the introduction.
_NOT_PROSE = ("#", "<!--", "!!!", "???", "|", "===", "```", "-", "*", "<")


@dataclass(frozen=True)
class Card:
    """What one card shows."""

    task: str
    title: str
    learn: str
    declared: bool  # False when ``learn`` fell back to the first sentence


def read_card(page: Path, task: str) -> Card:
    """Title (the page's ``# `` heading), and ``learn:`` or the intro's first sentence."""
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    body, meta = get_data(text)
    title: str | None = None
    paragraph: list[str] = []
    for line in body.splitlines():
        if title is None:
            if line.startswith("# "):
                title = line[2:].strip()
        elif line.strip() and not line.lstrip().startswith(_NOT_PROSE):
            paragraph.append(line.strip())
        elif paragraph:
            break
    title = title or task.replace("_", " ").capitalize()
    learn = meta.get("learn")
    if isinstance(learn, str) and learn.strip():
        return Card(task, title, " ".join(learn.split()), declared=True)
    match = _SENTENCE.match(" ".join(paragraph))
    return Card(task, title, match[1] if match else "", declared=False)


def learning_order(tasks: list[str], nav_pages: list[str]) -> list[str]:
    """``tasks`` in the order their pages appear in the nav; the rest after, sorted."""
    position = {page: i for i, page in enumerate(nav_pages)}
    placed = sorted(
        (t for t in tasks if f"{EXAMPLES}/{t}.md" in position),
        key=lambda t: position[f"{EXAMPLES}/{t}.md"],
    )
    return placed + sorted(t for t in tasks if f"{EXAMPLES}/{t}.md" not in position)


def render_cards(cards: list[Card]) -> str:
    """Material grid cards (``md_in_html``); titles and lines escaped, ``code`` allowed."""
    items = []
    for number, card in enumerate(cards, 1):
        learn = f"You will learn: {inline_markup(card.learn)}" if card.learn else ""
        items.append(
            f"-   **{number}.** [{md_text(card.title)}]({card.task}.md)\n\n    ---\n\n    {learn}\n"
        )
    return (
        '<div class="grid cards dlc-example-cards" markdown>\n\n' + "\n".join(items) + "\n</div>\n"
    )


def render_cards_marker(ctx: RenderContext) -> str:
    """``<!-- examples-cards: -->`` on ``docs/examples/index.md``."""
    tasks = list(dict.fromkeys(p.task for p in ctx.data.programs))
    docs = ctx.root / "docs"
    ordered = learning_order(tasks, ctx.data.nav_pages)
    return render_cards([read_card(docs / EXAMPLES / f"{t}.md", t) for t in ordered])
