"""Typed fact ranges against the release matrix's runs (matrix/agreement.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.facts.loader import load_dataset
from dlcompare.facts.models import Cell, MeasuredOverride
from dlcompare.facts.releases import Releases
from dlcompare.matrix import agreement, lint
from dlcompare.matrix.agreement import TypedRange, judge
from dlcompare.matrix.infer import Observation, infer
from dlcompare.render.compat import render_agreement
from dlcompare.render.facts_tables import _qualifiers

ROOT = Path(__file__).resolve().parents[2]
CHECK = "snippets/facts/x.py"


def typed(version: str, *, overridden: bool = False) -> TypedRange:
    return TypedRange("x", "tensorflow", "since", version, CHECK, overridden=overridden)


def measured(*cells: tuple[str, str]):
    return infer("tensorflow", CHECK, None, [Observation(v, s) for v, s in cells])


def test_fail_before_and_passes_from_the_typed_start_confirm_it() -> None:
    found = judge(
        typed("2.18"), measured(("2.16.2", "fail"), ("2.18.1", "pass"), ("2.19.1", "warn"))
    )
    assert found.verdict == "confirmed"


def test_runs_on_one_side_only_are_consistent_not_confirmed() -> None:
    assert judge(typed("2.0"), measured(("2.16.2", "pass"), ("2.21.0", "pass"))).verdict == (
        "consistent"
    )


@pytest.mark.parametrize(
    ("cells", "suggestion"),
    [
        ((("2.16.2", "pass"), ("2.18.1", "pass")), "2.16"),  # held earlier than typed
        ((("2.16.2", "fail"), ("2.18.1", "fail"), ("2.20.0", "pass")), "2.20"),  # later
    ],
)
def test_a_run_on_the_wrong_side_contradicts_and_suggests_the_measured_start(
    cells, suggestion
) -> None:
    found = judge(typed("2.18"), measured(*cells))
    assert found.verdict == "contradicted"
    assert found.suggestion == suggestion


def test_not_run_cells_are_gaps_and_an_override_is_counted_apart() -> None:
    cells = (("2.16.2", "not-run"), ("2.18.1", "pass"))
    assert judge(typed("2.18"), measured(*cells)).verdict == "consistent"
    wrong = (("2.16.2", "pass"), ("2.18.1", "pass"))
    assert judge(typed("2.18", overridden=True), measured(*wrong)).verdict == "overridden"


def test_days_and_unmeasured_checks_are_not_measured() -> None:
    assert judge(typed("2022-09-12"), measured(("2.16.2", "pass"))).verdict == "not-measured"
    assert judge(typed("2.16"), None).verdict == "not-measured"
    assert judge(typed("2.16"), measured(("2.16.2", "not-run"))).verdict == "not-measured"


def test_check_fails_a_contradicted_range_with_both_values(monkeypatch) -> None:
    """Real data: tensorboard-dependency types `until: '2.21'`; fake runs say 2.20 passes."""
    fake = [
        infer("tensorflow", "snippets/facts/tensorboard_dependency.py", None,
              [Observation("2.19.1", "fail"), Observation("2.20.0", "pass"),
               Observation("2.21.0", "pass")])
    ]  # fmt: skip
    monkeypatch.setattr(agreement, "measured_ranges", lambda root: fake)
    dataset = load_dataset(ROOT)
    problems = [p for p in lint.agreement_problems(ROOT, dataset) if "tensorboard" in p.message]
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith("data/facts/") and ":1:" not in text
    assert "`until: '2.21'`" in text and "2.20.0 passes" in text and "`until: '2.20'`" in text
    assert "measured_override" in text


def test_an_override_must_cite_a_known_source() -> None:
    dataset = load_dataset(ROOT)
    located = next(f for f in dataset.facts if f.item.id == "tensorboard-dependency")
    cell = located.item.values.tensorflow[0]
    cell.measured_override = MeasuredOverride(reason="the check tests more", source="no-such")
    problems = lint.agreement_problems(ROOT, dataset)
    assert any("'no-such', which is not in data/sources.yaml" in p.message for p in problems)


def test_the_page_publishes_the_counts_and_tables_say_measured() -> None:
    found = [
        judge(typed("2.18"), measured(("2.16.2", "fail"), ("2.18.1", "pass"))),
        judge(typed("2.0"), measured(("2.16.2", "pass"))),
    ]
    html = render_agreement(found)
    assert "Of 2 typed ranges" in html and "1 confirmed by the runs" in html
    assert "1 consistent" in html and "2.16.2 fails, 2.18.1 passes" in html
    cell = Cell.model_validate({"value": "yes", "since": "2.18"})
    marked = Releases({}, {}, frozenset({("x", "tensorflow", "2.18")}))
    assert _qualifiers(cell, "tensorflow", marked, "x") == ["from 2.18, measured"]
    assert _qualifiers(cell, "tensorflow", Releases({}, {}), "x") == ["from 2.18"]
