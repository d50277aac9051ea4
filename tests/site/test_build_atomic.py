"""A failed build leaves the previous site/ (or none), never a half-written or empty one.

Real ``mkdocs build`` runs of a tiny plain-theme project: a strict-mode warning,
a page that cannot be read, and a success.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.scratch import mkdocs_project

from dlcompare.site import build as build_module
from dlcompare.site.build import build_atomic

OLD = "<p>the previous build</p>\n"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose site/ holds a previous build; ``dlcompare build`` runs in it."""
    root = mkdocs_project(tmp_path / "project", {"index.md": "# Home\n"})
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text(OLD)
    monkeypatch.setenv("DLCOMPARE_ROOT", str(root))
    return root


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("site."))


def assert_old_site_untouched(root: Path) -> None:
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site" / "index.html").read_text() == OLD
    assert leftovers(root) == [], "the temporary build folder must be deleted"


def test_strict_warning_keeps_the_old_site_and_exits_1(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (scratch / "docs" / "index.md").write_text("# Home\n\n[gone](missing.md)\n")
    assert build_module.main([]) == 1
    err = capsys.readouterr().err
    assert "missing.md" in err and "was not changed (the previous build is kept)" in err
    assert_old_site_untouched(scratch)


def test_page_read_error_keeps_the_old_site_and_exits_1(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (scratch / "docs" / "broken.md").write_bytes(b"# Broken\n\n\xff\xfe not UTF-8\n")
    assert build_module.main([]) == 1
    assert "broken.md" in capsys.readouterr().err
    assert_old_site_untouched(scratch)


def test_failed_first_build_writes_no_site(tmp_path: Path) -> None:
    root = mkdocs_project(tmp_path, {"index.md": "[gone](missing.md)\n"})
    with pytest.raises(build_module.BuildError, match=r"missing\.md"):
        build_atomic(root, root / "site")
    assert not (root / "site").exists() and leftovers(root) == []


def test_success_replaces_the_site(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scratch / "docs" / "index.md").write_text("# Fresh home\n")
    assert build_module.main([]) == 0
    assert "built " in capsys.readouterr().out
    html = (scratch / "site" / "index.html").read_text(encoding="utf-8")
    assert "Fresh home" in html and OLD not in html
    assert (scratch / "site").stat().st_mode & 0o777 == 0o755
    assert leftovers(scratch) == []
