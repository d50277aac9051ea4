"""Find ``<!-- name: args -->`` markers in a page and replace them with Markdown.

Markers are HTML comments, so a page still reads sensibly with the hook switched
off. Each marker name maps to a renderer (``module:function``) imported lazily, so
the hook stays cheap for pages without markers. A comment that looks like a marker
but names no renderer is an error rather than silently left in the page.
"""

from __future__ import annotations

import importlib
import re
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: marker name -> "module:function". A renderer takes (ctx, *args, **kwargs) -> str.
RENDERERS: dict[str, str] = {
    "example": "dlcompare.render.examples:render_example_marker",
    "examples-status": "dlcompare.render.examples:render_status_marker",
    "facts": "dlcompare.render.facts_tables:render_facts_marker",
    "facts-filter": "dlcompare.render.facts_tables:render_filter_marker",
    "claims": "dlcompare.render.claims:render_claims_marker",
    "fact": "dlcompare.render.inline_facts:render_fact_marker",
    "checked": "dlcompare.render.inline_facts:render_checked_marker",
    "count": "dlcompare.render.inline_facts:render_count_marker",
    "sources": "dlcompare.render.sources:render_sources_marker",
    "article": "dlcompare.render.sources:render_article_marker",
    "cite": "dlcompare.render.sources:render_cite_marker",
    "concordance": "dlcompare.render.concordance:render_concordance_marker",
    "keras-backends": "dlcompare.render.backends:render_backends_marker",
    "bench": "dlcompare.bench.render:render_bench_marker",
    "compat": "dlcompare.render.compat:render_compat_marker",
    "compat-table": "dlcompare.render.compat:render_compat_table_marker",
    "compat-deprecations": "dlcompare.render.compat:render_compat_deprecations_marker",
}

MARKER = re.compile(r"<!--\s*(?P<name>[a-z][a-z0-9_-]*):\s*(?P<args>[^>]*?)\s*-->")
_FENCE = re.compile(r"^\s*(```|~~~)")


class MarkerError(ValueError):
    """A marker cannot be rendered; the message names page, line and fix."""


@dataclass
class RenderContext:
    """What a renderer may use: the project root, the page, and a build-wide cache."""

    root: Path
    page: str = ""  # path of the page relative to docs/, for messages
    store: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute ``factory()`` once per build (facts, records) and share it between pages."""
        if key not in self.store:
            self.store[key] = factory()
        return self.store[key]


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple[str, ...]
    kwargs: dict[str, str]
    line: int
    start: int
    end: int


def parse_args(raw: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """``cnn section=train`` -> (("cnn",), {"section": "train"})."""
    args, kwargs = [], {}
    for token in shlex.split(raw):
        if "=" in token:
            key, value = token.split("=", 1)
            kwargs[key] = value
        else:
            args.append(token)
    return tuple(args), kwargs


def iter_markers(markdown: str) -> Iterator[Marker]:
    """Every marker outside fenced code blocks, with its 1-based line number."""
    in_fence = False
    offset = 0
    for lineno, line in enumerate(markdown.splitlines(keepends=True), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            for match in MARKER.finditer(line):
                args, kwargs = parse_args(match["args"])
                yield Marker(
                    name=match["name"],
                    args=args,
                    kwargs=kwargs,
                    line=lineno,
                    start=offset + match.start(),
                    end=offset + match.end(),
                )
        offset += len(line)


def _renderer(name: str) -> Callable[..., str]:
    module, _, func = RENDERERS[name].partition(":")
    return getattr(importlib.import_module(module), func)


def expand(markdown: str, ctx: RenderContext) -> str:
    """Replace every marker in ``markdown`` by its rendered Markdown."""
    pieces, last = [], 0
    for marker in iter_markers(markdown):
        if marker.name not in RENDERERS:
            raise MarkerError(
                f"docs/{ctx.page}:{marker.line}: unknown marker '{marker.name}'; "
                f"known markers: {', '.join(sorted(RENDERERS))}"
            )
        try:
            rendered = _renderer(marker.name)(ctx, *marker.args, **marker.kwargs)
        except MarkerError:
            raise
        except (ValueError, KeyError, TypeError, FileNotFoundError) as exc:
            raise MarkerError(f"docs/{ctx.page}:{marker.line}: {marker.name}: {exc}") from exc
        pieces.append(markdown[last : marker.start])
        pieces.append(rendered)
        last = marker.end
    pieces.append(markdown[last:])
    return "".join(pieces)
