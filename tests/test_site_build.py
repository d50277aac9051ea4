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
