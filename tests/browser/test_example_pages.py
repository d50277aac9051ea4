"""Example pages: under every framework tab the program, its run badges and its output show;
the copy button copies the program."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site.page_paths import example_pages, page_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = example_pages(ROOT / "docs")


@pytest.mark.parametrize("path", EXAMPLES, ids=page_id)
def test_each_tab_shows_program_badges_and_output(reader, path: str) -> None:
    page = reader.open(path)
    tabs = page.locator(".tabbed-set").first
    for name in ("PyTorch", "TensorFlow", "Keras"):
        tabs.locator(":scope > .tabbed-labels > label", has_text=name).click()
        block = tabs.locator(":scope > .tabbed-content > .tabbed-block:visible")
        assert block.count() == 1, f"{path} {name}: no visible tab content"
        program = block.locator(".highlight", has=page.locator(".filename", has_text=".py")).first
        assert program.is_visible(), f"{path} {name}: program not shown"
        assert program.locator("code").inner_text().strip(), f"{path} {name}: the program is empty"

        badges = block.locator(".dlc-run").first
        assert badges.is_visible(), f"{path} {name}: no run badges under the program"
        texts = [t.strip() for t in badges.locator(".dlc-badge").all_inner_texts()]
        assert any(t.startswith("CPU") for t in texts) and any(
            t.startswith("GPU") for t in texts
        ), f"{path} {name}: badges {texts}"
        # Whether the run passed or is stale is the records check's business
        # (tests/test_records_current.py); here: the reader can see it.

        output = block.locator(".highlight", has=page.locator(".filename", has_text="Output")).first
        assert output.is_visible(), f"{path} {name}: no recorded output shown"
        assert output.locator("code").inner_text().strip(), f"{path} {name}: the output is empty"
        box = output.bounding_box()
        assert box and box["height"] > 20 and box["width"] > 200, (
            f"{path} {name}: output squashed: {box}"
        )
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())


def test_copy_button_copies_the_program(make_reader) -> None:
    r = make_reader(
        viewport={"width": 1280, "height": 800}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = r.open(EXAMPLES[0])
    program = page.locator(
        ".tabbed-block:visible .highlight", has=page.locator(".filename", has_text=".py")
    ).first
    shown = program.locator("code").text_content() or ""
    source = ROOT / program.locator(".filename").inner_text().strip()
    program.hover()
    program.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == shown.strip(), "the clipboard differs from the code shown"
    # Section markers and runner directives are never shown; everything else is.
    lines = [
        line
        for line in source.read_text(encoding="utf-8").splitlines()
        if "--8<--" not in line and not line.lstrip().startswith(("# dlcompare:", "# dlcompare-"))
    ]
    assert copied.strip() in "\n".join(lines), (
        f"copied text is not a part of {source.relative_to(ROOT)}"
    )
    assert len(copied.strip().splitlines()) > 3
