"""data/concordance.yaml: the same operation in each framework, as validated data.

Every row names a concept and the call that does it in PyTorch, TensorFlow and
Keras. A call is *verified* when the row (or cell) names an example task: the call's
text must then appear in ``snippets/<task>/<framework>.py``, a program the test
suite runs, so the migration table cannot drift from code that works. Calls that
no program shows cite a source from data/sources.yaml instead.

The concordance is a data file like the facts: these models define it (and its
JSON Schema, written by ``dlcompare schema``), :func:`load` reads it with the same
hardened YAML reader and ``file:line`` translator, and :func:`check` holds the
cross-file rule that ``dlcompare check`` runs. ``dlcompare.render.concordance``
only renders what is loaded here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from dlcompare.facts.models import LONG_TEXT, SHORT_TEXT, SLUG
from dlcompare.validation import Problem, validate
from dlcompare.vocabulary import FRAMEWORKS
from dlcompare.yamlio import Path_, YamlError, line_of, parse_yaml_with_lines, read_text

CONCORDANCE_FILE = Path("data/concordance.yaml")
SCHEMA_FILE = Path("data/concordance.schema.json")

Text = Annotated[str, Field(min_length=1, max_length=LONG_TEXT)]
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT)]
Slug = Annotated[str, Field(pattern=SLUG)]
_TASK = re.compile(r"^[a-z][a-z0-9_]*$")


def _task_name(value: Any) -> Any:
    if isinstance(value, str) and not _TASK.match(value):
        raise ValueError(
            f"'{value[:80]}' is not a task name; use a folder name under snippets/, "
            "e.g. training_loop"
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

    code: ShortText | None = Field(
        description="the call as shown (inline code); null when there is no direct equivalent"
    )
    note: Text | None = Field(default=None, description="a few words of context")
    find: ShortText | None = Field(
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


PROOF_DIR = "snippets/concordance/"
_PROOF_PROGRAM = re.compile(r"^snippets/concordance/[a-z][a-z0-9_]*\.py$")


def _proof_program(value: Any) -> Any:
    if isinstance(value, str) and not _PROOF_PROGRAM.match(value):
        raise ValueError(
            f"'{value[:80]}' is not a proof program; name a file under {PROOF_DIR}, "
            "e.g. snippets/concordance/layers.py"
        )
    return value


class Proof(BaseModel):
    """A program that runs the row's calls on the same inputs and measures the difference.

    The program prints ``row <id>: equal|differs max_abs=<x> tol=<t> [reason=...]``;
    ``dlcompare check`` compares ``max_abs`` with this ``tolerance``: at or below it
    the calls are equal, above it they differ, and the verdict must match ``expect``.
    """

    model_config = ConfigDict(extra="forbid")

    program: Annotated[str, BeforeValidator(_proof_program)] = Field(
        description="the equivalence program, under snippets/concordance/"
    )
    expect: Literal["equal", "differs"] = Field(
        description="equal: the calls agree within tolerance; differs: they do not (the "
        "program prints why)"
    )
    tolerance: float = Field(
        ge=0, le=1e3, description="largest absolute difference still called equal"
    )


class Row(BaseModel):
    """One concept and its call in each framework."""

    model_config = ConfigDict(extra="forbid")

    id: Slug | None = Field(
        default=None, description="stable row id; needed by `proof:` (the program prints it)"
    )
    concept: ShortText = Field(description="what the calls do, in a few words")
    task: Task | None = Field(
        default=None, description="example task whose programs contain the calls"
    )
    sources: list[Slug] = Field(
        default_factory=list, description="source ids for calls no program shows"
    )
    pytorch: CallField
    tensorflow: CallField
    keras: CallField
    proof: Proof | None = Field(
        default=None, description="the program that measures whether the calls agree"
    )

    @model_validator(mode="after")
    def _proof_needs_id(self) -> Row:
        if self.proof is not None and self.id is None:
            raise ValueError(
                "a row with `proof:` needs an `id:`; the proof program prints `row <id>: ...`"
            )
        return self

    def call(self, framework: str) -> Call:
        call: Call = getattr(self, framework)
        return call

    def task_for(self, framework: str) -> str | None:
        """The cell's task; an explicit ``task: null`` in a cell opts out of the row's."""
        call = self.call(framework)
        return call.task if "task" in call.model_fields_set else self.task


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: ShortText
    rows: list[Row] = Field(min_length=1)


class ConcordanceFile(BaseModel):
    """``data/concordance.yaml``: groups of rows, in page order."""

    model_config = ConfigDict(extra="forbid")

    groups: list[Group] = Field(min_length=1)


# --- loading and checking ------------------------------------------------------------------


@dataclass
class Loaded:
    """The file as read: the model (None when invalid), its lines and its problems."""

    data: ConcordanceFile | None
    lines: dict[Path_, int]
    problems: list[Problem]
    #: the parsed YAML, valid or not (None when unreadable), for citation rules
    raw: Any = None
    first_line: str | None = None
    unreadable: bool = field(default=False)


def load(root: Path) -> Loaded:
    """Read and validate the file; every problem is located (``file:line: message``)."""
    display = CONCORDANCE_FILE.as_posix()
    path = root / CONCORDANCE_FILE
    if not path.exists():
        problem = Problem(display, 1, "file not found; create it with a `groups:` list")
        return Loaded(None, {}, [problem])
    try:
        text = read_text(path, display)
        raw, lines = parse_yaml_with_lines(text, display)
    except YamlError as exc:
        return Loaded(
            None,
            {},
            [Problem(exc.file, exc.line, exc.message, rule="yaml")],
            None,
            None,
            unreadable=True,
        )
    first_line = text.splitlines()[0] if text else ""
    hints = {"groups": "add `groups:` with at least one group of rows"}
    parsed, problems = validate(
        ConcordanceFile, raw, lines, display, text.splitlines(), hints=hints
    )
    return Loaded(parsed, lines, problems, raw, first_line)


def check(loaded: Loaded, root: Path, source_ids: set[str]) -> list[Problem]:
    """Cross-file rules: tasks exist, verified calls appear in their programs, sources exist."""
    if loaded.data is None:
        return []
    problems: list[Problem] = []
    group_ids: dict[str, int] = {}
    row_ids: dict[str, int] = {}
    for g, group in enumerate(loaded.data.groups):
        line = line_of(loaded.lines, ("groups", g, "id"))
        if group.id in group_ids:
            problems.append(
                _problem(
                    line,
                    f"duplicate group id '{group.id}' (first on line {group_ids[group.id]}); "
                    "rename one",
                )
            )
        group_ids.setdefault(group.id, line)
        for r, row in enumerate(group.rows):
            if row.id is not None:
                id_line = line_of(loaded.lines, ("groups", g, "rows", r, "id"))
                if row.id in row_ids:
                    problems.append(
                        _problem(
                            id_line,
                            f"duplicate row id '{row.id}' (first on line {row_ids[row.id]}); "
                            "rename one",
                        )
                    )
                row_ids.setdefault(row.id, id_line)
            if row.proof is not None and not (root / row.proof.program).is_file():
                problems.append(
                    _problem(
                        line_of(loaded.lines, ("groups", g, "rows", r, "proof", "program")),
                        f"row {row.id}: proof program {row.proof.program} does not exist; "
                        "write it (see snippets/concordance/README.md) or fix the path",
                    )
                )
            problems.extend(_check_row(loaded, root, source_ids, row, ("groups", g, "rows", r)))
    return problems


def proof_rows(data: ConcordanceFile) -> list[tuple[Path_, Row]]:
    """Every row with a ``proof:``, with its YAML path (for line numbers)."""
    return [
        (("groups", g, "rows", r), row)
        for g, group in enumerate(data.groups)
        for r, row in enumerate(group.rows)
        if row.proof is not None
    ]


def _problem(line: int, message: str) -> Problem:
    return Problem(CONCORDANCE_FILE.as_posix(), line, message, rule="concordance")


def _unknown_source(line: int, source: str) -> Problem:
    return _problem(line, f"unknown source id '{source}'; add it to data/sources.yaml")


def _check_row(
    loaded: Loaded, root: Path, source_ids: set[str], row: Row, here: Path_
) -> list[Problem]:
    problems = [
        _unknown_source(line_of(loaded.lines, (*here, "sources")), source)
        for source in row.sources
        if source not in source_ids
    ]
    for framework in FRAMEWORKS:
        call = row.call(framework)
        line = line_of(loaded.lines, (*here, framework))
        problems.extend(_unknown_source(line, s) for s in call.sources if s not in source_ids)
        message = _call_problem(root, row, framework)
        if message:
            problems.append(_problem(line, message))
    return problems


def _call_problem(root: Path, row: Row, framework: str) -> str | None:
    """Why the call of ``framework`` is not verified nor sourced, or None."""
    call = row.call(framework)
    sourced = bool(call.sources or row.sources)
    task = row.task_for(framework)
    if task is None:
        return _untasked_problem(root, row, framework, sourced)
    program = root / "snippets" / task / f"{framework}.py"
    if not program.exists():
        if call.code is None or sourced:
            return None
        return (
            f"{framework}: snippets/{task}/{framework}.py does not exist; name another task "
            "or cite `sources:`"
        )
    needle = call.needle()
    if needle and needle not in program.read_text(encoding="utf-8"):
        return (
            f"{framework}: '{needle}' does not appear in snippets/{task}/{framework}.py; "
            "fix the call (or `find:`) or the task"
        )
    return None


def _untasked_problem(root: Path, row: Row, framework: str, sourced: bool) -> str | None:
    """A call no example shows: cited, or shown by the row's proof program."""
    if sourced:
        return None
    if row.proof is not None:
        return _proof_shows(root, row.proof.program, row.call(framework), framework)
    return f"{framework}: name an example `task:` whose program shows this call, or cite `sources:`"


def _proof_shows(root: Path, program: str, call: Call, framework: str) -> str | None:
    """A proven row's call must appear in its proof program (a program the suite runs)."""
    path = root / program
    needle = call.needle()
    if needle is None or not path.is_file():
        return None  # a missing program is reported once, on the proof's line
    if needle not in path.read_text(encoding="utf-8"):
        return (
            f"{framework}: '{needle}' does not appear in {program}; fix the call "
            "(or `find:`) or the program"
        )
    return None
