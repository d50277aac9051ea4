"""The plain-Material baseline config, the one-build-per-run lock, pages, and axe results."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dlcompare.site import build as build_module
from dlcompare.site.a11y import failing, violations_from
from dlcompare.site.build import Build, BuildError, build_once, plain_config
from dlcompare.site.page_paths import built_pages, doc_pages, example_pages, page_id

CONFIG = """site_name: x
theme:
  name: material
hooks:
  - src/dlcompare/mkdocs_hooks.py
  # a comment inside the block
  - other.py
# top-level comment
plugins:
  - search
"""


def test_plain_config_drops_only_the_hooks() -> None:
    plain = plain_config(CONFIG)
    assert "hooks" not in plain and "mkdocs_hooks" not in plain and "other.py" not in plain
    assert plain.startswith("site_name: x\ntheme:\n  name: material\n")
    assert plain.endswith("plugins:\n  - search\n")
    assert plain_config(plain) == plain


def test_build_once_builds_once_and_shares_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []

    def fake_build(root: Path, site_dir: Path, *, strict: bool = True) -> Build:
        calls.append(site_dir)
        (site_dir / "index.html").write_text("built\n")
        return Build(site_dir, 0.1, "")

    monkeypatch.setattr(build_module, "build_site", fake_build)
    threads = [
        threading.Thread(target=build_once, args=(tmp_path, tmp_path / "site")) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # One build, into a temporary sibling that then became site/.
    assert len(calls) == 1 and calls[0].name.startswith("site.tmp-")
    assert (tmp_path / "site" / "index.html").read_text() == "built\n"

    def broken_build(root: Path, site_dir: Path, *, strict: bool = True) -> Build:
        calls.append(site_dir)
        raise BuildError("docs/x.md: broken")

    monkeypatch.setattr(build_module, "build_site", broken_build)
    for _ in range(2):
        with pytest.raises(BuildError, match=r"docs/x\.md: broken"):
            build_once(tmp_path, tmp_path / "other")
    assert len([c for c in calls if c.name.startswith("other.tmp-")]) == 1
    assert not (tmp_path / "other").exists()


def test_pages_from_docs_and_from_a_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for rel in (
        "index.md",
        "claims.md",
        "examples/index.md",
        "examples/cnn.md",
        "comparison/index.md",
        "notebooks/keras-digits.nb.py",
        "notebooks/helper.py",
    ):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# x\n")
    assert doc_pages(docs) == [
        "",
        "claims/",
        "comparison/",
        "examples/",
        "examples/cnn/",
        "notebooks/keras-digits/",
    ]
    assert example_pages(docs) == ["examples/cnn/"]
    site = tmp_path / "site"
    for rel in ("index.html", "404.html", "claims/index.html", "examples/cnn/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("")
    assert built_pages(site) == ["", "claims/", "examples/cnn/"]
    assert [page_id(p) for p in ("", "examples/cnn/")] == ["home", "examples/cnn"]


def test_violations_and_failing_impacts() -> None:
    response = {
        "violations": [
            {
                "id": "color-contrast",
                "impact": "serious",
                "help": "Contrast",
                "helpUrl": "u",
                "nodes": [{"target": [".c1"], "html": "<span class='c1'>  # x </span>"}],
            },
            {
                "id": "region",
                "impact": "moderate",
                "help": "Landmarks",
                "helpUrl": "u",
                "nodes": [{"target": ["div"]}],
            },
        ]
    }
    found = violations_from(response)
    assert [v.rule for v in failing(found)] == ["color-contrast"]
    assert (
        "color-contrast (serious, 1 nodes)" in found[0].describe() and ".c1" in found[0].describe()
    )
