"""Which release is newest and which one this site pins, per framework, read from the data.

Two facts already hold these numbers, each backed by sources and a check:
``latest-release`` (the newest stable release) and ``site-versions`` (what the examples
run against). A cell's ``describes:`` is resolved against them, so the words
``newest``/``pinned`` and explicit versions mean the same thing everywhere, and a
cell that describes a release that is neither newest nor pinned is flagged when the
pins or the newest release move (``rule_describes`` in ``lint``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dlcompare.facts.models import Cell, Fact
from dlcompare.vocabulary import FRAMEWORKS

NEWEST_FACT = "latest-release"
PINNED_FACT = "site-versions"

_NUMBERS = re.compile(r"^\d+(\.\d+)*")
_VERSION_IN_TEXT = re.compile(r"(?<![\w.-])\d+\.\d+(\.\d+)*(?![\w-])")


@dataclass(frozen=True)
class Releases:
    """Newest and pinned version of each framework (missing ones are absent)."""

    newest: dict[str, str]
    pinned: dict[str, str]
    #: (fact id, framework, typed version) of the since/until values that the release
    #: matrix's runs confirm; the tables say "measured" beside them (render/compat.py).
    measured: frozenset[tuple[str, str, str]] = frozenset()

    def resolve(self, framework: str, describes: str) -> str | None:
        """The version ``describes`` names for ``framework`` (None when unknown)."""
        if describes == "newest":
            return self.newest.get(framework)
        if describes == "pinned":
            return self.pinned.get(framework)
        return describes

    def labels(self, framework: str, version: str) -> list[str]:
        """``["newest"]``, ``["pinned"]``, both, or ``[]`` for any other release."""
        found = []
        if same_release(version, self.newest.get(framework)):
            found.append("newest")
        if same_release(version, self.pinned.get(framework)):
            found.append("pinned")
        return found


def _numbers(version: str) -> tuple[int, ...]:
    match = _NUMBERS.match(version)
    return tuple(int(p) for p in match.group(0).split(".")) if match else ()


def same_release(a: str | None, b: str | None) -> bool:
    """'2.15' and '2.15.0' name the same release; '2.15' and '2.15.1' do not."""
    if not a or not b:
        return False
    x, y = _numbers(a), _numbers(b)
    if not x or not y:
        return False
    width = max(len(x), len(y))
    return x + (0,) * (width - len(x)) == y + (0,) * (width - len(y))


def _first_text(fact: Fact, framework: str) -> str | None:
    cells = fact.values.cells(framework)
    return cells[0].text if cells and cells[0].text else None


def releases_of(facts: Iterable[Fact]) -> Releases:
    by_id = {fact.id: fact for fact in facts}
    newest: dict[str, str] = {}
    pinned: dict[str, str] = {}
    for fact_id, target in ((NEWEST_FACT, newest), (PINNED_FACT, pinned)):
        fact = by_id.get(fact_id)
        if fact is None:
            continue
        for framework in FRAMEWORKS:
            text = _first_text(fact, framework)
            if text and _NUMBERS.match(text):
                target[framework] = text
    return Releases(newest, pinned)


def _is_version(value: str | None) -> bool:
    return bool(value) and not re.match(r"^\d{4}-\d{2}-\d{2}$", value or "")


def version_dependent(cell: Cell) -> bool:
    """A cell depends on a release when it has a version range or names a version.

    Date ranges (``since: 2022-09-12``) are about events, not releases, so they do
    not count; neither do versions inside ``describes`` itself.
    """
    if _is_version(cell.since) or _is_version(cell.until):
        return True
    return any(_VERSION_IN_TEXT.search(part or "") for part in (cell.text, cell.note))


__all__ = ["Releases", "releases_of", "same_release", "version_dependent"]
