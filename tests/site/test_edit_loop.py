"""The edit-loop benchmark's pure parts: what it copies and how it reports (no timings)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.scratch import write

from dlcompare.site.edit_loop import EDITS, Result, copy_project, report

ROOT = Path(__file__).resolve().parents[2]


def test_the_copy_holds_what_a_build_reads_and_no_bytecode(tmp_path: Path) -> None:
    source = tmp_path / "src-project"
    write(source, "mkdocs.yml", "site_name: x\n")
    write(source, "docs/index.md", "# Home\n")
    write(source, "src/pkg/mod.py", "x = 1\n")
    write(source, "src/pkg/__pycache__/mod.cpython-311.pyc", "junk")
    write(source, ".git/config", "secret")
    copy = copy_project(source, tmp_path / "copy")
    files = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert files == ["docs/index.md", "mkdocs.yml", "src/pkg/mod.py"]


def test_every_edited_file_exists_in_the_project() -> None:
    for edit in EDITS:
        assert (ROOT / edit.path).is_file(), edit.path


def test_the_report_puts_off_and_on_side_by_side() -> None:
    results = [Result("off", "prose", [5.0, 6.0, 4.0]), Result("on", "prose", [1.5, 1.0, 2.0])]
    table = report(results).splitlines()
    assert table[0] == "| Edit | cache off: median (min–max) s | cache on: median (min–max) s |"
    assert table[2] == "| prose | 5.00 (4.00–6.00) | 1.50 (1.00–2.00) |"


def test_the_copy_holds_every_folder_the_real_config_watches() -> None:
    """mkdocs serve refuses a config whose watch: folder is missing (includes/ once was)."""
    import yaml

    from dlcompare.site.edit_loop import COPIED

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    watched = yaml.load(text, Loader=yaml.BaseLoader)["watch"]  # no !!python tags run
    copied = [Path(c) for c in COPIED]
    missing = [w for w in watched if not any(c == Path(w) or c in Path(w).parents for c in copied)]
    assert missing == []
