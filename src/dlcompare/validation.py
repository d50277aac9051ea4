"""Validate YAML data with a pydantic model and say what is wrong as ``file:line: message``.

Every data file the project reads by hand-edit (facts, sources, claims, the
concordance, the warnings allowlist) is validated the same way: load it with
:func:`dlcompare.yamlio.load_yaml_with_lines`, then call :func:`validate` with its
model. pydantic's errors are translated into sentences that point at the YAML
line and say how to fix it, with a "did you mean" for misspelt field names and
vocabulary words. This module sits on the ground floor: it imports only pydantic,
the YAML reader and the vocabulary, never ``facts`` or ``render``.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from dlcompare.vocabulary import FRAMEWORKS
from dlcompare.yamlio import Path_, line_of

M = TypeVar("M", bound=BaseModel)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a data file, located at a line."""

    file: str
    line: int
    message: str
    severity: Severity = "error"
    rule: str = "schema"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, so a message never echoes a megabyte."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """`` — did you mean 'x'?`` for the closest option, or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return f" — did you mean '{close[0]}'?" if close else ""


def validate(
    model: type[M],
    data: Any,
    lines: dict[Path_, int],
    display: str,
    text_lines: list[str] | None = None,
    *,
    hints: Mapping[str, str] | None = None,
) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` against ``model``; translate every error to a located problem.

    ``lines`` is the map :func:`~dlcompare.yamlio.load_yaml_with_lines` returns,
    ``display`` the file name to print, ``text_lines`` the file's lines (to quote
    numbers as typed), ``hints`` what to write for a missing field, by field name.
    Returns the model (``None`` when invalid) and the problems, one per line and
    message.
    """
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        meant = _meant_fields(model, errors)
        problems = []
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and loc in meant:
                continue  # knock-on of a misspelt key, which is reported already
            path = _yaml_path(data, loc)
            if error["type"] == "missing":
                path = path[:-1]
            if error["type"] == "value_error":
                path = _narrow_to_named_key(data, path, error["msg"])
            line = line_of(lines, path)
            located = _with_literal(dict(error), text_lines, line)
            message = _translate(located, model, hints or {})
            problems.append(Problem(display, line, message, rule="schema"))
        return None, _dedupe(problems)


def _meant_fields(model: type[BaseModel], errors: list[Any]) -> set[tuple[Any, ...]]:
    """Locations of fields that a misspelt key was meant to fill: ``concep:`` means
    ``concept``, so "concept is missing" would only repeat the same mistake."""
    meant = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
            continue
        owner = _model_at(model, loc[:-1])
        close = difflib.get_close_matches(loc[-1], _keys(owner) if owner else [], n=1)
        if close:
            meant.add((*loc[:-1], close[0]))
    return meant


# --- where an error is ---------------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional so we can see the model or list inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _field_named(model: type[BaseModel], key: str) -> Any:
    """The annotation of the field a YAML key fills (by alias or by name)."""
    for name, info in model.model_fields.items():
        if key in (info.alias, name):
            return info.annotation
    return None


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (None if not a model)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            current = _field_named(current, part)
            if current is None:
                return None
        else:
            return None
    current = _unwrap(current)
    if typing.get_origin(current) is list:
        current = _unwrap(typing.get_args(current)[0])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _keys(model: type[BaseModel]) -> list[str]:
    """The YAML keys a model accepts (aliases where a field has one)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _yaml_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Map a pydantic location onto the YAML: drop list indexes pydantic added to
    wrap a single cell, and the names of union members."""
    path: list[Any] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            if isinstance(node, list):
                path.append(part)
                node = node[part] if part < len(node) else None
            # else: a single cell that the model wrapped into a list; nothing in the YAML
            continue
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, dict):
            path.append(part)  # a missing key: its parent's line is used
            node = None
        # else: part is a pydantic internal (e.g. a union tag); skip it
    return tuple(path)


def _narrow_to_named_key(data: Any, path: Path_, message: str) -> Path_:
    """A model-level error that starts with a key of that mapping points at the key."""
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return path
    first = message.removeprefix("Value error, ").split(" ", 1)[0]
    if isinstance(node, dict) and first in node:
        return (*path, first)
    return path


def _with_literal(error: dict[str, Any], text_lines: list[str] | None, line: int) -> dict[str, Any]:
    """For numbers, recover what was typed (YAML turned 2.10 into 2.1)."""
    value = error.get("input")
    if text_lines and isinstance(value, (int, float)) and not isinstance(value, bool):
        key = next((p for p in reversed(error["loc"]) if isinstance(p, str)), None)
        text = text_lines[line - 1] if 0 < line <= len(text_lines) else ""
        match = re.search(rf"\b{re.escape(key)}:\s*([-+0-9.eE_]+)", text) if key else None
        if match:
            return {**error, "literal": match.group(1)}
    return error


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, str]] = set()
    out = []
    for problem in problems:
        if (problem.line, problem.message) not in seen:
            seen.add((problem.line, problem.message))
            out.append(problem)
    return out


# --- what an error says --------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class _Error:
    """One pydantic error, with what every message needs already worked out."""

    raw: dict[str, Any]
    model: type[BaseModel]
    hints: Mapping[str, str]

    @property
    def loc(self) -> tuple[Any, ...]:
        return tuple(self.raw["loc"])

    @property
    def name(self) -> str:
        """The YAML key the error is about (the last named part of its location)."""
        return next((str(p) for p in reversed(self.loc) if isinstance(p, str)), "value")

    @property
    def value(self) -> Any:
        """The input, cut short when it is long text (messages quote it)."""
        value = self.raw.get("input")
        return shorten(value) if isinstance(value, str) else value

    @property
    def ctx(self) -> dict[str, Any]:
        ctx: dict[str, Any] = self.raw.get("ctx") or {}
        return ctx


def _missing(e: _Error) -> str:
    owner = _model_at(e.model, e.loc[:-1])
    if owner is not None and set(_keys(owner)) == set(FRAMEWORKS):
        return (
            f"values: '{e.name}' is missing; every fact needs pytorch, tensorflow and keras "
            "(write `value: no` with a note when it does not apply)"
        )
    return f"'{e.name}' is missing; {e.hints.get(e.name, f'add `{e.name}:`')}"


def _too_long(e: _Error) -> str:
    given = e.raw.get("input")
    size = len(given) if isinstance(given, str) else 0
    return (
        f"{e.name} is {size:,} characters long, over the limit of {e.ctx.get('max_length', 0):,}; "
        "shorten it (a sentence or two; the cited source holds the detail)"
    )


def _not_one_of(e: _Error) -> str:
    expected = str(e.ctx.get("expected", ""))
    options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()]
    hint = did_you_mean(str(e.value), options, cutoff=0.5)
    return f"{e.name}: '{e.value}' is not one of {', '.join(options)}{hint}"


def _not_a_mapping(e: _Error) -> str:
    return f"{e.name}: expected a mapping of keys (e.g. `value: yes`), got {type(e.value).__name__}"


_MESSAGES: dict[str, Callable[[_Error], str]] = {
    "extra_forbidden": lambda e: _unknown_field(shorten(e.name), _model_at(e.model, e.loc[:-1])),
    "missing": _missing,
    "string_type": lambda e: _not_text(e.name, e.value, e.raw.get("literal", repr(e.value))),
    "string_too_long": _too_long,
    "string_pattern_mismatch": lambda e: _bad_form(e.name, e.loc, e.value),
    "literal_error": _not_one_of,
    "too_short": lambda e: f"{e.name} is empty; list at least one",
    "list_type": lambda e: f"{e.name}: expected a list, e.g. `{e.name}: [a, b]`",
    "model_type": _not_a_mapping,
    "dict_type": _not_a_mapping,
    "model_attributes_type": _not_a_mapping,
    "int_type": lambda e: f"{e.name}: expected a whole number",
    "int_parsing": lambda e: f"{e.name}: expected a whole number",
    "value_error": lambda e: _value_error(e.raw, e.loc, e.name, e.value),
}


def _translate(error: dict[str, Any], model: type[BaseModel], hints: Mapping[str, str]) -> str:
    e = _Error(error, model, hints)
    kind = str(error["type"])
    if kind.startswith("date") or kind == "datetime_type":
        return _bad_date(e.name, e.value)
    message = _MESSAGES.get(kind)
    if message is not None:
        return message(e)
    return f"{'.'.join(map(str, e.loc)) or 'file'}: {error['msg']}"


def _unknown_field(name: str, owner: type[BaseModel] | None) -> str:
    options = _keys(owner) if owner else []
    if set(options) == set(FRAMEWORKS):
        hint = did_you_mean(name, FRAMEWORKS, cutoff=0.4)
        return f"'{name}' is not a framework{hint} (values take pytorch, tensorflow and keras)"
    hint = did_you_mean(name, options) or f"; fields here: {', '.join(options)}"
    return f"'{name}' is not a field{hint}"


def _not_text(name: str, value: Any, literal: str) -> str:
    if isinstance(value, bool):
        return f"{name}: {str(value).lower()} is a YAML boolean; write text instead"
    if isinstance(value, (int, float)):
        return f'{name}: {literal} is a number; quote it ("{literal}") to keep it as text'
    return f"{name}: expected text, got {type(value).__name__}"


def _bad_form(name: str, loc: tuple[Any, ...], value: Any) -> str:
    if name in ("id", "topic") or loc[-2:-1] in (("sources",), ("facts",), ("articles",)):
        return (
            f"{name}: '{value}' is not a valid id; use lower-case words joined by hyphens "
            "(e.g. 'torch-export')"
        )
    if name == "check":
        return f"check: '{value}' must be a program path like snippets/facts/<name>.py"
    if name == "url":
        return f"url: '{value}' must be an https:// URL"
    return f"{name}: '{value}' does not have the expected form"


def _bad_date(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return f"{name}: {str(value).lower()} is a YAML boolean; write a date as YYYY-MM-DD"
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return f"{name}: {value.strip()} is not a real date (YYYY-MM-DD)"
    return f"{name}: '{value}' is not a date; write YYYY-MM-DD (e.g. 2026-11-25)"


def _value_error(error: dict[str, Any], loc: tuple[Any, ...], name: str, value: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if "literal" in error:
        literal = error["literal"]
        message = message.replace(f"{value!r} is", f"{literal} is", 1)
        message = message.replace(f'("{value}")', f'("{literal}")', 1)
    # Field validators name their field; model validators (an item of a list, a cell)
    # already say what they are about.
    if loc and isinstance(loc[-1], str) and name not in message.split(":")[0].split(";")[0]:
        return f"{name}: {message}"
    return message
