"""Which pages the site has, as site paths: ``""`` (home), ``examples/cnn/``.

From the sources (``docs/**/*.md`` and notebooks, known before a build, so tests can be
parametrized at collection) and from a built site (to check they agree).
"""

from __future__ import annotations

from pathlib import Path

from dlcompare.vocabulary import FRAMEWORKS

#: Page sources and the suffix each drops: Markdown, and notebooks (jupytext
#: ``*.nb.py``, rendered by mkdocs-jupyter as ``<name>/``) or plain ``*.ipynb``.
PAGE_SUFFIXES: tuple[str, ...] = (".md", ".nb.py", ".ipynb")


def doc_pages(docs_dir: Path) -> list[str]:
    """Site paths of every page source under ``docs_dir``, sorted."""
    paths = []
    sources = [
        p for p in Path(docs_dir).rglob("*") if p.is_file() and p.name.endswith(PAGE_SUFFIXES)
    ]
    for source in sources:
        suffix = next(s for s in PAGE_SUFFIXES if source.name.endswith(s))
        rel = source.relative_to(docs_dir).as_posix()[: -len(suffix)]
        if rel == "index":
            paths.append("")
        elif rel.endswith("/index"):
            paths.append(rel[: -len("index")])
        else:
            paths.append(rel + "/")
    return sorted(paths)


def example_pages(docs_dir: Path) -> list[str]:
    """The example pages (``examples/<task>/``), without the examples index."""
    return [p for p in doc_pages(docs_dir) if p.startswith("examples/") and p != "examples/"]


def run_detail_pages(root: Path) -> list[str]:
    """``runs/<task>/``: the generated run-details page of every task with programs.

    They have no source under docs/ (the MkDocs hook writes them), so they are listed
    from the tasks: ``snippets/<task>/`` holding a framework program.
    """
    tasks = {
        path.parent.name
        for framework in FRAMEWORKS
        for path in (Path(root) / "snippets").glob(f"*/{framework}.py")
    }
    return sorted(f"runs/{task}/" for task in tasks)


def built_pages(site_dir: Path) -> list[str]:
    """Site paths of the pages of a built site (every ``index.html``; 404.html excluded)."""
    paths = []
    for html in sorted(Path(site_dir).rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return sorted(paths)


def page_id(path: str) -> str:
    """A readable pytest id: ``home``, ``examples/cnn``."""
    return path.strip("/") or "home"
