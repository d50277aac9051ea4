"""The project's real data: clean, large enough, sourced, dated, on pages."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from dlcompare.facts.checks import run_checks
from dlcompare.facts.lint import lint
from dlcompare.paths import FRAMEWORKS

from .conftest import ROOT, TODAY

# The real data was last re-checked on this day (facts and sources dated 2026-12-02);
# the synthetic fixtures keep TODAY, which their relative dates are built around.
REAL_DATA_TODAY = max(TODAY, date(2026, 12, 2))


@pytest.fixture(scope="module")
def result():
    return lint(ROOT, today=REAL_DATA_TODAY)


def test_real_data_passes_every_rule(result):
    assert [str(p) for p in result.problems] == []


def test_at_least_60_facts_each_sourced_and_dated(result):
    facts = [f.item for f in result.dataset.facts]
    assert len(facts) >= 60
    for fact in facts:
        assert fact.as_of
        for framework in FRAMEWORKS:
            assert fact.cell_sources(framework), f"{fact.id}/{framework} has no source"


def test_topics_cover_the_issue(result):
    assert set(result.dataset.topics) >= {
        "history",
        "governance",
        "execution",
        "apis",
        "debugging",
        "data",
        "distributed",
        "precision",
        "hardware",
        "deployment",
        "mobile",
        "visualisation",
        "ecosystem",
        "keras-backends",
        "platform",
        "community",
    }


def test_the_five_articles_are_in_the_bibliography(result):
    kinds = Counter(s.item.kind for s in result.dataset.sources.values())
    assert kinds["article"] == 5


def test_claims_cover_the_thirteen_known_verdicts(result):
    ids = {c.item.id for c in result.dataset.claims}
    assert len(ids) >= 13
    assert {
        "keras-needs-tensorflow",
        "keras-theano-cntk",
        "tpu-no-training",
        "pytorch-tpu-limited",
        "tf-nvidia-only",
        "tf-static-graph-default",
        "torchserve-torchscript",
        "visdom-only",
        "pytorch-least-popular",
        "pytorch-needs-flask",
        "pytorch-open-sourced-2017",
        "keras-is-slow",
        "imagenet-same-time",
    } <= ids


def test_at_least_ten_facts_have_an_executable_check(result):
    assert sum(1 for f in result.dataset.facts if f.item.check) >= 10


@pytest.mark.slow
def test_every_check_program_passes():
    facts = lint(ROOT, today=TODAY).dataset.facts
    programs = sorted({f.item.check for f in facts if f.item.check})
    results = run_checks(ROOT, programs)
    failed = {p: r.message for p, r in results.items() if not r.passed}
    assert failed == {}
    assert len(results) >= 10
