"""The real site builds strictly, and every example page shows code, output and a badge."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TASKS = sorted(
    p.name
    for p in (ROOT / "snippets").iterdir()
    if p.is_dir() and any(p.glob("*.py")) and p.name != "facts"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS)
def test_example_page_shows_tabs_output_and_badge(site: Path, task: str) -> None:
    page = ROOT / "docs" / "examples" / f"{task}.md"
    assert page.exists(), (
        f"snippets/{task}/ has no page: add docs/examples/{task}.md with <!-- example: {task} -->"
    )
    html = (site / "examples" / task / "index.html").read_text(encoding="utf-8")
    for label in ("PyTorch", "TensorFlow", "Keras"):
        assert f">{label}</label>" in html, f"{task}: no {label} tab"
    assert html.count('class="dlc-run"') == 3, f"{task}: expected a run badge under each program"
    assert "Output" in html and "dlc-ok" in html


@pytest.mark.slow
def test_no_marker_survives_the_build(site: Path) -> None:
    leftovers = [
        p for p in site.rglob("*.html") if "<!-- example:" in p.read_text(encoding="utf-8")
    ]
    assert not leftovers
