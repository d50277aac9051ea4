"""Notebook pages without nbconvert's inline assets, and with real alt text.

mkdocs-jupyter pastes into every notebook page what nbconvert would put in the
``<head>`` of a standalone file: 590 KB of JupyterLab CSS (almost all of it for
widgets and panels a static page never shows), the Pygments CSS twice (once as a
Python list's repr, which is not even CSS), an empty ``<script src="">``, a MathJax
configuration and a Mermaid loader. That made each page 0.7–1.7 MB of HTML that no
browser could cache. Here, for each notebook page:

* :func:`strip_inline_assets` takes out the ``<style>`` blocks (keeping their CSS),
  the empty script and the loaders for math and diagrams the notebooks do not use;
* :class:`SharedStylesheet` collects the CSS of all pages and the class names the
  pages use, and writes one stylesheet holding only the rules that can match
  (:func:`prune`); each page links it, so a reader downloads it once;
* :func:`add_alt_text` gives each plot the description its cell carries in the
  notebook source (``# %% alt="..."``) instead of nbconvert's placeholder.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat
import tinycss2

#: Where the shared stylesheet goes in the built site.
STYLESHEET = "stylesheets/notebook.css"
#: What nbconvert writes when an image has no alt text.
PLACEHOLDER_ALT = "No description has been provided for this image"

_STYLE = re.compile(r"<style\b[^>]*>(?P<css>.*?)</style>\s*", re.S)
_EMPTY_SCRIPT = re.compile(r"<script src=\"\">\s*</script>\s*")
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->\s*", re.S)
_MERMAID = re.compile(r"<script type=\"module\">(?:(?!</script>).)*mermaid.*?</script>\s*", re.S)
_MERMAID_END = re.compile(r"<!-- End of mermaid configuration -->\s*")
_CLASS_ATTR = re.compile(r"\bclass=\"([^\"]*)\"")
_ID_ATTR = re.compile(r"\bid=\"([^\"]*)\"")
#: How nbconvert opens each code cell (markdown cells are ``jp-MarkdownCell``).
CODE_CELL_OPEN = '<div class="jp-Cell jp-CodeCell '
_PARENS = re.compile(r"\([^()]*\)")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SELECTOR_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")


def _css_blocks(style_text: str) -> list[str]:
    """The CSS in one ``<style>``: mkdocs-jupyter also writes a list's repr of CSS."""
    text = style_text.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return []
        return [str(item) for item in value] if isinstance(value, list) else []
    return [text]


def strip_inline_assets(page_html: str) -> tuple[str, list[str]]:
    """The page without inline styles and unused loaders, and the CSS it held."""
    css: list[str] = []

    def take(match: re.Match[str]) -> str:
        css.extend(_css_blocks(match["css"]))
        return ""

    page_html = _STYLE.sub(take, page_html)
    page_html = _EMPTY_SCRIPT.sub("", page_html)
    page_html = _MATHJAX.sub("", page_html)
    if 'class="jp-Mermaid' not in page_html:  # no diagram to draw
        page_html = _MERMAID.sub("", page_html)
        page_html = _MERMAID_END.sub("", page_html)
    return page_html, css


@dataclass
class Names:
    """Class names and ids that occur in some page."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def add(self, page_html: str) -> None:
        for value in _CLASS_ATTR.findall(page_html):
            self.classes.update(value.split())
        self.ids.update(_ID_ATTR.findall(page_html))


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside ``:is(a, b)``)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in prelude:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def may_match(selector: str, names: Names) -> bool:
    """False when the selector needs a class or id that no page has.

    Conservative: what is inside ``:not()``, ``:is()`` and other parentheses is
    ignored, and tag and attribute parts are assumed to match.
    """
    bare = selector
    while _PARENS.search(bare):
        bare = _PARENS.sub("", bare)
    bare = re.sub(r"\[[^\]]*\]", "", bare)  # attribute values may hold dots
    return all(c in names.classes for c in _SELECTOR_CLASS.findall(bare)) and all(
        i in names.ids for i in _SELECTOR_ID.findall(bare)
    )


def prune(css: str, names: Names) -> str:
    """The rules of ``css`` that can match some element of the pages."""
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            kept = [
                s for s in _split_selectors(tinycss2.serialize(rule.prelude)) if may_match(s, names)
            ]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword == "charset":
                continue
            if keyword in ("media", "supports") and rule.content is not None:
                inner = prune(tinycss2.serialize(rule.content), names)
                if inner:
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    out.append(f"@{keyword} {prelude}{{{inner}}}")
            else:
                out.append(rule.serialize())
    return "\n".join(out)


@lru_cache(maxsize=16)
def _pruned(css: str, classes: frozenset[str], ids: frozenset[str]) -> str:
    """:func:`prune`, remembered: under ``mkdocs serve`` every rebuild brings the same
    nbconvert stylesheet and the same names, and tokenizing it took about a second."""
    return prune(css, Names(set(classes), set(ids)))


@dataclass
class SharedStylesheet:
    """The CSS every notebook page needs, gathered page by page during one build."""

    blocks: list[str] = field(default_factory=list)
    names: Names = field(default_factory=Names)

    def add_page(self, css: Iterable[str], page_html: str) -> None:
        for block in css:
            if block not in self.blocks:  # every page brings the same few blocks
                self.blocks.append(block)
        self.names.add(page_html)

    def text(self) -> str:
        header = (
            "/* Notebook styles (nbconvert, mkdocs-jupyter), only the rules the pages use. */\n"
        )
        classes, ids = frozenset(self.names.classes), frozenset(self.names.ids)
        return header + "\n".join(_pruned(block, classes, ids) for block in self.blocks) + "\n"

    def write(self, site_dir: Path) -> Path:
        path = Path(site_dir) / STYLESHEET
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.text(), encoding="utf-8")
        return path


def stylesheet_link(href: str) -> str:
    # A stylesheet link is allowed in the body (HTML "body-ok"); the theme's <head>
    # is the same for every page, and only notebook pages need this one.
    return f'<link rel="stylesheet" href="{html.escape(href)}">'


def add_alt_text(page_html: str, notebook: nbformat.NotebookNode) -> str:
    """Each code cell's ``alt`` metadata as the alt text of the images it shows.

    nbconvert renders code cells in order, each as a ``jp-Cell jp-CodeCell`` block
    (mkdocs-jupyter's template wraps the lab template's block in one more), so the
    n-th cell block belongs to the n-th code cell of the notebook.
    """
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    starts = [m.start() for m in re.finditer(re.escape(CODE_CELL_OPEN), page_html)]
    if not code_cells or len(starts) % len(code_cells):
        return page_html  # not the layout this relies on: leave the page as it is
    starts = starts[:: len(starts) // len(code_cells)]  # the outermost block of each
    out = [page_html[: starts[0]]]
    for cell, start, end in zip(code_cells, starts, [*starts[1:], len(page_html)], strict=True):
        piece = page_html[start:end]
        alt = str(cell.metadata.get("alt", "")).strip()
        if alt:
            piece = piece.replace(f'alt="{PLACEHOLDER_ALT}"', f'alt="{html.escape(alt)}"')
        out.append(piece)
    return "".join(out)
