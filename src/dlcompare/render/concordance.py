"""data/concordance.yaml -> the migration table: the same operation in each framework.

Every row names a concept and the call that does it in PyTorch, TensorFlow and
Keras. A call is *verified* when the row (or cell) names an example task: the call's
text must then appear in ``snippets/<task>/<framework>.py``, a program the test
suite runs, so the table cannot drift from code that works. Calls that no program
shows cite a source from data/sources.yaml instead.

``<!-- concordance: group=<id> -->`` renders one group as a table;
``<!-- concordance: -->`` renders every group under its own heading.

The file is validated with the pydantic models below; problems come back as
``data/concordance.yaml:<line>: <message>`` like every other data file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from dlcompare.facts.models import FRAMEWORK_LABELS, SLUG
from dlcompare.paths import FRAMEWORKS
from dlcompare.render.text import (
    escape,
    inline_markup,
    md_code,
    md_text,
    md_url,
    one_line,
    relative_link,
)

if TYPE_CHECKING:  # the build data imports this module for the loader (moving to facts/)
    from dlcompare.render.context import RenderContext

CONCORDANCE_FILE = Path("data/concordance.yaml")
SCHEMA_FILE = Path("data/concordance.schema.json")

Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=SLUG)]
_TASK = re.compile(r"^[a-z][a-z0-9_]*$")


def _task_name(value: Any) -> Any:
    if isinstance(value, str) and not _TASK.match(value):
        raise ValueError(
            f"'{value}' is not a task name; use a folder name under snippets/, e.g. training_loop"
        )
    return value


Task = Annotated[str, BeforeValidator(_task_name)]


def _as_cell(value: Any) -> Any:
    """A cell is written as a bare string (the code) or a mapping with more detail."""
    if isinstance(value, str):
        return {"code": value}
    return value


class Call(BaseModel):
    """How one framework does the row's concept."""

    model_config = ConfigDict(extra="forbid")

    code: Text | None = Field(
        description="the call as shown (inline code); null when there is no direct equivalent"
    )
    note: Text | None = Field(default=None, description="a few words of context")
    find: Text | None = Field(
        default=None,
        description="text the example program must contain (default: code up to its first '(')",
    )
    task: Task | None = Field(
        default=None, description="example task showing this call (overrides the row's)"
    )
    sources: list[Slug] = Field(
        default_factory=list, description="source ids for a call no example program shows"
    )

    @model_validator(mode="after")
    def _null_code_needs_note(self) -> Call:
        if self.code is None and self.note is None:
            raise ValueError(
                "code is null (no equivalent); add a `note:` saying what to do instead"
            )
        return self

    def needle(self) -> str | None:
        if self.find:
            return self.find
        if self.code is None:
            return None
        return self.code.split("(", 1)[0].strip() or self.code


CallField = Annotated[Call, BeforeValidator(_as_cell)]


class Row(BaseModel):
    """One concept and its call in each framework."""

    model_config = ConfigDict(extra="forbid")

    concept: Text = Field(description="what the calls do, in a few words")
    task: Task | None = Field(
        default=None, description="example task whose programs contain the calls"
    )
    sources: list[Slug] = Field(
        default_factory=list, description="source ids for calls no program shows"
    )
    pytorch: CallField
    tensorflow: CallField
    keras: CallField

    def call(self, framework: str) -> Call:
        return getattr(self, framework)

    def task_for(self, framework: str) -> str | None:
        """The cell's task; an explicit ``task: null`` in a cell opts out of the row's."""
        call = self.call(framework)
        return call.task if "task" in call.model_fields_set else self.task


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: Text
    rows: list[Row] = Field(min_length=1)


class ConcordanceFile(BaseModel):
    """``data/concordance.yaml``: groups of rows, in page order."""

    model_config = ConfigDict(extra="forbid")

    groups: list[Group] = Field(min_length=1)


def schema_json() -> str:
    """The JSON Schema editors use for data/concordance.yaml (kept in data/ by a test)."""
    schema = ConcordanceFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dlcompare concordance (data/concordance.yaml)"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


# --- loading and checking ------------------------------------------------------------------


@dataclass
class Loaded:
    data: ConcordanceFile | None
    lines: dict[tuple, int]
    problems: list[str]


def load(root: Path) -> Loaded:
    """Parse and validate the file; every problem is ``file:line: message``."""
    from dlcompare.facts.loader import validate
    from dlcompare.yamlio import YamlError, load_yaml_with_lines

    display = CONCORDANCE_FILE.as_posix()
    path = root / CONCORDANCE_FILE
    if not path.exists():
        return Loaded(None, {}, [f"{display}:1: file not found; create it with a `groups:` list"])
    try:
        raw, lines = load_yaml_with_lines(path, display)
    except YamlError as exc:
        return Loaded(None, {}, [str(exc)])
    text_lines = path.read_text(encoding="utf-8").splitlines()
    parsed, problems = validate(ConcordanceFile, raw, lines, display, text_lines)
    return Loaded(parsed, lines, [str(p) for p in problems])


