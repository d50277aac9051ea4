"""Every string from data/ or from a program passes through here on its way to a page.

Why one module: contributors write the YAML files and the programs whose output we
publish, so their text must never become markup by accident (or on purpose). The
rules, in one place:

* :func:`escape` — text for an HTML context (raw HTML blocks, attributes, templates).
* :func:`md_text` — text placed inside the Markdown we generate. HTML-escaping alone
  is not enough there: Python-Markdown and its extensions still act on ``*``, ``[``,
  ``{:``, ``:name:``, ``|`` and so on, so every ASCII punctuation character that some
  extension could read is written as a numeric character reference. The reader sees
  the same characters; no extension sees syntax.
* :func:`inline_markup` — notes and claims may use a small Markdown subset, parsed by
  markdown-it-py with HTML off and only these rules on: inline ``code``, *emphasis*,
  **strong** (asterisks only: underscores stay literal, as in ``__init__``), and
  ``[links](https://…)`` to http(s) or relative targets. Everything
  else comes out as literal, escaped text. :func:`check_inline_markup` tells the data
  lint what falls outside the subset, so the author hears about it.
* :func:`raw_html` — wraps finished HTML (program output) in a one-line token that the
  ``dlcompare.render.raw_html`` Markdown extension swaps for the HTML *after*
  pymdownx.snippets has run and without any other extension seeing it. Raw HTML
  written straight into the page would not do: snippets reads every line, raw HTML
  included, and indented raw HTML inside content tabs is parsed as Markdown.
"""

from __future__ import annotations

import base64
import html
import posixpath
import re
import secrets
from typing import Literal
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dlcompare.inline_markup import SUBSET, allowed_url, check_inline_markup

__all__ = ["SUBSET", "allowed_url", "check_inline_markup"]

Flavor = Literal["markdown", "html"]

#: Punctuation that some inline rule or extension in mkdocs.yml reads anywhere in a line
#: (emphasis, code, links, attribute lists, abbreviations, emoji, tables, escapes).
#: ``<``, ``>`` and ``&`` are HTML-escaped first; ``(`` and ``-`` are inert once ``[``
#: is encoded, except at the start of a line (handled below). ``!`` is encoded because
#: the links we do write would become images after one.
_MARKDOWN_ACTIVE = "\\`*_[]{}|:~^!"
_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_ACTIVE}
#: What opens a block when a line starts with it: lists, headings, quotes, setext rules.
_LINE_START = re.compile(r"^(?:([-+#>=])|(\d+)([.)]))")


def one_line(text: object) -> str:
    """Collapse all whitespace, newlines included: table cells and titles are one line."""
    return " ".join(str(text).split())


def escape(text: object) -> str:
    """HTML-escape for element content and (double- or single-quoted) attributes."""
    return html.escape(str(text), quote=True)


def _line_start(match: re.Match[str]) -> str:
    if match[1]:
        return f"&#{ord(match[1])};"
    return f"{match[2]}&#{ord(match[3])};"


def _md_fragment(text: str) -> str:
    """Part of a line: whitespace runs collapse but the ends are kept."""
    return html.escape(re.sub(r"\s+", " ", text), quote=False).translate(_MD_TABLE)


def md_text(text: object) -> str:
    """One line of plain text that Markdown shows verbatim and never reads as syntax.

    For text that starts a line of the generated Markdown, wrap it in :func:`md_line`.
    """
    return _md_fragment(one_line(text))


def md_line(markdown: str) -> str:
    """Neutralise what would open a block at the start of a line (``- ``, ``1.``, ``#``)."""
    return _LINE_START.sub(_line_start, markdown)


def md_title(text: object) -> str:
    """Text for a quoted title (``!!! note "…"``, ``=== "…"``): no quotes, no syntax."""
    return md_text(str(text).replace('"', "'"))


