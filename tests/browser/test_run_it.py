"""A reader can run an example in one step and audit its badge in one click.

On a built example page: the "Run it" box under the program gives a pip line that
matches the program's imports (as derived from the file the box offers for download),
the run command, and working download and repository links; a badge opens the run
details, which show the sha256 of the source and the package versions; and the page
says plainly that nothing has run on a GPU yet.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from dlcompare.snippets.discover import parse_program
from dlcompare.snippets.records import load_records
from dlcompare.snippets.requirements import MODULE_DISTRIBUTIONS, project_pins, recipes

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
NO_GPU_RECORDS = not any(device == "cuda" for device, *_ in load_records(ROOT))


def _open_tab(page, name: str):
    tabs = page.locator(".tabbed-set").first
    tabs.locator(":scope > .tabbed-labels > label", has_text=name).click()
    return tabs.locator(":scope > .tabbed-content > .tabbed-block:visible")


@pytest.mark.parametrize(
    ("task", "tab", "file"),
    [("export", "PyTorch", "pytorch.py"), ("mixed_precision", "Keras", "keras.py")],
)
def test_run_it_box_install_line_matches_the_programs_imports(reader, task, tab, file) -> None:
    page = reader.open(f"examples/{task}/")
    block = _open_tab(page, tab)
    box = block.locator("details.example", has_text="Run it")
    assert box.is_visible(), f"{task} {tab}: no Run it box"
    shells = [t.strip() for t in box.locator(".language-shell code").all_inner_texts()]
    assert shells, "no install/run commands"

    source = (ROOT / "snippets" / task / file).read_text(encoding="utf-8")
    program = parse_program(ROOT, ROOT / "snippets" / task / file)
    expected = recipes(
        source, program.path.as_posix(), program.framework, program.backends, project_pins(ROOT)
    )
    shown = [[line for line in s.splitlines() if line.strip()] for s in shells]
    assert shown == [[r.install_line, r.run_command] for r in expected]
    # Independently of the derivation: every third-party module the file imports at top
    # level is pinned in every line shown.
    top = set(re.findall(r"^(?:import|from)\s+(\w+)", source, flags=re.M)) & set(
        MODULE_DISTRIBUTIONS
    )
    for shell in shells:
        install = shell.splitlines()[0]
        for module in top:
            assert (
                f" {MODULE_DISTRIBUTIONS[module]}==" in f" {install.removeprefix('pip install ')}"
            ), (module, install)

    download = box.get_by_role("link", name=f"Download {file}")
    response = page.request.get(download.evaluate("a => a.href"))
    assert response.status == 200
    body = response.body()
    assert hashlib.sha256(body).hexdigest() == program.source_sha256, (
        "download differs from the program"
    )
    repo = box.get_by_role("link", name=re.compile("see it in"))
    assert repo.get_attribute("href").endswith(f"/blob/main/snippets/{task}/{file}")
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())


def test_badge_opens_run_details_with_sha256_and_versions(reader) -> None:
    page = reader.open("examples/cnn/")
    block = _open_tab(page, "PyTorch")
    cpu = block.locator("a.dlc-badge", has_text="CPU").first
    cpu.click()
    page.wait_for_url(re.compile(r"/runs/cnn/#pytorch$"))
    article = page.locator("article")
    assert "Run details" in article.locator("h1").inner_text()
    section = page.locator("#pytorch")
    assert section.is_visible()
    sha = (ROOT / "snippets/cnn/pytorch.py").read_bytes()
    text = article.inner_text()
    assert hashlib.sha256(sha).hexdigest() in text, "the sha256 of the source is not shown"
    for package in ("torch", "numpy", "scikit-learn", "keras"):
        assert re.search(rf"{package}\s+\d", text), f"no version of {package} on the run details"
    assert "Device name" in text and "Duration" in text and "Date (UTC)" in text
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())


def test_gpu_honesty_note_is_visible_and_names_gpu_only_paths(reader) -> None:
    page = reader.open("examples/mixed_precision/")
    verified = page.locator(".dlc-verified")
    assert verified.is_visible() and "Last verified" in verified.inner_text()
    assert "torch" in verified.inner_text() and "JAX" in verified.inner_text()
    note = page.locator(".admonition.warning", has_text="Not yet run on a GPU")
    if not NO_GPU_RECORDS:  # a build with GPU records (deploy): no note, GPU ticks instead
        assert note.count() == 0
        return
    assert note.is_visible(), "no GPU-honesty note"
    assert "GradScaler" in note.inner_text()
    box = note.bounding_box()
    title = page.locator("article h1").bounding_box()
    assert box and title and box["y"] < title["y"] + 400, "the note is not right under the title"

    index = reader.open("examples/")
    header = index.locator("article table").first.locator("th").all_inner_texts()
    assert not [h for h in header if "GPU" in h], f"empty GPU columns kept: {header}"
    assert index.get_by_text("Not yet run on a GPU", exact=False).first.is_visible()
    home = reader.open("")
    assert "GPU ✓" not in home.locator("article").inner_text()
