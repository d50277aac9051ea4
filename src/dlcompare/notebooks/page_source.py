"""What the site shows for each notebook: an ``.ipynb`` for mkdocs-jupyter, and a banner.

For every ``docs/notebooks/x.nb.py`` the build gets ``notebooks/x.ipynb``:

* the executed notebook from the cache when the source and environment match it
  (in ``execute`` mode, a missing one is executed first, and a failure stops the build);
* otherwise, in ``preview`` mode only, the plain conversion with no outputs, under a
  banner that says so. Outputs are never taken from anywhere but an execution of
  exactly this source.

The ``.ipynb`` files are written to ``.cache/dlcompare/notebook-pages/`` (ignored by
git), so nothing generated ever lands in ``docs/``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from dlcompare.notebooks.cache import NotebookCache, cache_key
from dlcompare.notebooks.execute import NotebookFailed
from dlcompare.notebooks.source import NotebookSource
from dlcompare.notebooks.suite import executed_notebook

PAGES_DIR = Path(".cache/dlcompare/notebook-pages")
MODES = ("execute", "preview")


@dataclass
class NotebookPage:
    notebook: NotebookSource
    path: Path  # the .ipynb mkdocs-jupyter renders (and offers as the download)
    executed: bool
    meta: dict[str, Any] = field(default_factory=dict)  # provenance stamped at execution


def prepare(notebook: NotebookSource, mode: str) -> NotebookPage:
    """Write the notebook the page will render; raise NotebookFailed if it does not run."""
    if mode not in MODES:
        raise ValueError(f"notebook mode must be one of {', '.join(MODES)}, not {mode!r}")
    executed = None
    if mode == "execute":
        outcome = executed_notebook(notebook)
        if outcome.status == "failed":
            raise NotebookFailed(outcome.message)
        executed = outcome.executed
    else:
        executed = NotebookCache(notebook.root).get(cache_key(notebook))
    content = executed if executed is not None else notebook.read()
    path = notebook.root / PAGES_DIR / notebook.page_uri
    _write_if_changed(path, nbformat.writes(content))  # type: ignore[no-untyped-call]
    meta = dict(executed.metadata.get("dlcompare", {})) if executed is not None else {}
    return NotebookPage(notebook=notebook, path=path, executed=executed is not None, meta=meta)


def _write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone, so its mtime and mkdocs-jupyter's cache stay valid."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def colab_note(colab_url: str | None, on_github: bool) -> str:
    """The "Open in Colab" link, or in one sentence why there is none.

    Colab opens only ``.ipynb`` files kept in a GitHub repository; this project keeps
    its notebooks as jupytext scripts and publishes the executed ``.ipynb`` on the
    site, so today the sentence explains how to get the notebook into Colab instead.
    """
    if colab_url:
        return f'<a href="{html.escape(colab_url)}">Open in Colab</a>'
    if not on_github:
        return "No Colab link: the repository is not on GitHub, where Colab opens notebooks."
    return (
        "No Colab link: the repository keeps this notebook as a jupytext script, and "
        "Colab opens only .ipynb files from GitHub; in Colab, use File → Upload notebook "
        "with the download."
    )


def banner(
    page: NotebookPage,
    source_href: str | None,
    colab_url: str | None = None,
    on_github: bool = True,
) -> str:
    """An admonition under the title: where the outputs come from, and the download."""
    name = html.escape(page.path.name)
    links = [f'<a href="{name}" download>Download the notebook ({name})</a>']
    if source_href:
        links.append(f'<a href="{html.escape(source_href)}">its jupytext source</a>')
    links_html = " · ".join(links)
    colab = colab_note(colab_url, on_github)
    links_html += (" · " if colab_url else ". ") + colab
    if page.executed:
        meta = page.meta
        versions = ", ".join(
            f"{pkg} {version}" for pkg, version in sorted(meta.get("packages", {}).items())
        )
        details = "; ".join(
            filter(None, [f"Python {meta['python']}" if meta.get("python") else "", versions])
        )
        took = f"{meta['duration_s']:.0f} s" if "duration_s" in meta else ""
        when = ", ".join(filter(None, [meta.get("executed", ""), took]))
        return (
            '<div class="admonition info dlc-notebook">'
            '<p class="admonition-title">Executed by the test suite</p>'
            f"<p>Every output below comes from running this notebook top to bottom on a CPU "
            f"({html.escape(when)}; {html.escape(details)}). {links_html}</p></div>"
        )
    return (
        '<div class="admonition warning dlc-notebook">'
        '<p class="admonition-title">Preview without outputs</p>'
        "<p>This local build did not execute the notebook, so the code appears without its "
        "outputs. <code>make notebooks</code> executes it (and the page picks the outputs up on "
        "the next rebuild); the published site always shows executed notebooks. "
        f"{links_html}</p></div>"
    )


def insert_banner(content: str, banner_html: str) -> str:
    """Put the banner right after the notebook's title, or first if it has none."""
    end = content.find("</h1>")
    if end == -1:
        return banner_html + content
    end += len("</h1>")
    return content[:end] + banner_html + content[end:]
