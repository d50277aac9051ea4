"""The broken-data corpus: each file in tests/facts/broken/ is one mistake.

A file replaces one file of the fixture project (``data/facts/extra.yaml`` unless a
``target:`` header names another) and declares, in its header comments, the exact
``file:line: message`` lines ``dlcompare check`` must print::

    # expect: data/facts/extra.yaml:13: 'sorces' is not a field — did you mean 'sources'?
    # expect-warning: ...
    # programs: yes        (run the check programs too)

The test asserts the errors (and warnings) are exactly those: the message names
the file, the line and the fix, and one mistake does not cascade into noise.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from dlcompare.facts.lint import lint

from .conftest import BROKEN, TODAY, build_errors

HEADER = re.compile(
    r"^(?:#|<!--)\s*(?P<key>target|expect|expect-warning|programs):\s*(?P<value>.*?)\s*(?:-->)?$"
)


@dataclass
class Case:
    path: Path
    target: str
    errors: list[str]
    warnings: list[str]
    programs: bool


def parse_case(path: Path) -> Case:
    target, errors, warnings, programs = "data/facts/extra.yaml", [], [], False
    # errors="replace": some cases hold bytes that are not UTF-8 on purpose.
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = HEADER.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"]
        if key == "target":
            target = value
        elif key == "expect":
            errors.append(value)
        elif key == "expect-warning":
            warnings.append(value)
        elif key == "programs":
            programs = value == "yes"
    return Case(path, target, errors, warnings, programs)


CASES = sorted(p for p in BROKEN.iterdir() if p.suffix in (".yaml", ".md"))


def test_corpus_is_large_enough():
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_broken_file_fails_with_expected_message(
    path: Path, facts_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = parse_case(path)
    assert case.errors or case.warnings, f"{path.name} declares no expected message"
    install(path, facts_project / case.target)
    result = lint(facts_project, today=TODAY, run_programs=case.programs)
    assert sorted(str(p) for p in result.errors) == sorted(case.errors)
    assert sorted(str(p) for p in result.warnings) == sorted(case.warnings)
    if case.errors and not case.programs:
        # The MkDocs hook refuses the same data, with the same messages.
        assert sorted(build_errors(facts_project, monkeypatch)) == sorted(case.errors)


def install(path: Path, target: Path) -> None:
    """Copy a corpus file into place. Markdown headers are dropped: their expected
    messages quote marker comments, which would otherwise count as markers."""
    if path.suffix == ".md":
        body = [
            line for line in path.read_text(encoding="utf-8").splitlines() if not HEADER.match(line)
        ]
        target.write_text("\n".join(body) + "\n", encoding="utf-8")
    else:
        shutil.copyfile(path, target)
