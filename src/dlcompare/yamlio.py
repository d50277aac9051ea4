"""Load YAML into plain Python while remembering the line of every key and item.

Contributors edit YAML by hand; when something is wrong we must point at the line.
ruamel.yaml's round-trip loader keeps positions; this module flattens them into a
``{path: line}`` map so the rest of the code can work with ordinary dicts and lists.
YAML 1.2 is used, so ``yes``/``no`` stay strings and only ``true``/``false`` are
booleans.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

Path_ = tuple[Any, ...]


class YamlError(ValueError):
    """A file that cannot be read as YAML; the message starts with ``file:line:``."""


def _plain(node: Any, path: Path_, lines: dict[Path_, int]) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            try:
                lines[(*path, key)] = node.lc.key(key)[0] + 1
            except (KeyError, TypeError):
                lines[(*path, key)] = lines.get(path, 1)
            out[str(key) if not isinstance(key, (str, int, bool)) else key] = _plain(
                value, (*path, key), lines
            )
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            try:
                lines[(*path, index)] = node.lc.item(index)[0] + 1
            except (KeyError, TypeError, IndexError):
                lines[(*path, index)] = lines.get(path, 1)
            out_list.append(_plain(value, (*path, index), lines))
        return out_list
    if isinstance(node, str):
        return str(node)
    return node


def load_yaml_with_lines(path: Path, display: str | None = None) -> tuple[Any, dict[Path_, int]]:
    """Parse ``path``; return the data and a map from key paths to 1-based lines."""
    shown = display or str(path)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(
            f"{shown}:1: not UTF-8 text ({exc.reason}); save the file as UTF-8"
        ) from None
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        hint = (
            " (duplicate key: each key may appear once per mapping)"
            if "duplicate" in str(exc)
            else ""
        )
        raise YamlError(f"{shown}:{line}: {problem}{hint}") from None
    lines: dict[Path_, int] = {(): 1}
    return _plain(node, (), lines), lines


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """Line of ``path``, or of its nearest ancestor that has one."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
