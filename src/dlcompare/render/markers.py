"""Replace ``<!-- name: args -->`` markers in a page with what their renderers return.

Markers are HTML comments, so a page still reads sensibly with the hook switched
off. :data:`RENDERERS` maps each marker name to its function; a renderer's own
signature declares its arguments: the parameters after ``ctx`` that may be passed
by position are the marker's positional words, keyword-only parameters are its
``key=value`` options, and those without a default are required. :func:`bind`
checks a marker against that declaration, so every renderer gets the same
``docs/page.md:3: marker "facts": unknown argument "colums" — did you mean
"columns"?`` messages without writing any checks itself. A comment that looks like
a marker but names no renderer is an error rather than silently left in the page.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable

from dlcompare.markers import Marker, iter_markers, parse_args
from dlcompare.render.backends import render_backends_marker
from dlcompare.render.benchmarks import render_bench_marker
from dlcompare.render.claims import render_claims_marker
from dlcompare.render.compat import (
    render_compat_agreement_marker,
    render_compat_deprecations_marker,
    render_compat_marker,
    render_compat_table_marker,
)
from dlcompare.render.concordance import render_concordance_marker
from dlcompare.render.context import BuildData, RenderContext
from dlcompare.render.example_cards import render_cards_marker
from dlcompare.render.examples import (
    render_badge_legend_marker,
    render_example_marker,
    render_status_marker,
)
from dlcompare.render.facts_tables import render_facts_marker, render_filter_marker
from dlcompare.render.inline_facts import (
    render_checked_marker,
    render_count_marker,
    render_fact_marker,
)
from dlcompare.render.run_details import render_run_details_marker
from dlcompare.render.sources import (
    render_article_marker,
    render_cite_marker,
    render_sources_marker,
)

__all__ = [
    "RENDERERS",
    "BuildData",
    "MarkerError",
    "RenderContext",
    "bind",
    "expand",
    "iter_markers",
    "marker_problems",
    "parse_args",
]

Renderer = Callable[..., str]

#: marker name -> renderer(ctx, *positional, **options) -> Markdown.
RENDERERS: dict[str, Renderer] = {
    "example": render_example_marker,
    "examples-status": render_status_marker,
    "examples-cards": render_cards_marker,
    "badge-legend": render_badge_legend_marker,
    "run-details": render_run_details_marker,
    "facts": render_facts_marker,
    "facts-filter": render_filter_marker,
    "claims": render_claims_marker,
    "fact": render_fact_marker,
    "checked": render_checked_marker,
    "count": render_count_marker,
    "sources": render_sources_marker,
    "article": render_article_marker,
    "cite": render_cite_marker,
    "concordance": render_concordance_marker,
    "keras-backends": render_backends_marker,
    "bench": render_bench_marker,
    "compat": render_compat_marker,
    "compat-table": render_compat_table_marker,
    "compat-deprecations": render_compat_deprecations_marker,
    "compat-agreement": render_compat_agreement_marker,
}

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_BY_NAME = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


class MarkerError(ValueError):
    """A marker cannot be rendered; the message names page, line and fix."""


def usage(name: str, renderer: Renderer) -> str:
    """``fact: <fact_id> [<framework>] [part=…] [when=…]`` from the renderer's signature."""
    words = []
    for param in list(inspect.signature(renderer).parameters.values())[1:]:
        optional = param.default is not inspect.Parameter.empty
        if param.kind in _POSITIONAL:
            word = f"<{param.name.rstrip('_')}>"
        elif param.kind == inspect.Parameter.KEYWORD_ONLY:
            word = f"{param.name}=…"
        else:
            continue
        words.append(f"[{word}]" if optional else word)
    return f"{name}: {' '.join(words)}".rstrip()


def bind(name: str, renderer: Renderer, marker: Marker) -> tuple[list[str], dict[str, str]]:
    """Check ``marker``'s words against ``renderer``'s signature; problems raise ValueError."""
    params = list(inspect.signature(renderer).parameters.values())[1:]  # after ctx
    positional = [p for p in params if p.kind in _POSITIONAL]
    by_name = {p.name: p for p in params if p.kind in _BY_NAME}
    how = f'; use "{usage(name, renderer)}"'
    if not params and (marker.args or marker.kwargs):
        got = ", ".join([*marker.args, *marker.kwargs])
        raise ValueError(f'marker "{name}" takes no arguments (got {got}); use "{name}: "')
    if len(marker.args) > len(positional):
        extra = marker.args[len(positional)]
        raise ValueError(f'marker "{name}": unexpected argument "{extra}"{how}')
    given = {p.name for p in positional[: len(marker.args)]}
    for key in marker.kwargs:
        if key not in by_name:
            close = difflib.get_close_matches(key, list(by_name), n=1)
            hint = f' — did you mean "{close[0]}"?' if close else how
            raise ValueError(f'marker "{name}": unknown argument "{key}"{hint}')
        if key in given:
            raise ValueError(f'marker "{name}": argument "{key}" is given twice{how}')
    missing = [
        p.name
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind in (*_POSITIONAL, inspect.Parameter.KEYWORD_ONLY)
        and p.name not in given
        and p.name not in marker.kwargs
    ]
    if missing:
        raise ValueError(f'marker "{name}": missing argument "{missing[0]}"{how}')
    return list(marker.args), dict(marker.kwargs)


def marker_problems(marker: Marker) -> list[str]:
    """Name and argument problems of one marker, for a lint that checks pages unbuilt."""
    renderer = RENDERERS.get(marker.name)
    if renderer is None:
        return [f"unknown marker '{marker.name}'; known markers: {', '.join(sorted(RENDERERS))}"]
    try:
        bind(marker.name, renderer, marker)
    except ValueError as exc:
        return [str(exc)]
    return []


def expand(markdown: str, ctx: RenderContext) -> str:
    """Replace every marker in ``markdown`` by its rendered Markdown."""
    pieces, last = [], 0
    for marker in iter_markers(markdown):
        where = f"docs/{ctx.page}:{marker.line}"
        renderer = RENDERERS.get(marker.name)
        if renderer is None:
            raise MarkerError(
                f"{where}: unknown marker '{marker.name}'; "
                f"known markers: {', '.join(sorted(RENDERERS))}"
            )
        try:
            args, kwargs = bind(marker.name, renderer, marker)
        except ValueError as exc:
            raise MarkerError(f"{where}: {exc}") from None
        try:
            rendered = renderer(ctx, *args, **kwargs)
        except MarkerError:
            raise
        except (ValueError, KeyError, TypeError, FileNotFoundError) as exc:
            raise MarkerError(f"{where}: {marker.name}: {exc}") from exc
        pieces.append(markdown[last : marker.start])
        pieces.append(rendered)
        last = marker.end
    pieces.append(markdown[last:])
    return "".join(pieces)
