"""Notebooks in a site build: rendered with outputs, downloadable, and fatal when broken.

The scratch sites use the mkdocs-jupyter settings of the real mkdocs.yml and the
real hook, so these tests check the configuration, not a copy of it.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.helpers.scratch import write_notebook

from dlcompare import mkdocs_config

ROOT = Path(__file__).resolve().parents[2]
HOOK = "src/dlcompare/notebooks/mkdocs_hook.py"


def jupyter_plugin() -> dict[str, Any]:
    """The real mkdocs.yml's mkdocs-jupyter settings, as MkDocs loads them."""
    return mkdocs_config.load(ROOT).plugin("mkdocs-jupyter")


def test_plugin_settings_in_mkdocs_yml() -> None:
    plugin = jupyter_plugin()
    assert plugin["include"] == ["notebooks/*.ipynb"], "only generated notebooks may become pages"
    assert plugin["execute"] is False, (
        "execution belongs to dlcompare's runner (cached, file:line errors)"
    )
    assert plugin["allow_errors"] is False, "the plugin's default would hide errors"
    assert plugin["kernel_name"] == "dlcompare"
    assert plugin["include_source"] is True, "the .ipynb download next to each page"


def test_hook_is_wired_in_mkdocs_yml() -> None:
    hooks = mkdocs_config.load(ROOT).hooks
    assert HOOK in hooks, (
        f"mkdocs.yml: add '{HOOK}' under hooks: (it feeds executed notebooks to mkdocs-jupyter)"
    )


def scratch_site(root: Path) -> None:
    config = {
        "site_name": "scratch",
        "site_url": "https://example.org/",
        "repo_url": "https://github.com/dlcompare/dlcompare",
        "edit_uri": "edit/main/docs/",
        "theme": {"name": "material", "features": ["content.action.edit"]},
        "strict": True,
        "plugins": [{"mkdocs-jupyter": jupyter_plugin()}],
        "hooks": [str(ROOT / HOOK)],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\n[The demo](notebooks/demo.ipynb)\n")


def build(root: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DLCOMPARE_ROOT": str(root), **env},
        check=False,
    )


DEMO = """
    # %% [markdown]
    # # Demo notebook
    #
    # A plot and a number.

    # %%
    import matplotlib.pyplot as plt

    print("answer", 6 * 7)

    # %%
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1, 2], [2, 0, 1])
    plt.show()
"""


def test_build_renders_the_executed_notebook_with_banner_and_download(nb_project: Path) -> None:
    scratch_site(nb_project)
    write_notebook(nb_project, "demo", DEMO)
    (nb_project / "docs" / "notebooks" / "helper.py").write_text("VALUE = 1\n")
    result = build(nb_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = nb_project / "site"
    page = (site / "notebooks" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "answer 42" in page
    assert 'src="data:image/png;base64,' in page
    assert "Executed by the test suite" in page
    assert '<a href="demo.ipynb" download>' in page
    assert "edit/main/docs/notebooks/demo.nb.py" in page  # the edit button opens the source
    download = site / "notebooks" / "demo" / "demo.ipynb"
    assert '"output_type": "display_data"' in download.read_text(encoding="utf-8")
    assert not (site / "notebooks" / "helper").exists()  # other .py files never become pages
    assert not (site / "notebooks" / "demo.nb").exists()
    assert not list((nb_project / "docs").rglob("*.ipynb")), "nothing generated may land in docs/"


def test_a_broken_notebook_fails_the_build_with_a_clear_message(nb_project: Path) -> None:
    scratch_site(nb_project)
    write_notebook(
        nb_project, "demo", DEMO.replace('print("answer", 6 * 7)', 'print("answer", 6 * seven)')
    )
    result = build(nb_project)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "notebook failed, so the site was not built" in out
    assert "docs/notebooks/demo.nb.py:9: cell 2: NameError: name 'seven' is not defined" in out


def test_preview_mode_builds_without_executing(nb_project: Path) -> None:
    scratch_site(nb_project)
    write_notebook(
        nb_project, "demo", DEMO.replace("# %%\nimport", "# %%\nraise SystemExit\nimport", 1)
    )
    result = build(nb_project, DLCOMPARE_NOTEBOOKS="preview")
    assert result.returncode == 0, result.stdout + result.stderr  # nothing ran, so nothing failed
    page = (nb_project / "site" / "notebooks" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "Preview without outputs" in page and "answer 42" not in page


def test_serve_defaults_to_preview_and_build_to_execute(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = importlib.import_module("dlcompare.notebooks.mkdocs_hook")
    monkeypatch.delenv("DLCOMPARE_NOTEBOOKS", raising=False)
    hook.on_startup(command="serve", dirty=False)
    assert hook._mode() == "preview"
    hook.on_startup(command="build", dirty=False)
    assert hook._mode() == "execute"
    monkeypatch.setenv("DLCOMPARE_NOTEBOOKS", "preview")
    assert hook._mode() == "preview"