def md_code(text: object) -> str:
    """Inline code for generated Markdown: a backtick run longer than any inside, no pipes.

    A code span is safe for data: Markdown escapes its content and no extension acts
    on it (its text is atomic), so only a table's pipe needs encoding.
    """
    code = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}".replace("|", "&#124;")


def md_url(url: str) -> str:
    """A URL for a Markdown link target: characters that could end the target encoded."""
    return quote(url, safe="/:?#@!$&*+,;=%~-._")


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two pages given relative to docs/ (MkDocs resolves .md links)."""
    start = posixpath.dirname(from_page) or "."
    target = posixpath.relpath(to_page, start)
    return f"{target}#{anchor}" if anchor else target


# --- the inline markup subset ----------------------------------------------------------


def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero").enable(["backticks", "emphasis", "link", "escape"])
    parser.validateLink = allowed_url  # type: ignore[method-assign]
    return parser


_PARSER = _parser()


def _inline_tokens(text: str) -> list[Token]:
    tokens = _PARSER.parseInline(one_line(text))
    return list(tokens[0].children or []) if tokens else []


def inline_markup(text: object, flavor: Flavor = "markdown") -> str:
    """Render the subset (code, emphasis, strong, links) and escape everything else.

    ``flavor="markdown"`` produces text for the Markdown we generate (links stay
    Markdown links, so MkDocs checks and rewrites relative ``.md`` targets);
    ``flavor="html"`` produces HTML for raw HTML blocks, where MkDocs rewrites no
    links, so a relative link keeps only its text there.
    """
    plain = _md_fragment if flavor == "markdown" else escape
    out: list[str] = []
    links: list[str] = []  # closing text for each open link
    for token in _inline_tokens(str(text)):
        kind = token.type
        if kind == "text":
            out.append(plain(token.content))
        elif kind == "code_inline":
            out.append(f"<code>{plain(token.content)}</code>")
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            if token.markup.startswith("_"):
                # Underscores in notes are identifiers (``__len__``, ``backend/__init__.py``,
                # ``snake_case``), never emphasis: the subset's emphasis is ``*`` only.
                out.append(plain(token.markup))
                continue
            tag = "em" if kind.startswith("em") else "strong"
            out.append(f"<{tag}>" if kind.endswith("open") else f"</{tag}>")
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            out.append(_open_link(href, flavor, links))
        elif kind == "link_close":
            out.append(links.pop() if links else "")
        else:  # softbreak and anything else: a space, never markup
            out.append(" ")
    return "".join(out)


def _open_link(href: str, flavor: Flavor, closers: list[str]) -> str:
    absolute = href.startswith(("https://", "http://"))
    if flavor == "markdown":
        closers.append(f"]({md_url(href)})")
        return "["
    if absolute:
        closers.append("</a>")
        return f'<a href="{escape(href)}">'
    closers.append("")
    return ""


# --- raw HTML that no Markdown extension may touch -------------------------------------

#: A fresh secret per process: data that happens to contain a token cannot forge one.
RAW_NONCE = secrets.token_hex(8)
RAW_TOKEN = re.compile(rf"^(?P<indent>[ \t]*)dlc-raw-{RAW_NONCE}-(?P<data>[A-Za-z0-9_=-]+)[ \t]*$")


def raw_html(fragment: str) -> str:
    """A one-line token standing for ``fragment``; see :mod:`dlcompare.render.raw_html`."""
    encoded = base64.urlsafe_b64encode(fragment.encode("utf-8")).decode("ascii")
    return f"dlc-raw-{RAW_NONCE}-{encoded}"


def decode_raw(data: str) -> str:
    return base64.urlsafe_b64decode(data.encode("ascii")).decode("utf-8")


def expand_raw(markdown: str) -> str:
    """Put the HTML back in place of every token (for tests and plain Markdown)."""
    lines = []
    for line in markdown.split("\n"):
        match = RAW_TOKEN.match(line)
        lines.append(match["indent"] + decode_raw(match["data"]) if match else line)
    return "\n".join(lines)
