"""Which page shows which fact: read the facts markers in docs/.

A fact counts as *placed* when a ``<!-- facts: topic=... -->`` or
``<!-- facts: ids=... -->`` marker selects it. The overall filterable table
(``facts-filter``) and the claims page do not count: the filter table shows every
fact by construction, so counting it would make the "every fact is on a page"
rule pass vacuously.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlcompare.markers import iter_markers

DOCS = Path("docs")


@dataclass(frozen=True)
class FactsMarker:
    """One facts marker on one page."""

    page: str  # relative to docs/, e.g. comparison/deployment.md
    line: int
    topic: str | None
    ids: tuple[str, ...]
    unknown_args: tuple[str, ...]


def split_ids(raw: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (raw or "").split(",") if part.strip())


def facts_markers(root: Path) -> list[FactsMarker]:
    """Every ``facts`` marker under docs/, in page order."""
    found: list[FactsMarker] = []
    docs = root / DOCS
    if not docs.is_dir():
        return found
    for path in sorted(docs.rglob("*.md")):
        # A page that is not UTF-8 fails the site build on its own; here it must not
        # crash `dlcompare check`, so undecodable bytes become U+FFFD.
        text = path.read_text(encoding="utf-8", errors="replace")
        if "facts:" not in text:
            continue
        page = path.relative_to(docs).as_posix()
        for marker in iter_markers(text):
            if marker.name != "facts":
                continue
            extra = tuple(marker.args) + tuple(
                k for k in marker.kwargs if k not in ("topic", "ids")
            )
            found.append(
                FactsMarker(
                    page=page,
                    line=marker.line,
                    topic=marker.kwargs.get("topic"),
                    ids=split_ids(marker.kwargs.get("ids")),
                    unknown_args=extra,
                )
            )
    return found


def fact_pages(root: Path, topics: dict[str, list[str]]) -> dict[str, str]:
    """fact id -> the first page that shows it (``topics`` maps topic -> fact ids)."""
    pages: dict[str, str] = {}
    for marker in facts_markers(root):
        selected = list(marker.ids)
        if marker.topic:
            selected.extend(topics.get(marker.topic, []))
        for fact_id in selected:
            pages.setdefault(fact_id, marker.page)
    return pages
