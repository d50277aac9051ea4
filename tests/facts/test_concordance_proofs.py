"""Concordance proofs: a row's `proof:` judged against what its program measured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.render.miniproject import make_project, write

from dlcompare.facts.concordance import check, load
from dlcompare.facts.proofs import (
    RECORD_FILE,
    check_record,
    check_with_programs,
    parse_output,
    read_record,
)

PROGRAM = "snippets/concordance/fake.py"

YAML = """\
groups:
  - id: g
    title: G
    rows:
      - id: add
        concept: Add
        pytorch: torch.add(a, b)
        tensorflow: tf.add(a, b)
        keras: keras.ops.add(a, b)
        proof: {program: snippets/concordance/fake.py, expect: equal, tolerance: 1e-05}
      - id: std
        concept: Std
        pytorch: torch.std(x)
        tensorflow: tf.math.reduce_std(x)
        keras: keras.ops.std(x)
        proof: {program: snippets/concordance/fake.py, expect: differs, tolerance: 1e-06}
"""

# The calls the rows name, so the "call appears in its proof program" rule holds.
CALLS = "# torch.add tf.add keras.ops.add torch.std tf.math.reduce_std keras.ops.std\n"


def program(*lines: str) -> str:
    return CALLS + "".join(f"print({line!r})\n" for line in ["device: cpu", *lines])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    write(root, "data/concordance.yaml", YAML)
    return root


def run(root: Path) -> list[str]:
    problems, _ = check_with_programs(root, load(root), use_cache=False)
    return [str(p) for p in problems]


def test_matching_measurements_pass_and_are_recorded(project: Path) -> None:
    write(
        project,
        PROGRAM,
        program(
            "row add: equal max_abs=3e-07 tol=1e-05",
            "row std: differs max_abs=0.11 tol=1e-06 reason=torch divides by n-1",
        ),
    )
    assert run(project) == []
    record = read_record(project)[PROGRAM]
    assert record.rows["add"].max_abs == pytest.approx(3e-7)
    assert record.rows["std"].reason == "torch divides by n-1"
    assert check_record(project, load(project)) == []


def test_a_difference_above_tolerance_fails_with_the_exact_message(project: Path) -> None:
    write(
        project,
        PROGRAM,
        program(
            "row add: differs max_abs=0.02 tol=1e-05 reason=drift",
            "row std: differs max_abs=0.11 tol=1e-06 reason=n-1",
        ),
    )
    assert run(project) == [
        "data/concordance.yaml:10: row add: expected equal but snippets/concordance/fake.py "
        "measured max_abs=0.02, above the tolerance 1e-05; fix the mapping, or set "
        "`expect: differs` and print the reason"
    ]


def test_the_data_tolerance_judges_not_the_programs_verdict(project: Path) -> None:
    # The program calls 2e-5 equal under its own tolerance; the data's 1e-05 does not.
    write(
        project,
        PROGRAM,
        program(
            "row add: equal max_abs=2e-05 tol=0.001", "row std: differs max_abs=1 tol=0 reason=r"
        ),
    )
    assert [p.split(": row ")[1][:18] for p in run(project)] == ["add: expected equa"]


def test_a_row_declared_differs_that_measures_equal_fails(project: Path) -> None:
    write(
        project,
        PROGRAM,
        program("row add: equal max_abs=0 tol=1e-05", "row std: equal max_abs=1e-07 tol=1e-06"),
    )
    assert run(project) == [
        "data/concordance.yaml:16: row std: declared `differs` but "
        "snippets/concordance/fake.py measured max_abs=1e-07, within the tolerance 1e-06; "
        "set `expect: equal` or make the program show the difference"
    ]


def test_a_missing_line_and_a_failing_program_are_reported(project: Path) -> None:
    write(
        project,
        PROGRAM,
        CALLS + "print('row add: equal max_abs=0 tol=1e-05')\nraise SystemExit('rows: std')\n",
    )
    problems = run(project)
    assert len(problems) == 1
    assert problems[0].startswith(
        "data/concordance.yaml:16: row std: snippets/concordance/fake.py printed no "
        "`row std:` line (it failed: "
    )


def test_a_difference_needs_a_reason(project: Path) -> None:
    write(
        project,
        PROGRAM,
        program("row add: equal max_abs=0 tol=1e-05", "row std: differs max_abs=1 tol=1e-06"),
    )
    assert run(project) == [
        "data/concordance.yaml:16: row std: snippets/concordance/fake.py printed no `reason=` "
        "for a difference; say why the frameworks disagree"
    ]


def test_the_committed_record_is_judged_without_running(project: Path) -> None:
    write(
        project,
        PROGRAM,
        program(
            "row add: equal max_abs=0 tol=1e-05", "row std: differs max_abs=1 tol=1e-06 reason=r"
        ),
    )
    assert run(project) == []
    (project / "data/concordance.yaml").write_text(
        YAML.replace("expect: differs", "expect: equal"), encoding="utf-8"
    )
    assert [str(p) for p in check_record(project, load(project))] == [
        "data/concordance.yaml:16: row std: expected equal but snippets/concordance/fake.py "
        "measured max_abs=1, above the tolerance 1e-06; fix the mapping, or set "
        "`expect: differs` and print the reason"
    ]
    write(project, PROGRAM, program("row add: equal max_abs=0 tol=1e-05") + "# edited\n")
    stale = [str(p) for p in check_record(project, load(project))]
    assert all("changed since it was measured" in p and "warning: " in p for p in stale)
    assert len(stale) == 2


def test_unmeasured_rows_warn(project: Path) -> None:
    write(project, PROGRAM, program())
    problems = check_record(project, load(project))
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert "row add: not measured yet; run `dlcompare check`" in problems[0].message


def test_an_unchanged_measurement_keeps_its_date(project: Path) -> None:
    write(
        project,
        PROGRAM,
        program(
            "row add: equal max_abs=0 tol=1e-05", "row std: differs max_abs=1 tol=1e-06 reason=r"
        ),
    )
    run(project)
    payload = json.loads((project / RECORD_FILE).read_text(encoding="utf-8"))
    payload["programs"][PROGRAM]["measured"] = "2000-01-01"
    (project / RECORD_FILE).write_text(json.dumps(payload), encoding="utf-8")
    run(project)
    assert read_record(project)[PROGRAM].measured == "2000-01-01"


def test_a_proven_call_must_appear_in_its_program(project: Path) -> None:
    write(project, PROGRAM, program().replace("tf.math.reduce_std", "tf.reduce_std"))
    loaded = load(project)
    assert [str(p) for p in check(loaded, project, set())] == [
        "data/concordance.yaml:14: tensorflow: 'tf.math.reduce_std' does not appear in "
        "snippets/concordance/fake.py; fix the call (or `find:`) or the program"
    ]


def test_proof_needs_an_id_and_an_existing_program(project: Path) -> None:
    write(project, "data/concordance.yaml", YAML.replace("- id: add\n        concept", "- concept"))
    loaded = load(project)
    assert any("a row with `proof:` needs an `id:`" in p.message for p in loaded.problems)
    write(project, "data/concordance.yaml", YAML.replace("fake.py", "gone.py"))
    loaded = load(project)
    messages = [str(p) for p in check(loaded, project, set())]
    assert (
        "data/concordance.yaml:10: row add: proof program snippets/concordance/gone.py does "
        "not exist; write it (see snippets/concordance/README.md) or fix the path"
    ) in messages


def test_parse_output_reads_only_row_lines() -> None:
    found = parse_output(
        "device: cpu\nrow a-b: equal max_abs=3.1e-07 tol=1e-05\nrow c: maybe\n"
        "row d: differs max_abs=0.5 tol=0 reason=why | <b>\n"
    )
    assert sorted(found) == ["a-b", "d"]
    assert found["d"].reason == "why | <b>"
