"""Check programs: run in a fresh interpreter, two at a time, cached on success."""

from __future__ import annotations

import io
from pathlib import Path

from dlcompare.facts.checks import CACHE_DIR, run_checks


def test_pass_is_cached_and_failure_is_not(facts_project: Path):
    programs = ["snippets/facts/passes.py", "snippets/facts/fails.py"]
    first = run_checks(facts_project, programs)
    assert first["snippets/facts/passes.py"].passed
    assert not first["snippets/facts/fails.py"].passed
    assert first["snippets/facts/fails.py"].message == (
        "AssertionError: the fact changed: 1 + 1 is no longer 3"
    )
    assert len(list((facts_project / CACHE_DIR).glob("*.json"))) == 1
    second = run_checks(facts_project, programs)
    assert second["snippets/facts/passes.py"].cached
    assert not second["snippets/facts/fails.py"].cached


def test_editing_a_program_invalidates_its_cache(facts_project: Path):
    program = facts_project / "snippets/facts/passes.py"
    run_checks(facts_project, ["snippets/facts/passes.py"])
    program.write_text('print("still fine")\n')
    result = run_checks(facts_project, ["snippets/facts/passes.py"])["snippets/facts/passes.py"]
    assert not result.cached and result.message == "still fine"


def test_a_program_runs_once_even_if_many_facts_use_it(facts_project: Path):
    results = run_checks(facts_project, ["snippets/facts/passes.py"] * 3, use_cache=False)
    assert list(results) == ["snippets/facts/passes.py"]


def test_timeouts_are_failures(facts_project: Path):
    slow = facts_project / "snippets/facts/slow.py"
    slow.write_text("import time\ntime.sleep(30)\n")
    result = run_checks(facts_project, ["snippets/facts/slow.py"], timeout_s=1)
    assert result["snippets/facts/slow.py"].message == "timed out after 1 s"


def test_each_program_run_reports_progress_and_cached_ones_do_not(facts_project: Path):
    programs = ["snippets/facts/passes.py", "snippets/facts/fails.py"]
    run_checks(facts_project, ["snippets/facts/passes.py"])  # now cached
    out = io.StringIO()
    run_checks(facts_project, programs, progress=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "  running 1 check program(s), 2 at a time (1 from the cache)"
    assert lines[1].startswith("  [1/1] ✗ snippets/facts/fails.py (") and lines[1].endswith(" s)")
    assert len(lines) == 2
