"""Loading: problems carry file:line and a fix, never a traceback."""

from __future__ import annotations

from pathlib import Path

from dlcompare.facts.loader import load_dataset
from dlcompare.validation import Problem

from .conftest import replace_text


def test_fixture_loads_cleanly(facts_project: Path):
    dataset = load_dataset(facts_project)
    assert dataset.problems == []
    assert [f.item.id for f in dataset.facts] == ["base-one", "base-two", "extra-one"]
    assert set(dataset.sources) == {"src-a", "src-b", "art-one"}
    assert dataset.topic_order() == ["base", "extra"]  # order 1 before the default 100


def test_located_items_know_their_lines(facts_project: Path):
    dataset = load_dataset(facts_project)
    base_two = dataset.facts[1]
    assert base_two.file == "data/facts/base.yaml"
    assert base_two.line("id") == 17
    assert base_two.line("as_of") == 24
    assert dataset.sources["src-b"].line("id") == 9


def test_problem_formats_as_file_line_message():
    assert str(Problem("data/x.yaml", 3, "bad")) == "data/x.yaml:3: bad"
    assert (
        str(Problem("data/x.yaml", 3, "old", severity="warning")) == "data/x.yaml:3: warning: old"
    )


def test_a_broken_fact_does_not_hide_its_valid_neighbours(facts_project: Path):
    replace_text(
        facts_project, "data/facts/base.yaml", "question: Which license?", "question: true"
    )
    dataset = load_dataset(facts_project)
    assert [str(p) for p in dataset.problems] == [
        "data/facts/base.yaml:18: question: true is a YAML boolean; write text instead"
    ]
    assert [f.item.id for f in dataset.facts] == ["base-one", "extra-one"]
    assert "base" in dataset.topics  # the topic survives for the page markers
    assert "base-two" in dataset.raw_fact_ids


def test_missing_files_are_reported(tmp_path: Path):
    dataset = load_dataset(tmp_path)
    assert {p.file for p in dataset.problems} == {"data/sources.yaml", "data/facts"}


def test_yml_extension_is_flagged(facts_project: Path):
    (facts_project / "data/facts/extra.yaml").rename(facts_project / "data/facts/extra.yml")
    dataset = load_dataset(facts_project)
    assert "data/facts/extra.yml:1: facts files end in .yaml" in str(dataset.problems[0])


def test_a_list_at_top_level_is_explained(facts_project: Path):
    (facts_project / "data/facts/extra.yaml").write_text("- id: x\n")
    dataset = load_dataset(facts_project)
    assert str(dataset.problems[0]).startswith(
        "data/facts/extra.yaml:1: the file must be a mapping"
    )
