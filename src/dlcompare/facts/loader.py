"""Read the data files and report every problem as ``file:line: message``.

Loading never raises on bad data: each file yields its parsed model (or ``None``)
and a list of :class:`Problem`. pydantic's errors are translated into sentences
that point at the YAML line and say how to fix it, with a "did you mean" for
misspelt field names.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from dlcompare.facts.models import (
    Claim,
    ClaimsFile,
    Fact,
    FactsFile,
    Source,
    SourcesFile,
    Values,
)
from dlcompare.paths import FRAMEWORKS
from dlcompare.yamlio import YamlError, line_of, load_yaml_with_lines

FACTS_DIR = Path("data/facts")
SOURCES_FILE = Path("data/sources.yaml")
CLAIMS_FILE = Path("data/claims.yaml")
SCHEMA_COMMENT = "# yaml-language-server: $schema="

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in the data, located in a file."""

    file: str
    line: int
    message: str
    severity: str = "error"  # or "warning"
    rule: str = "schema"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass
class Located(Generic[M]):
    """A validated item plus where it came from, so later rules can name the line."""

    item: M
    file: str
    lines: dict[tuple, int]
    path: tuple  # key path of the item inside its file, e.g. ("facts", 3)

    def line(self, *keys: Any) -> int:
        return line_of(self.lines, (*self.path, *keys))


@dataclass
class Dataset:
    """Everything under data/ that the site renders, plus the problems found loading it."""

    facts: list[Located[Fact]] = field(default_factory=list)
    topics: dict[str, Located[FactsFile]] = field(default_factory=dict)
    sources: dict[str, Located[Source]] = field(default_factory=dict)
    claims: list[Located[Claim]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: every YAML file read, relative path -> first line of its text (for the schema comment rule)
    first_lines: dict[str, str] = field(default_factory=dict)
    #: ids and references seen in the raw YAML, valid or not, so that one broken entry
    #: does not make every rule that looks it up report a knock-on error
    raw_fact_ids: set[str] = field(default_factory=set)
    raw_source_ids: set[str] = field(default_factory=set)
    raw_refs: set[str] = field(default_factory=set)
    #: files that could not be parsed as YAML at all (cross-file rules stay quiet then)
    unreadable: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def fact(self, fact_id: str) -> Fact | None:
        for located in self.facts:
            if located.item.id == fact_id:
                return located.item
        return None

    def source_items(self) -> dict[str, Source]:
        return {key: located.item for key, located in self.sources.items()}

    def topic_order(self) -> list[str]:
        return sorted(self.topics, key=lambda t: (self.topics[t].item.order, t))

    def facts_of(self, topic: str) -> list[Fact]:
        located = self.topics.get(topic)
        return list(located.item.facts) if located else []


# --- translating pydantic errors ------------------------------------------------------


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


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (None if not a model)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    current = _unwrap(current)
    if typing.get_origin(current) is list:
        current = _unwrap(typing.get_args(current)[0])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _yaml_path(data: Any, loc: tuple) -> tuple:
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


_FIELD_HINTS = {
    "as_of": "add `as_of: YYYY-MM-DD`, the day you checked it",
    "sources": "list source ids from data/sources.yaml, e.g. `sources: [tf-license]`",
    "values": "add `values:` with pytorch, tensorflow and keras",
    "question": "add `question:`, the row label readers see",
    "id": "add `id:` (lower-case words joined by hyphens)",
    "value": "add `value:` (yes, partial, no, deprecated, removed, or a version/text)",
    "topic": "add `topic:` equal to the file name without .yaml",
    "title": "add `title:`",
    "facts": "add `facts:` with at least one fact",
    "url": "add `url: https://...`",
    "publisher": "add `publisher:`",
    "kind": "add `kind:` (one of docs, release-notes, repository, license, package-index, "
    "announcement, issue, article)",
    "accessed": "add `accessed: YYYY-MM-DD`, the day you read the source",
    "verdict": "add `verdict:` (wrong, stale, imprecise, partly-true, unverifiable)",
    "now": "add `now:`, what is true today",
    "claim": "add `claim:`, the article's statement in our words",
    "articles": "add `articles:` with source ids of kind article",
}


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    return f"; fields here: {', '.join(options)}"


def _translate(error: dict, model: type[BaseModel]) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    value = error.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        options = list(owner.model_fields) if owner else []
        if owner is Values:
            close = difflib.get_close_matches(name, list(FRAMEWORKS), n=1, cutoff=0.4)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            return f"'{name}' is not a framework{hint} (values take pytorch, tensorflow and keras)"
        return f"'{name}' is not a field{_did_you_mean(name, options)}"
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        if owner is Values:
            return (
                f"values: '{name}' is missing; every fact needs pytorch, tensorflow and keras "
                "(write `value: no` with a note when it does not apply)"
            )
        return f"'{name}' is missing; {_FIELD_HINTS.get(name, f'add `{name}:`')}"
    literal = error.get("literal", repr(value))
    if kind == "string_type":
        if isinstance(value, bool):
            return f"{name}: {str(value).lower()} is a YAML boolean; write text instead"
        if isinstance(value, (int, float)):
            return f'{name}: {literal} is a number; quote it ("{literal}") to keep it as text'
        return f"{name}: expected text, got {type(value).__name__}"
    if kind == "string_pattern_mismatch":
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
    if kind.startswith("date") or kind == "datetime_type":
        if isinstance(value, bool):
            return f"{name}: {str(value).lower()} is a YAML boolean; write a date as YYYY-MM-DD"
        return f"{name}: '{value}' is not a date; write YYYY-MM-DD (e.g. 2026-11-25)"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [
            o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()
        ]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        return f"{name}: '{value}' is not one of {', '.join(options)}{hint}"
    if kind == "too_short":
        return f"{name} is empty; list at least one"
    if kind == "list_type":
        return f"{name}: expected a list, e.g. `{name}: [a, b]`"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name}: expected a mapping of keys (e.g. `value: yes`), got {type(value).__name__}"
    if kind == "int_type" or kind == "int_parsing":
        return f"{name}: expected a whole number"
    if kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
        if "literal" in error:
            literal = error["literal"]
            message = message.replace(f"{value!r} is", f"{literal} is", 1)
            message = message.replace(f'("{value}")', f'("{literal}")', 1)
        # Field validators name their field; model validators (an item of a list, a cell)
        # already say what they are about.
        if loc and isinstance(loc[-1], str) and name not in message.split(":")[0]:
            return f"{name}: {message}"
        return message
    return f"{'.'.join(map(str, loc)) or 'file'}: {error['msg']}"


