"""Parse ``<!-- name: args -->`` markers out of a page: syntax only, no rendering.

This sits at the bottom of the package so that both ``facts/`` (which reads the
facts markers to know which page shows which fact) and ``render/`` (which expands
them) can use it without either importing the other.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

MARKER = re.compile(r"<!--\s*(?P<name>[a-z][a-z0-9_-]*):\s*(?P<args>[^>]*?)\s*-->")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Marker:
    """One marker: its name, positional and ``key=value`` arguments, and where it is."""

    name: str
    args: tuple[str, ...]
    kwargs: dict[str, str]
    line: int
    start: int
    end: int


def parse_args(raw: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """``cnn section=train`` -> (("cnn",), {"section": "train"})."""
    args: list[str] = []
    kwargs: dict[str, str] = {}
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
