"""Fact python-range: oldest and newest Python each pinned release declares."""

import re
from importlib.metadata import metadata


def declared(name: str) -> tuple[str, str]:
    meta = metadata(name)
    floor = meta["Requires-Python"].replace(" ", "")
    minors = [
        int(m.group(1))
        for c in meta.get_all("Classifier") or []
        if (m := re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", c))
    ]
    return floor, f"3.{max(minors)}"


EXPECTED = {
    "torch": (">=3.10", "3.15"),
    "tensorflow": (">=3.10", "3.13"),
    "keras": (">=3.11", "3.12"),
}
found = {name: declared(name) for name in EXPECTED}
assert found == EXPECTED, f"declared Python range is now {found}, the fact says {EXPECTED}"
print("Requires-Python / newest classifier:", found)
