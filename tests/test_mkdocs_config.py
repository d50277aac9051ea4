"""The one reader of mkdocs.yml: MkDocs' own loader, so tags and defaults read as in a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare import mkdocs_config

ROOT = Path(__file__).resolve().parents[1]


def scratch(tmp_path: Path, text: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_site_url_and_an_edited_file_is_read_again(tmp_path: Path) -> None:
    # Moved from tests/site/test_linkcheck.py (read_site_url is gone).
    config = scratch(tmp_path, "site_name: x\nsite_url: https://x.test/p/  # deployed\nnav: []\n")
    assert mkdocs_config.site_url(config) == "https://x.test/p/"
    scratch(tmp_path, "site_name: x\n")
    assert mkdocs_config.site_url(tmp_path) is None


def test_python_name_tags_load_as_in_a_build(tmp_path: Path) -> None:
    """A plain YAML reader fails on these tags; MkDocs' loader resolves them."""
    config = scratch(
        tmp_path,
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.superfences:\n"
        "      custom_fences:\n        - name: mermaid\n          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "nav:\n  - Home: index.md\n",
    )
    loaded = mkdocs_config.load(config)
    assert loaded.nav == [{"Home": "index.md"}]
    assert loaded.docs_dir == tmp_path / "docs"


def test_the_real_config() -> None:
    loaded = mkdocs_config.load(ROOT)
    assert loaded.site_url == "https://dlcompare.github.io/dlcompare/"
    assert loaded.docs_dir == ROOT / "docs"
    assert "src/dlcompare/mkdocs_hooks.py" in loaded.hooks
    assert loaded.plugin("mkdocs-jupyter")["kernel_name"] == "dlcompare"
    with pytest.raises(KeyError, match="the nope plugin is not configured under plugins:"):
        loaded.plugin("nope")


def test_a_broken_config_names_the_file(tmp_path: Path) -> None:
    config = scratch(tmp_path, "site_name: x\ntheme:\n  name: no-such-theme\n")
    with pytest.raises(mkdocs_config.MkDocsConfigError, match=r"mkdocs\.yml: .*no-such-theme"):
        mkdocs_config.load(config)
    with pytest.raises(mkdocs_config.MkDocsConfigError, match="cannot read it"):
        mkdocs_config.load(tmp_path / "missing.yml")
