"""The Jinja2 environment for every HTML and SVG fragment the renderers produce.

Templates live in ``dlcompare/render/templates/`` (package data). Autoescaping is
on for all of them, so a value from data/ or a record is escaped unless a template
says otherwise; two filters cover the places where HTML-escaping is not enough:

* ``md`` — for fragments that end up inside Markdown (a badge in a content tab):
  :func:`~dlcompare.render.text.md_text`, so no extension reads the text as syntax.
* ``inline`` — the inline markup subset of notes, HTML flavour.
* ``attr`` — a value inside a Markdown attribute list (``{ title="…" }``): the
  characters that could end the value or the list, or be read as inline syntax,
  become spaces (attr_list escapes the rest when it writes the attribute).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from dlcompare.render.text import inline_markup, md_text


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dlcompare.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt variable is an error, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["md"] = lambda value: Markup(md_text(value))
    env.filters["inline"] = lambda value: Markup(inline_markup(value, "html"))
    env.filters["attr"] = lambda value: Markup(re.sub(r"[\"{}*_`\[\]<>&\\|]", " ", str(value)))
    return env


def render(template: str, **values: Any) -> str:
    """Render ``templates/<template>`` with ``values`` (escaped unless marked safe)."""
    return environment().get_template(template).render(**values)