def validate(
    model: type[M],
    data: Any,
    lines: dict[tuple, int],
    display: str,
    text_lines: list[str] | None = None,
) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` against ``model``; translate every error to a located problem."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            path = _yaml_path(data, tuple(error["loc"]))
            if error["type"] == "missing":
                path = path[:-1]
            if error["type"] == "value_error":
                path = _narrow_to_named_key(data, path, error["msg"])
            line = line_of(lines, path)
            error = _with_literal(error, text_lines, line)
            problems.append(Problem(display, line, _translate(error, model), rule="schema"))
        return None, _dedupe(problems)


def _narrow_to_named_key(data: Any, path: tuple, message: str) -> tuple:
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


def _with_literal(error: dict, text_lines: list[str] | None, line: int) -> dict:
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
    seen, out = set(), []
    for problem in problems:
        if (problem.line, problem.message) not in seen:
            seen.add((problem.line, problem.message))
            out.append(problem)
    return out


def _read(root: Path, rel: Path, dataset: Dataset) -> tuple[Any, dict[tuple, int]] | None:
    display = rel.as_posix()
    path = root / rel
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    dataset.first_lines[display] = text.splitlines()[0] if text else ""
    try:
        data, lines = load_yaml_with_lines(path, display)
    except YamlError as exc:
        dataset.unreadable.append(display)
        file, _, rest = str(exc).partition(":")
        line, _, message = rest.partition(":")
        dataset.problems.append(
            Problem(file, int(line) if line.isdigit() else 1, message.strip(), rule="yaml")
        )
        return None
    if data is None:
        dataset.problems.append(Problem(display, 1, "the file is empty", rule="schema"))
        return None
    if not isinstance(data, dict):
        dataset.problems.append(
            Problem(display, 1, "the file must be a mapping with named keys, not a list or text")
        )
        return None
    _collect_raw(data, dataset, rel)
    return data, lines


def _collect_raw(data: Any, dataset: Dataset, rel: Path) -> None:
    """Remember every id and reference in the file, whether or not it validates."""

    def walk(node: Any, key: Any = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                if key in ("sources", "articles") and isinstance(item, str):
                    dataset.raw_refs.add(item)
                walk(item, key)

    walk(data)
    if rel == SOURCES_FILE:
        items, target = data.get("sources"), dataset.raw_source_ids
    elif rel == CLAIMS_FILE:
        return
    else:
        items, target = data.get("facts"), dataset.raw_fact_ids
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            target.add(item["id"])


def load_facts_file(root: Path, rel: Path, dataset: Dataset) -> None:
    read = _read(root, rel, dataset)
    if read is None:
        return
    data, lines = read
    display = rel.as_posix()
    parsed, problems = validate(FactsFile, data, lines, display, _text_lines(root, rel))
    dataset.problems.extend(problems)
    if parsed is None:
        # Keep what is valid on its own so later rules do not report knock-on errors.
        salvaged = _salvage(Fact, data.get("facts"))
        topic = data.get("topic")
        if isinstance(topic, str) and topic:
            title = data.get("title") if isinstance(data.get("title"), str) else topic
            order = data.get("order") if isinstance(data.get("order"), int) else 100
            parsed = FactsFile.model_construct(
                topic=topic, title=title, order=order, facts=[fact for _, fact in salvaged]
            )
            dataset.topics.setdefault(topic, Located(parsed, display, lines, ()))
        for index, fact in salvaged:
            dataset.facts.append(Located(fact, display, lines, ("facts", index)))
        return
    if parsed.topic in dataset.topics:
        dataset.problems.append(
            Problem(
                display,
                line_of(lines, ("topic",)),
                f"topic '{parsed.topic}' is already used by {dataset.topics[parsed.topic].file}; "
                "each topic has one file",
                rule="unique-ids",
            )
        )
    else:
        dataset.topics[parsed.topic] = Located(parsed, display, lines, ())
    for index, fact in enumerate(parsed.facts):
        dataset.facts.append(Located(fact, display, lines, ("facts", index)))


def load_sources(root: Path, dataset: Dataset) -> None:
    if not (root / SOURCES_FILE).exists():
        dataset.problems.append(
            Problem(SOURCES_FILE.as_posix(), 1, "file not found; create it with a `sources:` list")
        )
        return
    read = _read(root, SOURCES_FILE, dataset)
    if read is None:
        return
    data, lines = read
    parsed, problems = validate(
        SourcesFile, data, lines, SOURCES_FILE.as_posix(), _text_lines(root, SOURCES_FILE)
    )
    dataset.problems.extend(problems)
    items = list(enumerate(parsed.sources)) if parsed else _salvage(Source, data.get("sources"))
    for index, source in items:
        if source.id in dataset.sources:
            first = dataset.sources[source.id]
            dataset.problems.append(
                Problem(
                    SOURCES_FILE.as_posix(),
                    line_of(lines, ("sources", index, "id")),
                    f"duplicate source id '{source.id}' (first defined on line "
                    f"{first.line('id')}); give this source another id or merge the two",
                    rule="unique-ids",
                )
            )
            continue
        dataset.sources[source.id] = Located(
            source, SOURCES_FILE.as_posix(), lines, ("sources", index)
        )


def load_claims(root: Path, dataset: Dataset) -> None:
    if not (root / CLAIMS_FILE).exists():
        return
    read = _read(root, CLAIMS_FILE, dataset)
    if read is None:
        return
    data, lines = read
    parsed, problems = validate(
        ClaimsFile, data, lines, CLAIMS_FILE.as_posix(), _text_lines(root, CLAIMS_FILE)
    )
    dataset.problems.extend(problems)
    items = list(enumerate(parsed.claims)) if parsed else _salvage(Claim, data.get("claims"))
    for index, claim in items:
        dataset.claims.append(Located(claim, CLAIMS_FILE.as_posix(), lines, ("claims", index)))


def _text_lines(root: Path, rel: Path) -> list[str]:
    try:
        return (root / rel).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _salvage(model: type[M], raw: Any) -> list[tuple[int, M]]:
    """Items that validate on their own when the file as a whole does not."""
    out = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        parsed, problems = validate(model, item, {}, "")
        if parsed is not None and not problems:
            out.append((index, parsed))
    return out


def load_dataset(root: Path) -> Dataset:
    """Read data/facts/*.yaml, data/sources.yaml and data/claims.yaml under ``root``."""
    dataset = Dataset()
    load_sources(root, dataset)
    facts_dir = root / FACTS_DIR
    if not facts_dir.is_dir():
        dataset.problems.append(
            Problem(FACTS_DIR.as_posix(), 1, "folder not found; add one YAML file per topic")
        )
    else:
        for path in sorted(facts_dir.glob("*.yaml")):
            load_facts_file(root, path.relative_to(root), dataset)
        for path in sorted(facts_dir.glob("*.yml")):
            dataset.problems.append(
                Problem(
                    path.relative_to(root).as_posix(),
                    1,
                    "facts files end in .yaml; rename the file so the loader reads it",
                )
            )
    load_claims(root, dataset)
    return dataset
