"""A Markdown extension that puts finished HTML into a page where no extension sees it.

Program output is published verbatim, so nothing in it may act as Markdown:
pymdownx.snippets expands any line that looks like ``--8<-- "file"`` (raw HTML
included, since it runs over every line first), abbreviations, attribute lists and
the rest act on text. The renderers therefore emit output as a token from
:func:`dlcompare.render.text.raw_html`; this preprocessor runs after snippets and
whitespace normalisation (priorities 32 and 30) but before fences and raw HTML
(25 and 20), and replaces each token by a placeholder in Python-Markdown's HTML
stash. The stash is pasted into the finished page untouched, even inside indented
content tabs, where raw HTML written into the Markdown would be parsed as text.
"""

from __future__ import annotations

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

from dlcompare.render.text import RAW_TOKEN, decode_raw

PRIORITY = 29


class RawHtmlPreprocessor(Preprocessor):  # type: ignore[misc]  # (untyped library)
    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            match = RAW_TOKEN.match(line)
            if match is None:
                out.append(line)
                continue
            placeholder = self.md.htmlStash.store(decode_raw(match["data"]))
            out.append(match["indent"] + placeholder)
        return out


class RawHtmlExtension(Extension):  # type: ignore[misc]
    """Register with ``markdown_extensions`` (the dlcompare hook does it in on_config)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(RawHtmlPreprocessor(md), "dlcompare_raw_html", PRIORITY)
