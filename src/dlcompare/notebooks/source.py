"""Notebook sources: ``docs/notebooks/*.nb.py`` in jupytext's percent format.

Percent format keeps a notebook as an ordinary Python file: a line ``# %%`` starts
a code cell, ``# %% [markdown]`` a Markdown cell whose lines are comments. Such a
file cannot hold outputs, which is the point: outputs come from execution only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jupytext
import nbformat

from dlcompare.notebooks import NOTEBOOK_DIR, SUFFIX

FORMAT = "py:percent"
#: The folder inside docs/ that holds the notebooks, and so their pages.
PAGE_FOLDER = "notebooks"
_MARKER = re.compile(r"^# %%(?:\s|$)")
_HEADER = re.compile(r"^# ---\s*$")

#: What a downloaded notebook asks for: the default kernel of any Jupyter install
#: (the ``dlcompare`` kernel exists only in this project's venv).
PORTABLE_KERNELSPEC = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}


class NotebookNotFound(LookupError):
    pass


@dataclass(frozen=True)
class NotebookSource:
    root: Path
    path: Path  # absolute path of the .nb.py file

    @property
    def rel(self) -> str:
        """Path from the project root, as messages and cache metadata show it."""
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.as_posix()

    @property
    def name(self) -> str:
        """``pytorch-digits`` for ``docs/notebooks/pytorch-digits.nb.py``."""
        return self.path.name[: -len(SUFFIX)]

    @property
    def page_uri(self) -> str:
        """The page's path inside docs/, as MkDocs sees the generated ``.ipynb``."""
        return f"{PAGE_FOLDER}/{self.name}.ipynb"

    @property
    def source_uri(self) -> str:
        """The source's path inside docs/ (what the edit button should open)."""
        return f"{PAGE_FOLDER}/{self.path.name}"

    @cached_property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def read(self) -> nbformat.NotebookNode:
        """The notebook without outputs, ready to execute or to render as a preview."""
        # A fresh copy each time (callers execute and change it); the conversion itself
        # is remembered, as every serve rebuild converts the same unchanged sources.
        nb: nbformat.NotebookNode = nbformat.reads(_converted(self.text), as_version=4)  # type: ignore[no-untyped-call]
        return nb

    @cached_property
    def cell_lines(self) -> list[int] | None:
        """1-based line of each cell's ``# %%`` marker, or None if they cannot be matched.

        Line ``marker + k`` of the file is line ``k`` of the cell (jupytext keeps a
        cell's leading blank lines), which turns "Cell In[5], line 3" into a file line.
        """
        markers = [
            number for number, line in enumerate(self.text.splitlines(), 1) if _MARKER.match(line)
        ]
        if len(markers) != len(jupytext.reads(self.text, fmt=FORMAT).cells):
            return None
        return markers

    def format_problems(self) -> list[str]:
        """Layout rules that keep the cell-to-line mapping exact."""
        lines = self.text.splitlines()
        body = lines
        if lines and _HEADER.match(lines[0]):
            end = next((i for i, line in enumerate(lines[1:], 1) if _HEADER.match(line)), None)
            body = lines[end + 1 :] if end is not None else []
        first = next((line for line in body if line.strip()), "")
        problems = []
        if not _MARKER.match(first):
            problems.append(f"{self.rel}:1: the first cell must start with a '# %%' line")
        if self.cell_lines is None:
            problems.append(f"{self.rel}:1: every cell must start with its own '# %%' line")
        return problems


def discover(
    root: Path, names: list[str] | None = None, *, folder: Path | None = None
) -> list[NotebookSource]:
    """The project's notebooks, sorted; ``names`` picks some by name or path.

    ``folder`` defaults to ``docs/notebooks``; the MkDocs hook passes the configured
    docs_dir's ``notebooks`` folder instead.
    """
    folder = folder or root / NOTEBOOK_DIR
    found = sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []
    notebooks = [NotebookSource(root=root, path=path) for path in found]
    if not names:
        return notebooks
    chosen: list[NotebookSource] = []
    for wanted in names:
        matches = [
            nb
            for nb in notebooks
            if wanted in (nb.name, nb.rel, nb.path.name) or Path(wanted).resolve() == nb.path
        ]
        if not matches:
            available = ", ".join(nb.name for nb in notebooks) or "none"
            raise NotebookNotFound(
                f"no notebook named {wanted!r} in {NOTEBOOK_DIR}/ (available: {available})"
            )
        chosen.extend(nb for nb in matches if nb not in chosen)
    return chosen


def read_notebook(text: str) -> nbformat.NotebookNode:
    """An ``.ipynb`` text as a notebook (version 4); typed, unlike nbformat's own."""
    node: nbformat.NotebookNode = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
    return node


def write_notebook(notebook: nbformat.NotebookNode) -> str:
    text: str = nbformat.writes(notebook)  # type: ignore[no-untyped-call]
    return text


@lru_cache(maxsize=64)
def _converted(text: str) -> str:
    """The jupytext script ``text`` as .ipynb JSON, with cell ids derived from the cells."""
    nb: nbformat.NotebookNode = jupytext.reads(text, fmt=FORMAT)
    nb.metadata.pop("jupytext", None)  # a downloaded .ipynb is a plain notebook
    nb.metadata["kernelspec"] = dict(PORTABLE_KERNELSPEC)
    # nbformat gives every new cell a random id. Derive them from the cells
    # instead, so the same source gives the same .ipynb byte for byte: otherwise
    # each rebuild rewrites the preview page and mkdocs-jupyter's render cache
    # (keyed by the file's bytes) never hits, about a second per notebook.
    for index, cell in enumerate(nb.cells):
        digest = hashlib.sha256(f"{index}\0{cell.cell_type}\0{cell.source}".encode())
        cell["id"] = digest.hexdigest()[:8]
    return str(nbformat.writes(nb))  # type: ignore[no-untyped-call]
