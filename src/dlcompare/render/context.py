"""What the renderers read: one typed build-data object, loaded once per build.

The MkDocs hook creates a :class:`BuildData` when the build starts and hands the
same object to every page's :class:`RenderContext`. Each part (facts, programs,
records, concordance, benchmarks ...) is read on first use and then kept, so a
build that shows no benchmark never opens ``data/bench/``, and no page parses a
file another page already parsed. Typed attributes instead of a string-keyed
store mean a reader (and mypy) can follow every renderer to the data it uses.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from dlcompare import mkdocs_config
from dlcompare.bench.models import BenchFile
from dlcompare.bench.models import load as load_bench
from dlcompare.facts import concordance as concordance_data
from dlcompare.facts.loader import Dataset, load_dataset
from dlcompare.facts.models import Claim, Fact, Source
from dlcompare.facts.page_index import fact_pages, facts_markers
from dlcompare.matrix.agreement import Agreement
from dlcompare.matrix.infer import Range
from dlcompare.render.repository import Repository
from dlcompare.snippets.discover import Program, discover
from dlcompare.snippets.records import Record, load_records
from dlcompare.snippets.requirements import project_pins

RecordKey = tuple[str, str, str, str | None]  # (device, task, framework, backend)


@dataclass
class BuildData:
    """Everything under data/, snippets/ and docs/ that a page may show, read lazily once.

    ``dataset`` may be handed in already validated (the hook lints data/ before the
    build and passes the result on, so the YAML is parsed once).
    """

    root: Path
    dataset_given: Dataset | None = None
    nav_given: list[Any] | None = None  # the build's nav, handed in by the hook
    #: repo_url and the edit branch from mkdocs.yml (the hook hands them in).
    repository: Repository = field(default_factory=lambda: Repository(None))
    _benchmarks: dict[str, tuple[BenchFile | None, str]] = field(default_factory=dict)
    _sources: dict[Path, str] = field(default_factory=dict)

    @cached_property
    def dataset(self) -> Dataset:
        """The facts, sources and claims; an error if data/ has any (never a half page)."""
        dataset = self.dataset_given or load_dataset(self.root)
        if dataset.errors:
            first = "; ".join(str(p) for p in dataset.errors[:3])
            raise ValueError(f"the facts data has errors (run `dlcompare check`): {first}")
        return dataset

    @cached_property
    def facts(self) -> list[Fact]:
        return [located.item for located in self.dataset.facts]

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.facts}

    @cached_property
    def sources(self) -> dict[str, Source]:
        return self.dataset.source_items()

    @cached_property
    def claims(self) -> list[Claim]:
        return [located.item for located in self.dataset.claims]

    @cached_property
    def topic_facts(self) -> dict[str, list[str]]:
        """topic -> its fact ids, in file order."""
        return {t: [f.id for f in self.dataset.facts_of(t)] for t in self.dataset.topics}

    @cached_property
    def fact_pages(self) -> dict[str, str]:
        """fact id -> the first page (relative to docs/) whose facts marker shows it."""
        return fact_pages(self.root, self.topic_facts)

    @cached_property
    def pages_showing(self) -> dict[str, set[str]]:
        """fact id -> every page whose facts markers show it."""
        shown: dict[str, set[str]] = {}
        for marker in facts_markers(self.root):
            selected = list(marker.ids)
            if marker.topic:
                selected += self.topic_facts.get(marker.topic, [])
            for fact_id in selected:
                shown.setdefault(fact_id, set()).add(marker.page)
        return shown

    @cached_property
    def nav_pages(self) -> list[str]:
        """Pages of ``mkdocs.yml``'s nav in order (the build's own nav when handed in)."""
        if self.nav_given is not None:
            return mkdocs_config.nav_leaves(self.nav_given)
        return mkdocs_config.load(self.root).pages

    @cached_property
    def programs(self) -> list[Program]:
        return discover(self.root)

    @cached_property
    def records(self) -> dict[RecordKey, Record]:
        return load_records(self.root)

    @cached_property
    def pins(self) -> dict[str, str]:
        """What the example programs import, pinned: pyproject's ``frameworks`` extra.

        Empty for a tree without ``pyproject.toml`` (scratch projects in tests): their
        pages then get no "Run it" box instead of an error.
        """
        if not (self.root / "pyproject.toml").is_file():
            return {}
        return project_pins(self.root)

    def source(self, program: Program) -> str:
        """A program's text (read once per build)."""
        if program.path not in self._sources:
            self._sources[program.path] = (self.root / program.path).read_text(encoding="utf-8")
        return self._sources[program.path]

    @cached_property
    def concordance(self) -> concordance_data.ConcordanceFile:
        """data/concordance.yaml, validated against the sources and the programs."""
        loaded = concordance_data.load(self.root)
        problems = loaded.problems + concordance_data.check(
            loaded, self.root, set(self.dataset.sources)
        )
        if problems or loaded.data is None:
            raise ValueError(
                "data/concordance.yaml is invalid:\n  " + "\n  ".join(map(str, problems))
            )
        return loaded.data

    @cached_property
    def compat_ranges(self) -> list[Range]:
        """Release-matrix ranges inferred from data/compat/ (``matrix/infer.py``)."""
        from dlcompare.matrix.agreement import measured_ranges

        return measured_ranges(self.root)

    @cached_property
    def compat_agreements(self) -> list[Agreement]:
        """The facts' typed ranges judged against those ranges (``matrix/agreement.py``)."""
        from dlcompare.matrix.agreement import agreements

        return agreements(self.dataset.facts, self.compat_ranges)

    def benchmark(self, label: str) -> tuple[BenchFile | None, str]:
        """data/bench/<label>.json (None when it was never produced) and its path."""
        if label not in self._benchmarks:
            rel = f"data/bench/{label}.json"
            path = self.root / rel
            self._benchmarks[label] = (load_bench(path) if path.exists() else None, rel)
        return self._benchmarks[label]


@dataclass
class RenderContext:
    """What a renderer may use: the build's data and the page being rendered."""

    root: Path
    page: str = ""  # path of the page relative to docs/, for messages and links
    build: InitVar[BuildData | None] = None  # the build's shared data; a fresh one if None
    data: BuildData = field(init=False)

    def __post_init__(self, build: BuildData | None) -> None:
        self.data = build if build is not None else BuildData(self.root)
