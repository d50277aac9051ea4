"""Read the data files and report every problem as ``file:line: message``.

Loading never raises on bad data: each file is read with the hardened reader of
:mod:`dlcompare.yamlio` and validated with :mod:`dlcompare.validation`, and yields
its parsed model (or ``None``) and a list of :class:`Problem` located at lines.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from dlcompare.facts.concordance import CONCORDANCE_FILE, Loaded
from dlcompare.facts.concordance import load as load_concordance
from dlcompare.facts.models import (
    Claim,
    ClaimsFile,
    Fact,
    FactsFile,
    Source,
    SourcesFile,
)
from dlcompare.validation import Problem
from dlcompare.validation import validate as validate_model
from dlcompare.yamlio import Path_, YamlError, line_of, parse_yaml_with_lines, read_text

FACTS_DIR = Path("data/facts")
SOURCES_FILE = Path("data/sources.yaml")
CLAIMS_FILE = Path("data/claims.yaml")

M = TypeVar("M", bound=BaseModel)


@dataclass
class Located(Generic[M]):
    """A validated item plus where it came from, so later rules can name the line."""

    item: M
    file: str
    lines: dict[Path_, int]
    path: Path_  # key path of the item inside its file, e.g. ("facts", 3)

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
    #: every YAML file read, relative path -> its lines (to quote numbers as typed)
    text_lines: dict[str, list[str]] = field(default_factory=dict)
    #: data/concordance.yaml as loaded, when the project has one
    concordance: Loaded | None = None

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


# --- reading files --------------------------------------------------------------------

#: What to write when a field is missing, by field name (the translator's hints).
FIELD_HINTS = {
    "as_of": "add `as_of: YYYY-MM-DD`, the day you checked it",
    "sources": "list source ids from data/sources.yaml, e.g. `sources: [tf-license]`",
    "values": "add `values:` with pytorch, tensorflow and keras",
    "question": "add `question:`, the row label readers see",
    "id": "add `id:` (lower-case words joined by hyphens)",
    "topic": "add `topic:` equal to the file name without .yaml",
    "title": "add `title:`",
    "facts": "add `facts:` with at least one fact",
    "url": "add `url: https://...`",
    "publisher": "add `publisher:`",
    "kind": "add `kind:` (one of docs, release-notes, repository, license, package-index, "
    "announcement, issue, press, article)",
    "accessed": "add `accessed: YYYY-MM-DD`, the day you read the source",
    "verdict": "add `verdict:` (wrong, stale, imprecise, partly-true, unverifiable, correct)",
    "now": "add `now:`, what is true today",
    "claim": "add `claim:`, the article's statement in our words",
    "articles": "add `articles:` with source ids of kind article",
}

#: Keys whose list items are source ids; a misspelling of one still counts as citing.
REF_KEYS = ("sources", "articles")


def validate(
    model: type[M],
    data: Any,
    lines: dict[Path_, int],
    display: str,
    text_lines: list[str] | None = None,
) -> tuple[M | None, list[Problem]]:
    """:func:`dlcompare.validation.validate` with the data files' missing-field hints."""
    return validate_model(model, data, lines, display, text_lines, hints=FIELD_HINTS)


def _read(root: Path, rel: Path, dataset: Dataset) -> tuple[Any, dict[Path_, int]] | None:
    """Read one data file with the hardened reader; a refusal becomes a problem."""
    display = rel.as_posix()
    try:
        text = read_text(root / rel, display)
        data, lines = parse_yaml_with_lines(text, display)
    except YamlError as exc:
        dataset.unreadable.append(display)
        dataset.problems.append(Problem(exc.file, exc.line, exc.message, rule="yaml"))
        return None
    dataset.first_lines[display] = text.splitlines()[0] if text else ""
    dataset.text_lines[display] = text.splitlines()
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

    collect_refs(data, dataset.raw_refs)
    if rel == SOURCES_FILE:
        items, target = data.get("sources"), dataset.raw_source_ids
    elif rel in (CLAIMS_FILE, CONCORDANCE_FILE):
        return
    else:
        items, target = data.get("facts"), dataset.raw_fact_ids
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            target.add(item["id"])


def collect_refs(data: Any, found: set[str]) -> None:
    """Add every string listed under a reference key (or a misspelling of one, so
    that `sorces: [x]` is reported once, not again as "x is cited by nothing")."""

    def is_ref_key(key: Any) -> bool:
        if not isinstance(key, str):
            return False
        return key in REF_KEYS or bool(difflib.get_close_matches(key, REF_KEYS, cutoff=0.75))

    def walk(node: Any, key: Any = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "article" and isinstance(v, str):
                    found.add(v)  # a claim's said_in entry names one article
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, str) and is_ref_key(key):
                    found.add(item)
                walk(item, key)

    walk(data)


def load_facts_file(root: Path, rel: Path, dataset: Dataset) -> None:
    read = _read(root, rel, dataset)
    if read is None:
        return
    data, lines = read
    display = rel.as_posix()
    parsed, problems = validate(FactsFile, data, lines, display, dataset.text_lines.get(display))
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
        SourcesFile,
        data,
        lines,
        SOURCES_FILE.as_posix(),
        dataset.text_lines.get(SOURCES_FILE.as_posix()),
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
        ClaimsFile,
        data,
        lines,
        CLAIMS_FILE.as_posix(),
        dataset.text_lines.get(CLAIMS_FILE.as_posix()),
    )
    dataset.problems.extend(problems)
    items = list(enumerate(parsed.claims)) if parsed else _salvage(Claim, data.get("claims"))
    for index, claim in items:
        dataset.claims.append(Located(claim, CLAIMS_FILE.as_posix(), lines, ("claims", index)))


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
    load_concordance_file(root, dataset)
    return dataset


def load_concordance_file(root: Path, dataset: Dataset) -> None:
    """data/concordance.yaml, when the project has one (its rule runs in ``lint``)."""
    if not (root / CONCORDANCE_FILE).exists():
        return
    loaded = load_concordance(root)
    display = CONCORDANCE_FILE.as_posix()
    dataset.concordance = loaded
    dataset.problems.extend(loaded.problems)
    if loaded.unreadable:
        dataset.unreadable.append(display)
        return
    if loaded.first_line is not None:
        dataset.first_lines[display] = loaded.first_line
    collect_refs(loaded.raw, dataset.raw_refs)
