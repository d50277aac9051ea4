"""Reading notebook sources: discovery, and the cell-to-line map error messages rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.scratch import write_notebook

from dlcompare.notebooks.source import NotebookNotFound, discover


def test_cells_map_to_their_marker_lines(nb_project: Path) -> None:
    write_notebook(
        nb_project,
        "demo",
        """
        # %% [markdown]
        # # Title

        # %%
        x = 1


        # %%

        y = 2
    """,
    )
    (notebook,) = discover(nb_project)
    assert notebook.rel == "docs/notebooks/demo.nb.py"
    assert notebook.name == "demo"
    assert notebook.page_uri == "notebooks/demo.ipynb"
    assert notebook.cell_lines == [1, 4, 8]
    # line k of a cell is file line marker + k, leading blank lines included
    cell = notebook.read().cells[2]
    assert cell.source.splitlines()[1] == "y = 2"
    assert notebook.text.splitlines()[8 + 2 - 1] == "y = 2"
    assert notebook.format_problems() == []


def test_source_without_leading_marker_is_reported(nb_project: Path) -> None:
    write_notebook(nb_project, "loose", "import os\n\n# %%\nprint(os.name)\n")
    (notebook,) = discover(nb_project)
    problems = notebook.format_problems()
    assert problems and problems[0].startswith("docs/notebooks/loose.nb.py:1: the first cell")


def test_converted_notebook_is_portable_and_has_no_outputs(nb_project: Path) -> None:
    write_notebook(nb_project, "demo", "# %%\nprint(1)\n")
    nb = discover(nb_project)[0].read()
    assert nb.metadata["kernelspec"]["name"] == "python3"  # opens in any Jupyter
    assert "jupytext" not in nb.metadata
    assert all(not cell.get("outputs") for cell in nb.cells)


def test_same_source_gives_the_same_notebook_bytes(nb_project: Path) -> None:
    """Random cell ids made every preview rebuild miss mkdocs-jupyter's render cache."""
    import nbformat

    write_notebook(nb_project, "demo", "# %%\nprint(1)\n\n# %%\nprint(1)\n")
    notebook = discover(nb_project)[0]
    first, second = (nbformat.writes(notebook.read()) for _ in range(2))
    assert first == second
    ids = [cell["id"] for cell in notebook.read().cells]
    assert len(set(ids)) == len(ids)  # two cells with the same text still differ
    nbformat.validate(notebook.read())


def test_selection_by_name_and_unknown_names(nb_project: Path) -> None:
    write_notebook(nb_project, "a", "# %%\n1\n")
    write_notebook(nb_project, "b", "# %%\n2\n")
    (nb_project / "docs" / "notebooks" / "helper.py").write_text("x = 1\n")  # not a notebook
    assert [nb.name for nb in discover(nb_project)] == ["a", "b"]
    assert [nb.name for nb in discover(nb_project, ["b"])] == ["b"]
    with pytest.raises(NotebookNotFound, match=r"no notebook named 'c' .*available: a, b"):
        discover(nb_project, ["c"])


def test_colab_link_only_for_an_ipynb_on_github_else_the_reason() -> None:
    from dlcompare.notebooks.page_source import colab_note
    from dlcompare.render.repository import Repository

    repo = Repository("https://github.com/o/r")
    assert "Open in Colab" in colab_note(repo.colab("nb/x.ipynb"), repo.on_github)
    jupytext = colab_note(repo.colab("docs/notebooks/x.nb.py"), repo.on_github)
    assert "jupytext script" in jupytext and "Upload notebook" in jupytext
    gitlab = Repository("https://gitlab.com/o/r")
    assert "not on GitHub" in colab_note(gitlab.colab("x.ipynb"), gitlab.on_github)
