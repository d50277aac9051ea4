"""Inline values from data: ``fact``, ``checked`` and ``count`` markers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.render.miniproject import context, make_project, write

from dlcompare.facts.models import Fact
from dlcompare.render.inline_facts import (
    cell_text,
    count_of,
    link_to,
    oldest_or_newest,
    pick_cell,
    time_tag,
)
from dlcompare.render.markers import MarkerError, expand


def fact(**values) -> Fact:
    base = {
        "pytorch": {"text": "2.15.0", "note": "Released in October 2026."},
        "tensorflow": {"text": "2.21.0", "since": "2.0"},
        "keras": [
            {"value": "yes", "when": "JAX backend"},
            {"value": "partial", "when": "PyTorch backend", "note": "By hand."},
        ],
    }
    base.update(values)
    return Fact(id="f", question="Q?", values=base, sources=["s"], as_of=date(2026, 11, 20))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


# --- pure functions ----------------------------------------------------------------------


def test_cell_text_reads_each_part() -> None:
    f = fact()
    assert cell_text(f, "pytorch") == "2.15.0"
    assert cell_text(f, "pytorch", "note") == "Released in October 2026"  # page punctuates
    assert cell_text(f, "tensorflow", "since") == "2.0"


def test_variants_need_when() -> None:
    f = fact()
    with pytest.raises(ValueError, match=r'has 2 values for keras; add one of: when="JAX backend"'):
        pick_cell(f, "keras")
    assert cell_text(f, "keras", when="PyTorch backend") == "partial"
    with pytest.raises(ValueError, match=r'no keras value when="TF"; known: "JAX backend"'):
        pick_cell(f, "keras", when="TF")


def test_missing_part_says_how_to_fix() -> None:
    with pytest.raises(ValueError, match=r"fact 'f' has no 'until' for pytorch; .*add `until:`"):
        cell_text(fact(), "pytorch", "until")


def test_unknown_part_and_framework() -> None:
    with pytest.raises(ValueError, match="part=colour is not one of value, note"):
        cell_text(fact(), "pytorch", "colour")
    with pytest.raises(ValueError, match="unknown framework 'jax'"):
        cell_text(fact(), "jax")


def test_link_to_escapes_brackets_and_falls_back_to_text() -> None:
    assert link_to("a [b]", "x.md#y") == "[a &#91;b&#93;](x.md#y)"
    assert link_to("plain", None) == "plain"


def test_dates_and_counts() -> None:
    days = [date(2026, 1, 2), date(2025, 5, 6)]
    assert oldest_or_newest(days, "oldest") == date(2025, 5, 6)
    assert oldest_or_newest(days, "newest") == date(2026, 1, 2)
    assert oldest_or_newest([], "oldest") is None
    assert time_tag(None) == "never"
    assert time_tag(date(2026, 1, 2)) == '<time datetime="2026-01-02">2026-01-02</time>'
    with pytest.raises(ValueError, match="edge=middle"):
        oldest_or_newest(days, "middle")
    assert count_of("tasks", [], {}, [], {"a", "b"}, 6) == 2
    with pytest.raises(ValueError, match="cannot count 'pages'"):
        count_of("pages", [], {}, [], set(), 0)


# --- through the marker registry ----------------------------------------------------------


def test_fact_value_in_a_sentence(project: Path) -> None:
    out = expand("PyTorch <!-- fact: latest-release pytorch --> is out.", context(project))
    assert out == "PyTorch 2.15.0 is out."


def test_fact_value_with_link_points_at_the_row(project: Path) -> None:
    out = expand("<!-- fact: latest-release keras link=yes -->", context(project, "guide.md"))
    assert out == "[3.15.1](comparison/basics.md#fact-latest-release)"
    nested = expand("<!-- fact: latest-release keras link=yes -->", context(project, "a/b.md"))
    assert nested == "[3.15.1](../comparison/basics.md#fact-latest-release)"


def test_fact_link_form_uses_question_or_label(project: Path) -> None:
    ctx = context(project)
    assert expand("<!-- fact: data-parallel -->", ctx) == (
        "[Data-parallel training](comparison/basics.md#fact-data-parallel)"
    )
    assert expand('<!-- fact: data-parallel label="DDP and friends" -->', ctx) == (
        "[DDP and friends](comparison/basics.md#fact-data-parallel)"
    )


def test_link_on_the_page_that_shows_the_fact_is_an_anchor(project: Path) -> None:
    out = expand("<!-- fact: data-parallel -->", context(project, "comparison/basics.md"))
    assert out == "[Data-parallel training](#fact-data-parallel)"


def test_link_prefers_the_current_page_when_it_shows_the_fact(project: Path) -> None:
    write(project, "docs/lenses/x.md", "<!-- facts: ids=latest-release -->\n")
    ctx = context(project, "lenses/x.md")
    assert (
        expand("<!-- fact: latest-release -->", ctx)
        == "[Latest stable release](#fact-latest-release)"
    )
    assert expand("<!-- fact: data-parallel -->", ctx) == (
        "[Data-parallel training](../comparison/basics.md#fact-data-parallel)"
    )


def test_fact_on_no_page_renders_unlinked(project: Path) -> None:
    assert expand("<!-- fact: unplaced -->", context(project)) == "A fact on no page"


def test_fact_marker_errors_name_the_page_line_and_fix(project: Path) -> None:
    ctx = context(project, "p.md")
    with pytest.raises(MarkerError, match=r"docs/p.md:2: fact: unknown fact id 'nope'"):
        expand("x\n<!-- fact: nope pytorch -->", ctx)
    with pytest.raises(MarkerError, match=r'docs/p.md:1: marker "fact": unknown argument "colour"'):
        expand("<!-- fact: latest-release pytorch colour=red -->", ctx)
    with pytest.raises(MarkerError, match="link=maybe: write link=yes or link=no"):
        expand("<!-- fact: latest-release pytorch link=maybe -->", ctx)
    with pytest.raises(MarkerError, match="part= and when= need a framework"):
        expand("<!-- fact: latest-release part=note -->", ctx)


def test_when_picks_a_keras_variant(project: Path) -> None:
    out = expand(
        '<!-- fact: data-parallel keras when="PyTorch backend" part=note -->', context(project)
    )
    assert out == "Wrap it yourself"


def test_checked_dates(project: Path) -> None:
    ctx = context(project)
    assert expand("<!-- checked: facts -->", ctx) == '<time datetime="2026-11-20">2026-11-20</time>'
    assert "2026-11-23" in expand("<!-- checked: facts edge=newest -->", ctx)
    assert "2026-11-21" in expand("<!-- checked: claims -->", ctx)
    assert expand("<!-- checked: examples -->", ctx) == "never"
    with pytest.raises(MarkerError, match="checked: pages is not one of facts, claims, examples"):
        expand("<!-- checked: pages -->", ctx)


def test_checked_examples_reads_run_records(project: Path) -> None:
    write(project, "data/runs/cpu/t/pytorch.json", RECORD)
    out = expand("<!-- checked: examples -->", context(project))
    assert out == '<time datetime="2026-11-24">2026-11-24</time>'


def test_counts(project: Path) -> None:
    ctx = context(project)
    write(project, "snippets/t/pytorch.py", "print('hi')\n")
    write(project, "snippets/t/keras.py", "print('hi')\n")
    got = {
        w: expand(f"<!-- count: {w} -->", ctx)
        for w in ("facts", "sources", "claims", "articles", "tasks", "programs")
    }
    assert got == {
        "facts": "3",
        "sources": "3",
        "claims": "2",
        "articles": "1",
        "tasks": "1",
        "programs": "2",
    }


RECORD = """
{
  "schema_version": 1,
  "snippet": "snippets/t/pytorch.py",
  "task": "t",
  "framework": "pytorch",
  "backend": null,
  "source_sha256": "%s",
  "status": "passed",
  "device": "cpu",
  "gpu_used": false,
  "device_name": "CPU",
  "python": "3.11.7",
  "platform": "Linux",
  "packages": {"torch": "2.13.0"},
  "env_fingerprint": "x",
  "date": "2026-11-24T10:00:00+00:00",
  "duration_s": 1.0,
  "attempts": 1,
  "returncode": 0,
  "stdout": "hi",
  "stderr_tail": "",
  "warnings": []
}
""" % ("0" * 64)
