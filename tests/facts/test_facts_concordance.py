"""data/concordance.yaml as data: loading, `file:line` problems, the cross-file rule,
`dlcompare check` and `dlcompare schema` (the renderer's tests are in tests/render)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.miniproject import make_concordance_project, write

from dlcompare.facts.concordance import CONCORDANCE_FILE, check, load
from dlcompare.facts.lint import lint
from dlcompare.facts.schema import stale_schemas

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_concordance_project(tmp_path)


def problems(root: Path) -> list[str]:
    loaded = load(root)
    return [str(p) for p in loaded.problems + check(loaded, root, {"doc-a", "rel-b"})]


def test_good_file_has_no_problems(project: Path) -> None:
    assert problems(project) == []


def test_call_missing_from_its_program_is_reported_with_line(project: Path) -> None:
    write(project, "snippets/t/pytorch.py", "x = torch.as_tensor([1])\n")
    assert problems(project) == [
        "data/concordance.yaml:7: pytorch: 'torch.tensor' does not appear in "
        "snippets/t/pytorch.py; fix the call (or `find:`) or the task"
    ]


def test_find_overrides_the_searched_text(project: Path) -> None:
    text = (
        (project / CONCORDANCE_FILE)
        .read_text()
        .replace(
            "pytorch: torch.tensor([1])", "pytorch: {code: 'torch.tensor([1])', find: as_tensor}"
        )
    )
    write(project, "data/concordance.yaml", text)
    write(project, "snippets/t/pytorch.py", "x = torch.as_tensor([1])\n")
    assert problems(project) == []


def test_unverified_call_needs_a_task_or_sources(project: Path) -> None:
    text = (project / CONCORDANCE_FILE).read_text().replace("        sources: [doc-a]\n", "")
    write(project, "data/concordance.yaml", text)
    found = problems(project)
    assert len(found) == 2
    assert all("name an example `task:`" in p for p in found)


def test_unknown_source_and_missing_program(project: Path) -> None:
    text = (project / CONCORDANCE_FILE).read_text()
    text = text.replace("[doc-a]", "[nope]").replace("task: t", "task: gone")
    write(project, "data/concordance.yaml", text)
    found = problems(project)
    assert any("unknown source id 'nope'" in p for p in found)
    assert any("snippets/gone/pytorch.py does not exist" in p for p in found)


def test_schema_errors_point_at_the_line(project: Path) -> None:
    text = (project / CONCORDANCE_FILE).read_text().replace("concept: Launch", "concep: Launch")
    write(project, "data/concordance.yaml", text)
    found = [str(p) for p in load(project).problems]
    assert found and found[0].startswith("data/concordance.yaml:")
    assert any("concep" in p for p in found)


def test_bad_task_name_and_null_code_without_note(project: Path) -> None:
    text = (project / CONCORDANCE_FILE).read_text()
    text = text.replace("task: t", "task: Bad-Name").replace("          note: use keras.ops\n", "")
    write(project, "data/concordance.yaml", text)
    found = " ".join(str(p) for p in load(project).problems)
    assert "'Bad-Name' is not a task name" in found
    assert "add a `note:`" in found


def test_dlcompare_check_validates_the_concordance(project: Path) -> None:
    write(project, "snippets/t/pytorch.py", "x = torch.as_tensor([1])\n")
    errors = [str(p) for p in lint(project, today=TODAY).errors]
    assert (
        "data/concordance.yaml:7: pytorch: 'torch.tensor' does not appear in "
        "snippets/t/pytorch.py; fix the call (or `find:`) or the task"
    ) in errors


def test_dlcompare_check_reports_a_concordance_schema_error(project: Path) -> None:
    text = (project / CONCORDANCE_FILE).read_text().replace("concept: Launch", "concep: Launch")
    write(project, "data/concordance.yaml", text)
    errors = [str(p) for p in lint(project, today=TODAY).errors]
    mine = [e for e in errors if e.startswith("data/concordance.yaml:")]
    # One mistake, one message: no knock-on "'concept' is missing".
    assert mine == ["data/concordance.yaml:14: 'concep' is not a field — did you mean 'concept'?"]


# --- the real data ---------------------------------------------------------------------------


def test_real_concordance_is_valid_and_matches_the_programs() -> None:
    from dlcompare.facts.loader import load_dataset

    loaded = load(ROOT)
    assert loaded.problems == []
    assert check(loaded, ROOT, set(load_dataset(ROOT).sources)) == []


def test_committed_json_schema_is_current() -> None:
    assert "data/concordance.schema.json" not in stale_schemas(ROOT), (
        "data/concordance.schema.json is out of date; regenerate it with `dlcompare schema`"
    )
