"""Load a hand-edited YAML data file safely, remembering the line of every key and item.

Contributors edit YAML by hand and propose it by pull request, so reading a file
must neither crash nor exhaust the machine, and every problem must point at a line.
Before any YAML is composed this module refuses what the data never needs and an
attacker would use:

* files over :data:`MAX_FILE_BYTES` (checked before reading them);
* bytes that are not UTF-8, located at their real line;
* NUL and other control characters (a tab, newline and carriage return are fine);
* anchors, aliases and tags: an alias bomb ("billion laughs") is rejected at its
  first ``&anchor``, while ruamel.yaml's composer reads the event stream, so no
  alias is ever expanded;
* nesting deeper than :data:`MAX_DEPTH` (ruamel.yaml's own ``max_depth``, so a
  3000-deep list cannot reach Python's recursion limit).

ruamel.yaml's round-trip loader keeps positions; this module flattens them into a
``{path: line}`` map so the rest of the code can work with ordinary dicts and
lists. YAML 1.2 is used, so ``yes``/``no`` stay strings and only ``true``/``false``
are booleans. Dates stay strings too: the pydantic models parse them, so that an
impossible date such as 2026-02-30 becomes a located message instead of a
ValueError inside the YAML library.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

Path_ = tuple[Any, ...]

#: Largest data file read, in bytes: ten times the biggest real one (data/sources.yaml,
#: 26 KB). ruamel.yaml parses about 200 KB per CPU second, so a file at the limit
#: costs about a second; at 1 MiB it was 5 s and 100 MB.
MAX_FILE_BYTES = 256 * 1024
#: Deepest nesting of mappings and lists. Real data needs 9 (facts -> cell -> sources).
MAX_DEPTH = 20

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}


class YamlError(ValueError):
    """A file that cannot be read as YAML; the message starts with ``file:line:``.

    Raise it as ``YamlError(file, line, message)``; the older one-string form
    ``YamlError("file:line: message")`` still works and is split into the parts.
    """

    def __init__(self, file: str, line: int | None = None, message: str | None = None) -> None:
        if line is None or message is None:
            name, _, rest = file.partition(":")
            number, _, text = rest.partition(":")
            if number.isdigit():
                file, line, message = name, int(number), text.strip()
            else:
                file, line, message = name, 1, rest.strip()
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


class _Refused(MarkedYAMLError):
    """Raised from inside the composer; carries a finished message and a mark."""


class _SafeComposer(Composer):
    """ruamel.yaml's composer, refusing anchors, aliases and tags as it meets them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                problem="YAML anchors and aliases are not allowed in data files "
                "(write the value out where it is needed; `&name` and `*name` are refused)",
                problem_mark=event.start_mark,
            )
        if getattr(event, "tag", None) is not None:
            raise _Refused(
                problem=f"YAML tags ({event.tag}) are not allowed in data files; "
                "remove the tag (quote the value if it must stay text)",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps dates as text for the models to parse."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _SafeComposer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    return yaml


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, refusing files that are too large, not UTF-8 or hold control
    characters; each refusal is a :class:`YamlError` at the offending line."""
    shown = display or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise YamlError(shown, 1, f"cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            shown,
            1,
            f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, the limit for a "
            "data file; split it into smaller files or shorten its texts",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        raise YamlError(
            shown,
            raw.count(b"\n", 0, exc.start) + 1,
            f"byte 0x{raw[exc.start]:02x} in column {exc.start - line_start + 1} is not UTF-8 "
            f"({exc.reason}); save the file as UTF-8",
        ) from None
    match = _CONTROL.search(text)
    if match:
        code = ord(match.group())
        name = _CONTROL_NAMES.get(code, "a control character")
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise YamlError(
            shown,
            line,
            f"control character U+{code:04X} ({name}) in column {column}; delete it "
            "(data files hold plain text: only tab, newline and carriage return are allowed)",
        )
    return text


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


def _marked(shown: str, exc: MarkedYAMLError) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    if isinstance(exc, MaxDepthExceededError):
        return YamlError(
            shown,
            line,
            f"nested deeper than {MAX_DEPTH} levels of mappings and lists; data files need "
            "far fewer — flatten this entry",
        )
    problem = exc.problem or exc.context or "invalid YAML"
    if "another document" in problem:
        problem = "a data file holds one YAML document; remove the second `---` and what follows"
    hint = (
        " (duplicate key: each key may appear once per mapping)" if "duplicate" in str(exc) else ""
    )
    return YamlError(shown, line, f"{problem}{hint}")


def load_yaml_with_lines(path: Path, display: str | None = None) -> tuple[Any, dict[Path_, int]]:
    """Read and parse ``path``; return the data and a map from key paths to 1-based lines.

    Raises :class:`YamlError` (``file:line: message`` naming the fix) for every
    way the file can be wrong; never anything else.
    """
    shown = display or str(path)
    return parse_yaml_with_lines(read_text(path, shown), shown)


def parse_yaml_with_lines(text: str, shown: str) -> tuple[Any, dict[Path_, int]]:
    """Parse text that :func:`read_text` returned; see :func:`load_yaml_with_lines`."""
    try:
        node = _yaml().load(text)
    except MarkedYAMLError as exc:
        raise _marked(shown, exc) from None
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise YamlError(shown, 1, f"cannot read the file as YAML ({exc})") from None
    lines: dict[Path_, int] = {(): 1}
    return _plain(node, (), lines), lines


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """Line of ``path``, or of its nearest ancestor that has one."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
