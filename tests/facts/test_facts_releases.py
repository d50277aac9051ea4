"""`describes:` against the newest and pinned releases, and what counts as version-dependent."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.facts.lint import lint
from dlcompare.facts.models import Cell
from dlcompare.facts.releases import releases_of, same_release, version_dependent

from .conftest import TODAY, replace_text

RELEASE_FACTS = """
  - id: latest-release
    question: Latest stable release
    values:
      pytorch: {text: "2.15.0"}
      tensorflow: {text: "2.21.0"}
      keras: {text: "3.15.1"}
    sources: [src-a]
    as_of: 2026-11-20

  - id: site-versions
    question: Version the examples run against
    values:
      pytorch: {text: "2.13.0"}
      tensorflow: {text: "2.21.0"}
      keras: {text: "3.15.1"}
    sources: [src-a]
    as_of: 2026-11-20
"""


def with_release_facts(root: Path) -> None:
    path = root / "data/facts/base.yaml"
    path.write_text(path.read_text(encoding="utf-8") + RELEASE_FACTS, encoding="utf-8")
    page = root / "docs/page.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n<!-- facts: ids=latest-release,site-versions -->\n",
        encoding="utf-8",
    )


def test_describing_an_old_release_warns_once_the_releases_are_known(facts_project: Path):
    with_release_facts(facts_project)
    replace_text(facts_project, "data/facts/base.yaml", 'describes: "2.21.0"', 'describes: "2.19"')
    result = lint(facts_project, today=TODAY)
    assert result.errors == []
    assert [str(w) for w in result.warnings] == [
        "data/facts/base.yaml:21: warning: tensorflow: describes 2.19, which is neither the "
        "newest (2.21.0) nor the pinned (2.21.0) release; re-check the cell and update "
        "`describes`"
    ]


def test_current_releases_and_the_words_pass(facts_project: Path):
    with_release_facts(facts_project)
    assert lint(facts_project, today=TODAY).problems == []
    replace_text(facts_project, "data/facts/base.yaml", 'describes: "2.21.0"', "describes: pinned")
    assert lint(facts_project, today=TODAY).problems == []


def test_releases_resolve_words_and_label_versions():
    facts = lint(Path(__file__).resolve().parents[2], today=TODAY).dataset.facts
    releases = releases_of(f.item for f in facts)
    assert releases.resolve("pytorch", "newest") == releases.newest["pytorch"]
    assert releases.resolve("pytorch", "pinned") == releases.pinned["pytorch"]
    assert releases.labels("keras", releases.newest["keras"])[0] == "newest"
    assert releases.labels("pytorch", "1.0") == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2.15", "2.15.0", True),
        ("2.15.0", "2.15", True),
        ("2.15", "2.15.1", False),
        ("2", "3", False),
    ],
)
def test_same_release(a: str, b: str, same: bool):
    assert same_release(a, b) is same


@pytest.mark.parametrize(
    ("cell", "dependent"),
    [
        ({"value": "yes", "since": "1.12"}, True),
        ({"value": "no", "until": "2.11"}, True),
        ({"text": "PyTorch Foundation", "since": "2022-09-12"}, False),
        ({"value": "yes", "note": "Since Keras 3.8."}, True),
        ({"value": "yes", "note": "The mps device."}, False),
        ({"text": "2.x", "since": "2019-09-30"}, False),
    ],
)
def test_version_dependent(cell: dict[str, str], dependent: bool):
    assert version_dependent(Cell.model_validate(cell)) is dependent


@pytest.mark.parametrize("word", ["newest", "pinned", "2.15.0", "3.8"])
def test_describes_accepts_words_and_versions(word: str):
    assert Cell.model_validate({"value": "yes", "describes": word}).describes == word


def test_describes_rejects_numbers_with_a_hint():
    with pytest.raises(ValueError, match=r"quote the version"):
        Cell.model_validate({"value": "yes", "describes": 2.15})
