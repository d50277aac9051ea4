"""A data file from a careless or hostile pull request can neither crash nor exhaust
the loader: every refusal is one ``file:line: message`` naming the fix.

The broken corpus (tests/facts/broken/) holds one file per mistake; the cases here
need a generated file (too large to commit), a measurement, or the command line.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from dlcompare.cli import main as cli_main
from dlcompare.facts.lint import lint
from dlcompare.validation import Problem, validate
from dlcompare.yamlio import MAX_FILE_BYTES, YamlError, load_yaml_with_lines

from .conftest import TODAY, replace_text

BOMB = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def errors(root: Path) -> list[str]:
    return [str(p) for p in lint(root, today=TODAY).errors]


def test_alias_bomb_is_refused_in_milliseconds_without_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB + "\n", encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlError, match="anchors and aliases are not allowed"):
        load_yaml_with_lines(path, "bomb.yaml")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Expanded, the bomb is 387 million items (the old loader ran out of memory).
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_file_over_the_size_limit_is_refused_before_reading(facts_project: Path) -> None:
    path = facts_project / "data/facts/extra.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "#" * (MAX_FILE_BYTES + 1) + "\n", encoding="utf-8")
    assert errors(facts_project) == [
        "data/facts/extra.yaml:1: the file is larger than 256 KiB, the limit for a data file; "
        "split it into smaller files or shorten its texts"
    ]


def test_misspelt_sources_is_one_error_not_also_an_unused_source(facts_project: Path) -> None:
    # src-b is then cited only under the misspelt key: "src-b is cited by nothing"
    # would be a knock-on of the same mistake.
    base = "data/facts/base.yaml"
    replace_text(
        facts_project,
        base,
        'tensorflow: {value: "no", sources: [src-b]}',
        'tensorflow: {value: "no", sources: [src-a]}',
    )
    replace_text(facts_project, base, "    sources: [src-b]\n", "    sorces: [src-b]\n")
    assert errors(facts_project) == [
        "data/facts/base.yaml:23: 'sorces' is not a field — did you mean 'sources'?"
    ]


def test_impossible_date_in_since(facts_project: Path) -> None:
    replace_text(
        facts_project,
        "data/facts/extra.yaml",
        'value: "yes"',
        'value: "yes"\n        since: 2022-02-30',
    )
    assert errors(facts_project) == [
        "data/facts/extra.yaml:13: since: 2022-02-30 is not a real date (YYYY-MM-DD)"
    ]


def test_text_and_value_are_distinct(facts_project: Path) -> None:
    rel = "data/facts/extra.yaml"
    replace_text(facts_project, rel, "value: partial", "text: partial")
    replace_text(facts_project, rel, 'value: "yes"', 'value: "yes"\n        text: v2')
    assert errors(facts_project) == [
        "data/facts/extra.yaml:9: text: 'partial' is a status word; write `value: partial`",
        "data/facts/extra.yaml:11: a cell holds `value:` or `text:`, not both; "
        "move the text to `note:`",
    ]


def test_two_documents_in_one_file(facts_project: Path) -> None:
    path = facts_project / "data/facts/extra.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "---\ntopic: more\n", encoding="utf-8")
    assert errors(facts_project) == [
        "data/facts/extra.yaml:18: a data file holds one YAML document; remove the second "
        "`---` and what follows"
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe",
        b"a: [",
        b"- !!python/object/apply:os.system [echo hi]\n",
        b"&a [*a]\n",
        b"a: *nowhere\n",
        b"%YAML 1.1\n---\na: yes\n",
        b"? [a, b]\n: 1\n",
        b"a: 1\n\tb: 2\n",
        b"a: '\\x00'\n",
        b"\xef\xbb\xbfa: 1\n",
        b"a: 2026-13-45T99:99\n",
        b"{" * 5000,
        b"a: \xc2\x85b\n",
    ],
)
def test_nothing_but_yaml_error_escapes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    try:
        load_yaml_with_lines(path, "x.yaml")
    except YamlError as exc:
        assert str(exc).startswith("x.yaml:")


def test_dlcompare_check_prints_the_message_and_exits_1(
    facts_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (facts_project / "data/facts/extra.yaml").write_text(BOMB + "\n", encoding="utf-8")
    monkeypatch.setenv("DLCOMPARE_ROOT", str(facts_project))
    monkeypatch.setenv("DLCOMPARE_TODAY", TODAY.isoformat())
    assert cli_main(["check", "--no-programs"]) == 1
    out = capsys.readouterr().out
    assert "data/facts/extra.yaml:1: YAML anchors and aliases are not allowed" in out
    assert "Traceback" not in out


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: str
    reason: str


def test_the_translator_works_for_any_model() -> None:
    """dlcompare.validation is the ground floor: the warnings allowlist uses it too."""
    data = {"categroy": "UserWarning"}
    lines = {(): 1, ("categroy",): 3}
    model, problems = validate(
        _Entry,
        data,
        lines,
        "snippets/warnings-allowlist.yaml",
        hints={"reason": "add `reason:`, why it is tolerated"},
    )
    assert model is None
    # Not also "'category' is missing": that is the misspelt key again.
    assert problems == [
        Problem(
            "snippets/warnings-allowlist.yaml",
            1,
            "'reason' is missing; add `reason:`, why it is tolerated",
        ),
        Problem(
            "snippets/warnings-allowlist.yaml",
            3,
            "'categroy' is not a field — did you mean 'category'?",
        ),
    ]
