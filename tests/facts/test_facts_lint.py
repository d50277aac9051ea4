"""The lint rules, one test (or a few) per rule, on the fixture project."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dlcompare.facts import lint as lint_module
from dlcompare.facts.lint import RULES, lint, main, markdown_report

from .conftest import TODAY, build_errors, replace_text


def errors(root: Path, **kwargs) -> list[str]:
    return [str(p) for p in lint(root, today=TODAY, **kwargs).errors]


def test_fixture_is_clean(facts_project: Path):
    result = lint(facts_project, today=TODAY, run_programs=True)
    assert result.problems == []
    assert result.checks["snippets/facts/passes.py"].passed


def test_every_rule_is_a_small_function():
    assert len(RULES) >= 12
    assert all(callable(rule) and rule.__name__.startswith("rule_") for rule in RULES)


def test_schema_comment_missing_is_a_warning(facts_project: Path):
    replace_text(
        facts_project,
        "data/facts/extra.yaml",
        "# yaml-language-server: $schema=../facts.schema.json\n",
        "",
    )
    result = lint(facts_project, today=TODAY)
    assert result.errors == []
    assert [str(w) for w in result.warnings] == [
        "data/facts/extra.yaml:1: warning: first line should be "
        "`# yaml-language-server: $schema=../facts.schema.json` so editors validate the file "
        "as you type"
    ]


def test_as_of_boundaries(facts_project: Path):
    # base facts were checked on 2026-11-20
    assert lint(facts_project, today=date(2027, 5, 19)).problems == []  # 180 days: fine
    warned = lint(facts_project, today=date(2027, 5, 20))  # 181 days
    assert warned.errors == [] and len(warned.warnings) == 4  # 3 facts and 1 claim
    failed = lint(facts_project, today=date(2027, 11, 21))  # 366 days
    assert len(failed.errors) == 4


def test_today_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DLCOMPARE_TODAY", "2030-01-02")
    assert lint_module.today_default() == date(2030, 1, 2)


def test_unknown_topic_in_marker(facts_project: Path):
    replace_text(facts_project, "docs/page.md", "topic=base", "topic=bsae")
    assert errors(facts_project) == [
        "data/facts/base.yaml:6: fact 'base-one' appears on no page; add "
        "`<!-- facts: topic=base -->` or `<!-- facts: ids=base-one -->` to a page under docs/",
        "data/facts/base.yaml:17: fact 'base-two' appears on no page; add "
        "`<!-- facts: topic=base -->` or `<!-- facts: ids=base-two -->` to a page under docs/",
        "docs/page.md:3: facts marker: topic 'bsae' does not exist — did you mean 'base'?",
    ]


def test_marker_arguments_are_checked(facts_project: Path):
    replace_text(
        facts_project,
        "docs/page.md",
        "<!-- facts: topic=base -->",
        "<!-- facts: topic=base colour=red -->",
    )
    assert errors(facts_project) == [
        "docs/page.md:3: facts marker: unknown argument(s) colour; use topic=<topic> or "
        "ids=<id>,<id>"
    ]


def test_markers_inside_code_fences_do_not_count(facts_project: Path):
    replace_text(
        facts_project,
        "docs/page.md",
        "<!-- facts: ids=extra-one -->",
        "```markdown\n<!-- facts: ids=extra-one -->\n```",
    )
    assert any("'extra-one' appears on no page" in e for e in errors(facts_project))


def test_filter_and_claims_markers_do_not_place_facts(facts_project: Path):
    replace_text(
        facts_project, "docs/page.md", "<!-- facts: ids=extra-one -->", "<!-- facts-filter: -->"
    )
    assert any("'extra-one' appears on no page" in e for e in errors(facts_project))


def test_duplicate_source_ids(facts_project: Path):
    path = facts_project / "data/sources.yaml"
    path.write_text(
        path.read_text()
        + (
            "  - id: src-a\n    title: Again\n    url: https://example.org/again\n"
            "    publisher: Example\n    kind: docs\n    accessed: 2026-11-20\n"
        )
    )
    assert errors(facts_project) == [
        "data/sources.yaml:20: duplicate source id 'src-a' (first defined on line 3); give this "
        "source another id or merge the two"
    ]


def test_duplicate_claim_ids(facts_project: Path):
    path = facts_project / "data/claims.yaml"
    text = path.read_text()
    path.write_text(text + text.split("claims:\n", 1)[1])
    assert errors(facts_project) == [
        "data/claims.yaml:11: duplicate claim id 'claim-one' (first on line 3); rename one"
    ]


def test_stale_json_schema(facts_project: Path):
    (facts_project / "data/facts.schema.json").write_text("{}\n")
    assert errors(facts_project) == [
        "data/facts.schema.json:1: is out of date with the models; run `dlcompare schema` and "
        "commit it"
    ]


def test_build_refuses_broken_data_with_the_messages(facts_project: Path, monkeypatch):
    assert build_errors(facts_project, monkeypatch) == []
    replace_text(facts_project, "data/facts/extra.yaml", "value: partial", "value: false")
    assert build_errors(facts_project, monkeypatch) == [
        "data/facts/extra.yaml:9: value: false is a YAML boolean; write a word instead: "
        "`value: no` (or partial, deprecated, removed; other text goes in `text:`)"
    ]


def test_build_does_not_run_programs(facts_project: Path, monkeypatch):
    replace_text(facts_project, "data/facts/base.yaml", "passes.py", "fails.py")
    assert build_errors(facts_project, monkeypatch) == []


def test_main_prints_problems_and_exits_1(facts_project: Path, capsys, tmp_path: Path):
    replace_text(facts_project, "data/facts/extra.yaml", "value: partial", "value: 1.5")
    report = tmp_path / "report.md"
    assert main(facts_project, run_checks=False, report=report, today=TODAY) == 1
    out = capsys.readouterr().out
    assert 'data/facts/extra.yaml:9: value: 1.5 is a number; quote it ("1.5")' in out
    assert "skipped (--no-programs)" in out
    assert "data/facts/extra.yaml:9" in report.read_text()


def test_main_passes_on_clean_data(facts_project: Path, capsys):
    assert main(facts_project, run_checks=True, report=None, today=TODAY) == 0
    assert "data OK" in capsys.readouterr().out


def test_markdown_report_lists_counts_and_checks(facts_project: Path):
    report = markdown_report(lint(facts_project, today=TODAY, run_programs=True))
    assert "| facts | 3 |" in report
    assert "`snippets/facts/passes.py`" in report
