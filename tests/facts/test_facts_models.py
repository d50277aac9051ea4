"""The data models: vocabulary, booleans, versions, variants."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from dlcompare.facts.models import STATUS_VALUES, Cell, Claim, Fact, Source, Values
from dlcompare.vocabulary import FRAMEWORKS


def cell(**kwargs):
    default = {} if "value" in kwargs or "text" in kwargs else {"value": "yes"}
    return Cell.model_validate({**default, **kwargs})


def test_status_words_are_the_vocabulary():
    assert STATUS_VALUES == ("yes", "partial", "no", "deprecated", "removed")
    assert cell(value="partial").value == "partial"
    assert cell(text="Apache-2.0").value == "Apache-2.0"


@pytest.mark.parametrize("value", [True, False])
def test_yaml_booleans_are_rejected_with_a_hint(value):
    with pytest.raises(ValidationError, match="YAML boolean; write a word instead"):
        cell(value=value)


def test_numbers_must_be_quoted():
    with pytest.raises(ValidationError, match="is a number; quote it"):
        cell(value=2.21)


def test_status_words_are_lower_case():
    with pytest.raises(ValidationError, match="lower case: 'yes'"):
        cell(value="Yes")


@pytest.mark.parametrize("since", ["2.16", "3.0.0", "2.0rc1", date(2022, 9, 12), "2022-09-12"])
def test_since_accepts_versions_and_dates(since):
    assert cell(since=since).since in ("2.16", "3.0.0", "2.0rc1", "2022-09-12")


@pytest.mark.parametrize("since", ["soon", "v2", 2.16, True])
def test_since_rejects_other_things(since):
    with pytest.raises(ValidationError):
        cell(since=since)


def test_since_after_until_is_an_error_but_equal_versions_pass():
    with pytest.raises(ValidationError, match="swap them"):
        cell(since="2.16", until="2.10")
    assert cell(since="2.10", until="2.16").until == "2.16"


def test_a_single_cell_becomes_a_list_of_variants():
    values = Values.model_validate(
        {"pytorch": {"value": "yes"}, "tensorflow": {"value": "no"}, "keras": [{"value": "yes"}]}
    )
    assert [c.value for c in values.cells("pytorch")] == ["yes"]


def test_variants_need_when():
    raw = {
        "pytorch": {"value": "yes"},
        "tensorflow": {"value": "no"},
        "keras": [{"value": "yes"}, {"value": "no", "when": "PyTorch backend"}],
    }
    with pytest.raises(ValidationError, match="give each one a `when:`"):
        Values.model_validate(raw)


def test_all_three_frameworks_are_required_and_nothing_else():
    with pytest.raises(ValidationError):
        Values.model_validate({"pytorch": {"value": "yes"}, "tensorflow": {"value": "no"}})
    with pytest.raises(ValidationError):
        Values.model_validate(
            {
                "pytorch": {"value": "yes"},
                "tensorflow": {"value": "no"},
                "keras": {"value": "no"},
                "jax": {"value": "yes"},
            }
        )


def test_fact_sources_fall_back_from_cells_to_the_fact():
    fact = Fact.model_validate(
        {
            "id": "x",
            "question": "Q?",
            "sources": ["fact-src"],
            "as_of": "2026-11-25",
            "values": {
                "pytorch": {"value": "yes", "sources": ["own"]},
                "tensorflow": {"value": "no"},
                "keras": {"value": "no"},
            },
        }
    )
    assert fact.cell_sources("pytorch") == ["own"]
    assert fact.cell_sources("keras") == ["fact-src"]
    assert fact.all_sources() == ["fact-src", "own"]


def test_check_must_be_a_program_under_snippets_facts():
    base = {
        "id": "x",
        "question": "Q?",
        "sources": ["s"],
        "as_of": "2026-11-25",
        "values": {f: {"value": "no"} for f in FRAMEWORKS},
    }
    assert Fact.model_validate({**base, "check": "snippets/facts/a_b.py"}).check
    with pytest.raises(ValidationError):
        Fact.model_validate({**base, "check": "tests/a.py"})


def test_sources_need_a_url_unless_they_are_articles():
    common = {"id": "s", "title": "T", "publisher": "P", "accessed": "2026-11-25"}
    assert Source.model_validate({**common, "kind": "article"}).url is None
    with pytest.raises(ValidationError, match="'url' is missing"):
        Source.model_validate({**common, "kind": "docs"})
    with pytest.raises(ValidationError):
        Source.model_validate({**common, "kind": "docs", "url": "http://insecure.example"})


def test_claim_verdicts_are_a_small_vocabulary():
    raw = {
        "id": "c",
        "claim": "C",
        "articles": ["a"],
        "verdict": "stale",
        "now": "N",
        "sources": ["s"],
        "as_of": "2026-11-25",
    }
    assert Claim.model_validate(raw).verdict == "stale"
    with pytest.raises(ValidationError):
        Claim.model_validate({**raw, "verdict": "outdated"})
