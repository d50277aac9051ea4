"""The hook refuses to build a site from broken data, and shares what it validated."""

import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from dlcompare import mkdocs_hooks

ROOT = Path(__file__).resolve().parents[1]


def _copy_project(tmp_path: Path) -> Path:
    for name in ("data", "docs", "snippets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_broken_data_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    path = root / "data/facts/history.yaml"
    path.write_text(path.read_text().replace("as_of:", "asof:", 1))
    with pytest.raises(
        PluginError,
        match=r"data/ is invalid, so the site was not built:\n  data/facts/history.yaml:\d+: ",
    ):
        mkdocs_hooks.on_pre_build({"config_file_path": str(root / "mkdocs.yml")})


def test_valid_data_is_handed_to_the_renderers() -> None:
    mkdocs_hooks.on_pre_build({"config_file_path": str(ROOT / "mkdocs.yml")})
    build = mkdocs_hooks._build
    assert build is not None and build.dataset_given is not None
    assert build.dataset is build.dataset_given and build.facts


def test_config_registers_the_raw_html_extension_once() -> None:
    from dlcompare.render.raw_html import RawHtmlExtension

    config = {"markdown_extensions": ["toc"]}
    mkdocs_hooks.on_config(config)
    mkdocs_hooks.on_config(config)
    assert [type(e) for e in config["markdown_extensions"]] == [str, RawHtmlExtension]