def check(loaded: Loaded, root: Path, source_ids: set[str]) -> list[str]:
    """Cross-file rules: tasks exist, verified calls appear in their programs, sources exist."""
    from dlcompare.yamlio import line_of

    if loaded.data is None:
        return []
    display = CONCORDANCE_FILE.as_posix()
    problems: list[str] = []
    group_ids: set[str] = set()
    for g, group in enumerate(loaded.data.groups):
        if group.id in group_ids:
            line = line_of(loaded.lines, ("groups", g, "id"))
            problems.append(f"{display}:{line}: duplicate group id '{group.id}'")
        group_ids.add(group.id)
        for r, row in enumerate(group.rows):
            here = ("groups", g, "rows", r)
            for source in row.sources:
                if source not in source_ids:
                    line = line_of(loaded.lines, (*here, "sources"))
                    problems.append(
                        f"{display}:{line}: unknown source id '{source}'; add it to data/sources.yaml"
                    )
            for framework in FRAMEWORKS:
                call = row.call(framework)
                line = line_of(loaded.lines, (*here, framework))
                for source in call.sources:
                    if source not in source_ids:
                        problems.append(
                            f"{display}:{line}: unknown source id '{source}'; add it to data/sources.yaml"
                        )
                task = row.task_for(framework)
                if task is None:
                    if not (call.sources or row.sources):
                        problems.append(
                            f"{display}:{line}: {framework}: name an example `task:` whose program "
                            "shows this call, or cite `sources:`"
                        )
                    continue
                program = root / "snippets" / task / f"{framework}.py"
                if not program.exists():
                    if call.code is not None and not (call.sources or row.sources):
                        problems.append(
                            f"{display}:{line}: {framework}: snippets/{task}/{framework}.py does not "
                            "exist; name another task or cite `sources:`"
                        )
                    continue
                needle = call.needle()
                if needle and needle not in program.read_text(encoding="utf-8"):
                    problems.append(
                        f"{display}:{line}: {framework}: '{needle}' does not appear in "
                        f"snippets/{task}/{framework}.py; fix the call (or `find:`) or the task"
                    )
    return problems


# --- rendering -----------------------------------------------------------------------------


def _cell_text(text: str) -> str:
    return inline_markup(text)


_code = md_code


def _title(text: str) -> str:
    return escape(one_line(text)).replace("|", "&#124;")


@dataclass(frozen=True)
class Links:
    """Where a verified call links to: the example's page if there is one."""

    example_pages: dict[str, str]  # task -> relative link from the current page
    sources: dict[str, tuple[str, str]]  # source id -> (title, url)


def _source_refs(source_ids: list[str], links: Links) -> str:
    refs = []
    for source_id in source_ids:
        title, url = links.sources.get(source_id, (source_id, ""))
        if url:
            refs.append(f'[↗]({md_url(url)} "{_title(title)}")')
    return "".join(refs)


def render_call(call: Call, row: Row, framework: str, links: Links) -> str:
    parts = [_code(call.code) if call.code is not None else "—"]
    if call.note:
        parts.append(f"<br><small>{_cell_text(call.note)}</small>")
    task = row.task_for(framework)
    if task and call.code is not None:
        program = f"snippets/{task}/{framework}.py"
        title = f"appears in {program}, which the test suite runs"
        target = links.example_pages.get(task)
        mark = f'[✓]({target} "{title}")' if target else f'<span title="{title}">✓</span>'
        parts.append(f" {mark}")
    refs = _source_refs(call.sources, links)
    if refs:
        parts.append(" " + refs)
    return "".join(parts)


def render_group(group: Group, links: Links) -> str:
    header = "| Concept | " + " | ".join(FRAMEWORK_LABELS[f] for f in FRAMEWORKS) + " |"
    rule = "|---|" + "---|" * len(FRAMEWORKS)
    rows = []
    for row in group.rows:
        concept = _cell_text(row.concept)
        refs = _source_refs(row.sources, links)
        if refs:
            concept += " " + refs
        cells = [render_call(row.call(f), row, f, links) for f in FRAMEWORKS]
        rows.append(f"| {concept} | " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *rows]) + "\n"


def render_concordance(
    data: ConcordanceFile, links: Links, group_id: str | None = None, heading: str = "###"
) -> str:
    if group_id is not None:
        for group in data.groups:
            if group.id == group_id:
                return render_group(group, links)
        known = ", ".join(g.id for g in data.groups)
        raise ValueError(f"unknown concordance group '{group_id}'; known groups: {known}")
    parts = [f"{heading} {md_text(g.title)}\n\n{render_group(g, links)}" for g in data.groups]
    return "\n".join(parts)


# --- marker entry point --------------------------------------------------------------------


def render_concordance_marker(ctx: RenderContext, *, group: str | None = None) -> str:
    """``<!-- concordance: [group=<id>] -->``."""
    data = ctx.data.concordance
    page = ctx.page or "migration.md"
    example_pages = {}
    for task_page in sorted((ctx.root / "docs" / "examples").glob("*.md")):
        example_pages[task_page.stem] = relative_link(page, f"examples/{task_page.name}")
    sources = {s.id: (s.title, s.url or "") for s in ctx.data.sources.values()}
    return render_concordance(data, Links(example_pages, sources), group)
