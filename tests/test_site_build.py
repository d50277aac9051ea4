"""The real site builds strictly, and every example page shows code, output and a badge."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.snippets.task_layout import NOT_TASKS

ROOT = Path(__file__).resolve().parents[1]
TASKS = sorted(
    p.name
    for p in (ROOT / "snippets").iterdir()
    if p.is_dir() and any(p.glob("*.py")) and p.name not in NOT_TASKS
)


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS)
def test_example_page_shows_tabs_output_and_badge(built_site: Path, task: str) -> None:
    page = ROOT / "docs" / "examples" / f"{task}.md"
    assert page.exists(), (
        f"snippets/{task}/ has no page: add docs/examples/{task}.md with <!-- example: {task} -->"
    )
    html = (built_site / "examples" / task / "index.html").read_text(encoding="utf-8")
    for label in ("PyTorch", "TensorFlow", "Keras"):
        assert f">{label}</label>" in html, f"{task}: no {label} tab"
    assert html.count('class="dlc-run"') == 3, f"{task}: expected a run badge under each program"
    assert "Output" in html and "dlc-ok" in html


@pytest.mark.slow
def test_no_marker_survives_the_build(built_site: Path) -> None:
    leftovers = [
        p for p in built_site.rglob("*.html") if "<!-- example:" in p.read_text(encoding="utf-8")
    ]
    assert not leftovers


def _shown_code(html: str) -> list[str]:
    """Text of every code block a page shows (highlighted fences), tags stripped."""
    import re

    blocks = re.findall(r'<div class="language-python highlight">(.*?)</div>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", block) for block in blocks]


@pytest.mark.slow
def test_no_shown_program_contains_a_runner_directive(built_site: Path) -> None:
    pages = [
        *sorted((built_site / "examples").glob("*/index.html")),
        built_site / "keras3/index.html",
    ]
    offenders = [
        p.parent.name
        for p in pages
        if any(
            "dlcompare:" in code or "dlcompare-matrix:" in code
            for code in _shown_code(p.read_text(encoding="utf-8"))
        )
    ]
    assert len(pages) > 10 and not offenders, f"runner directives shown on: {offenders}"


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS)
def test_raw_programs_and_run_details_are_published(built_site: Path, task: str) -> None:
    for program in sorted((ROOT / "snippets" / task).glob("*.py")):
        published = built_site / "examples" / task / program.name
        assert published.read_bytes() == program.read_bytes(), f"{published} differs from {program}"
    details = (built_site / "runs" / task / "index.html").read_text(encoding="utf-8")
    assert "Source sha256" in details and "<code>numpy</code>" in details
    page = (built_site / "examples" / task / "index.html").read_text(encoding="utf-8")
    assert f'href="../../runs/{task}/#' in page, f"{task}: badges do not link to the run details"
    assert "Last verified" in page and "Run it" in page


@pytest.mark.slow
def test_run_details_stay_out_of_search_and_nav(built_site: Path) -> None:
    import json

    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("runs/")]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="runs/' not in home  # the navigation (on every page) does not list them
