"""MkDocs hook: each ``docs/notebooks/x.nb.py`` becomes the page ``notebooks/x.ipynb``.

Listed under ``hooks:`` in mkdocs.yml, next to the mkdocs-jupyter plugin, which does
the rendering (``execute: false``); this hook decides *which* notebook it renders:

* ``mkdocs build`` (and gh-deploy) run in ``execute`` mode: every notebook comes from
  the cache of executed notebooks, and one that is missing or changed is executed
  first; a failing cell stops the build with ``file:line`` of the cell.
* ``mkdocs serve`` runs in ``preview`` mode: nothing is executed, a notebook shows its
  cached outputs when they match the current source, or none (with a banner).
* ``DLCOMPARE_NOTEBOOKS=execute|preview`` overrides either default.

Thin on purpose: the work is in ``dlcompare.notebooks.page_source``, which the tests use.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from dlcompare.notebooks.execute import NotebookFailed
from dlcompare.notebooks.page_assets import (
    STYLESHEET,
    SharedStylesheet,
    add_alt_text,
    strip_inline_assets,
    stylesheet_link,
)
from dlcompare.notebooks.page_source import (
    MODES,
    PAGES_DIR,
    NotebookPage,
    banner,
    insert_banner,
    prepare,
)
from dlcompare.notebooks.source import PAGE_FOLDER, discover, read_notebook
from dlcompare.render.repository import Repository, branch_of

log = logging.getLogger("mkdocs.plugins.dlcompare.notebooks")
_state: dict[str, Any] = {"command": "build", "pages": {}, "styles": SharedStylesheet()}


def _mode() -> str:
    wanted = os.environ.get("DLCOMPARE_NOTEBOOKS")
    if wanted:
        if wanted not in MODES:
            raise PluginError(
                f"DLCOMPARE_NOTEBOOKS must be one of {', '.join(MODES)}, not {wanted!r}"
            )
        return wanted
    return "preview" if _state["command"] == "serve" else "execute"


def on_startup(command: str, **_: Any) -> None:
    _state["command"] = command


def on_serve(server: Any, config: Any, **_: Any) -> None:
    """Reload the preview when ``make notebooks`` (in another terminal) adds outputs."""
    from dlcompare.notebooks.cache import CACHE_DIR

    folder = Path(config["config_file_path"]).resolve().parent / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    server.watch(str(folder))


# Before mkdocs-jupyter's own on_files (priority 0), which claims the notebook files.
@event_priority(50)
def on_files(files: Files, config: Any, **_: Any) -> Files:
    root = Path(config["config_file_path"]).resolve().parent
    mode = _mode()
    pages: dict[str, NotebookPage] = {}
    for notebook in discover(root, folder=Path(config["docs_dir"]) / PAGE_FOLDER):
        problems = notebook.format_problems()
        if problems:
            raise PluginError("\n".join(problems))
        try:
            page = prepare(notebook, mode)
        except NotebookFailed as exc:
            raise PluginError(f"notebook failed, so the site was not built:\n{exc}") from None
        if not page.executed:
            log.info(
                "notebook %s shown without outputs (preview; run `make notebooks`)", notebook.rel
            )
        pages[notebook.page_uri] = page
        # A real File whose src_dir is the pages folder (not File.generated: the
        # wrapper mkdocs-jupyter puts around page files only sees src_dir + src_uri).
        files.append(
            File(
                notebook.page_uri,
                src_dir=str(root / PAGES_DIR),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    _state["pages"] = pages
    _state["styles"] = SharedStylesheet()
    if pages:
        log.info(
            "notebooks (%s mode): %d executed, %d preview",
            mode,
            sum(p.executed for p in pages.values()),
            sum(not p.executed for p in pages.values()),
        )
    return files


def on_pre_page(page: Any, config: Any, files: Files, **_: Any) -> Any:
    """The edit button opens the ``.nb.py`` source, not the generated ``.ipynb``."""
    entry = _state["pages"].get(page.file.src_uri)
    if entry is not None and page.edit_url and page.edit_url.endswith(page.file.src_uri):
        page.edit_url = page.edit_url[: -len(page.file.src_uri)] + entry.notebook.source_uri
    return page


def on_page_content(html: str, page: Any, config: Any, files: Files, **_: Any) -> str:
    entry = _state["pages"].get(page.file.src_uri)
    if entry is None:
        return html
    source = files.get_file_from_path(entry.notebook.source_uri)
    source_href = source.url_relative_to(page.file) if source is not None else None
    repo = Repository(config.get("repo_url"), branch_of(config.get("edit_uri")))
    docs = (
        Path(config["docs_dir"])
        .resolve()
        .relative_to(Path(config["config_file_path"]).resolve().parent)
    )
    colab = repo.colab((docs / entry.notebook.source_uri).as_posix())
    html = insert_banner(html, banner(entry, source_href, colab, repo.on_github))
    # One shared stylesheet instead of nbconvert's inline CSS, and real alt text.
    html, css = strip_inline_assets(html)
    html = add_alt_text(html, read_notebook(entry.path.read_text(encoding="utf-8")))
    _state["styles"].add_page(css, "")
    return stylesheet_link(get_relative_url(STYLESHEET, page.url)) + html


def on_post_page(output: str, page: Any, **_: Any) -> str:
    """Note the class names of the finished page: the shared stylesheet keeps their rules."""
    if page.file.src_uri in _state["pages"]:
        _state["styles"].names.add(output)
    return output


def on_post_build(config: Any, **_: Any) -> None:
    styles: SharedStylesheet = _state["styles"]
    if styles.blocks:
        path = styles.write(Path(config["site_dir"]))
        log.info("notebook stylesheet: %s (%d bytes)", STYLESHEET, path.stat().st_size)
