"""The migration concordance: data model, snippet verification, rendering, real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.render.miniproject import context, make_project, write

from dlcompare.render.concordance import (
    CONCORDANCE_FILE,
    SCHEMA_FILE,
    ConcordanceFile,
    Links,
    check,
    load,
    render_concordance,
    render_group,
    schema_json,
)
from dlcompare.render.markers import MarkerError, expand

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
groups:
  - id: basics
    title: Basics
    rows:
      - concept: Make a tensor
        task: t
        pytorch: torch.tensor([1])
        tensorflow:
          code: tf.constant([1])
          note: int32
        keras:
          code: null
          note: use keras.ops
      - concept: Launch
        sources: [doc-a]
        pytorch: torchrun
        tensorflow: {code: TF_CONFIG, sources: [rel-b]}
        keras: {code: "a | b"}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    write(root, "snippets/t/pytorch.py", "x = torch.tensor([1])\n")
    write(root, "snippets/t/tensorflow.py", "x = tf.constant([1])\n")
    write(root, "snippets/t/keras.py", "x = 1\n")
    write(root, "data/concordance.yaml", GOOD)
    return root


def problems(root: Path) -> list[str]:
    loaded = load(root)
    return loaded.problems + check(loaded, root, {"doc-a", "rel-b"})


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
    found = load(project).problems
    assert found and found[0].startswith("data/concordance.yaml:")
    assert any("concep" in p for p in found)


def test_bad_task_name_and_null_code_without_note(project: Path) -> None:
    text = (project / CONCORDANCE_FILE).read_text()
    text = text.replace("task: t", "task: Bad-Name").replace("          note: use keras.ops\n", "")
    write(project, "data/concordance.yaml", text)
    found = " ".join(load(project).problems)
    assert "'Bad-Name' is not a task name" in found
    assert "add a `note:`" in found


def test_render_group_marks_verified_calls_and_escapes_pipes() -> None:
    data = ConcordanceFile.model_validate(
        {
            "groups": [
                {
                    "id": "g",
                    "title": "G",
                    "rows": [
                        {
                            "concept": "Make",
                            "task": "t",
                            "pytorch": "torch.tensor([1])",
                            "tensorflow": {"code": None, "note": "none"},
                            "keras": {"code": "a | b", "task": None, "sources": ["s"]},
                        },
                    ],
                }
            ]
        }
    )
    links = Links(example_pages={"t": "examples/t.md"}, sources={"s": ("Docs", "https://x.org")})
    table = render_group(data.groups[0], links)
    assert table.splitlines()[0] == "| Concept | PyTorch | TensorFlow | Keras |"
    row = table.splitlines()[2]
    assert '`torch.tensor([1])` [✓](examples/t.md "appears in snippets/t/pytorch.py' in row
    assert "— <br><small>none</small>" in row.replace("—<br>", "— <br>")
    assert "`a &#124; b`" in row and '[↗](https://x.org "Docs")' in row
    assert row.count(" | ") == 3  # four cells: the escaped pipe does not split one


def test_explicit_null_task_opts_out_of_the_row_task() -> None:
    data = ConcordanceFile.model_validate(
        {
            "groups": [
                {
                    "id": "g",
                    "title": "G",
                    "rows": [
                        {
                            "concept": "C",
                            "task": "t",
                            "pytorch": "p()",
                            "tensorflow": "t()",
                            "keras": {"code": "k()", "task": None, "sources": ["s"]},
                        },
                    ],
                }
            ]
        }
    )
    row = data.groups[0].rows[0]
    assert row.task_for("pytorch") == "t" and row.task_for("keras") is None


def test_unknown_group_lists_known_ones(project: Path) -> None:
    data = load(project).data
    with pytest.raises(ValueError, match="unknown concordance group 'x'; known groups: basics"):
        render_concordance(data, Links({}, {}), "x")
    assert render_concordance(data, Links({}, {})).startswith("### Basics\n\n| Concept |")


def test_marker_renders_and_links_existing_example_pages(project: Path) -> None:
    write(project, "docs/examples/t.md", "# T\n")
    out = expand("<!-- concordance: group=basics -->", context(project, "migration.md"))
    assert "[✓](examples/t.md" in out


def test_marker_fails_the_build_on_a_broken_file(project: Path) -> None:
    write(project, "snippets/t/tensorflow.py", "x = 1\n")
    with pytest.raises(
        MarkerError, match=r"docs/m.md:1: concordance: data/concordance.yaml is invalid"
    ):
        expand("<!-- concordance: -->", context(project, "m.md"))


# --- the real data ---------------------------------------------------------------------------


def test_real_concordance_is_valid_and_matches_the_programs() -> None:
    from dlcompare.facts.loader import load_dataset

    loaded = load(ROOT)
    assert loaded.problems == []
    assert check(loaded, ROOT, set(load_dataset(ROOT).sources)) == []


def test_committed_json_schema_is_current() -> None:
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "data/concordance.schema.json is out of date; regenerate it with\n"
        "  python -c 'from dlcompare.render.concordance import schema_json; "
        'open("data/concordance.schema.json", "w").write(schema_json())\''
    )
