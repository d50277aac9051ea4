"""The inline markup subset that notes and claims may use, and its checker.

Ground floor on purpose: the data lint (``facts/``) reports what falls outside the
subset and the renderers (``render/text.py``) render exactly the subset, so both must
agree on one definition without ``facts/`` importing the rendering layer.
"""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_RELATIVE = re.compile(r"^[A-Za-z0-9._~/#%-]+$")


def allowed_url(url: str) -> bool:
    """http(s) URLs and relative page links; never ``javascript:``, ``data:``, ``//host``."""
    if url.startswith(("https://", "http://")):
        return len(url) > len("https://") and not any(c.isspace() for c in url)
    return (
        bool(url)
        and not _SCHEME.match(url)
        and not url.startswith("//")
        and bool(_RELATIVE.match(url))
    )


_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_NOT_IN_SUBSET: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\["), "images are not allowed"),
    (re.compile(r"-+8<-+"), "snippet includes (--8<--) are not allowed"),
    (re.compile(r"\{\s*[:.#]"), "attribute lists ({: ...}) are not allowed"),
    (re.compile(r"\*\["), "abbreviation definitions (*[...]) are not allowed"),
    (re.compile(r"\[\^"), "footnotes ([^...]) are not allowed"),
)
SUBSET = "`code`, *emphasis*, **strong** and [text](https://…) or [text](page.md) links"


def check_inline_markup(text: str) -> list[str]:
    """What in ``text`` falls outside the inline subset; [] when it renders as written.

    The data lint turns each problem into ``file:line: <field>: <problem>``. The
    renderer is safe either way (it escapes what it does not understand); this is
    so the author learns that the page will show their ``<b>`` literally.
    """
    problems = []
    for match in _TAG.finditer(text):
        problems.append(f"raw HTML {match[0]!r} is not allowed; use {SUBSET}")
    for match in _LINK.finditer(text):
        url = match[1]
        if not allowed_url(url):
            problems.append(
                f"link target {url!r} is not allowed; use an https:// URL or a relative "
                "page link such as benchmarks.md"
            )
    for pattern, message in _NOT_IN_SUBSET:
        if pattern.search(text):
            problems.append(f"{message}; use {SUBSET}")
    return problems
