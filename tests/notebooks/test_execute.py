"""Executing notebooks in the dlcompare kernel: clear failures, warning policy, cache.

Each test starts a real kernel on a tiny notebook (a few seconds each); they share
an xdist group so parallel workers do not start all the kernels at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from tests.helpers.scratch import write_notebook

from dlcompare.notebooks.cache import NotebookCache, cache_key
from dlcompare.notebooks.execute import NotebookFailed, execute
from dlcompare.notebooks.page_source import PAGES_DIR, prepare
from dlcompare.notebooks.source import discover
from dlcompare.notebooks.suite import executed_notebook

BROKEN = """
    # %% [markdown]
    # # A notebook with a mistake

    # %%
    def share(part, whole):
        return part / whole


    # %%
    print("this cell is fine")

    # %%
    ratio = share(3, 0)
    print(ratio)
"""


def test_broken_notebook_fails_the_command_naming_file_line_and_cell(nb_project: Path) -> None:
    write_notebook(nb_project, "broken", BROKEN)
    env = {**os.environ, "DLCOMPARE_ROOT": str(nb_project)}
    result = subprocess.run(
        [sys.executable, "-m", "dlcompare.notebooks"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    # The error sits in the helper defined in cell 2 (file line 6), called from cell 4.
    assert (
        "FAILED docs/notebooks/broken.nb.py:6: cell 2: (called from cell 4) "
        "ZeroDivisionError: division by zero"
    ) in out
    assert ">    6 |     return part / whole" in out
    assert "Cell In[3], line 1" in out  # the kernel's own traceback follows
    assert "0 executed, 0 from cache, 1 failed" in out


def test_error_in_the_failing_cell_itself_points_at_its_line(nb_project: Path) -> None:
    write_notebook(
        nb_project,
        "typo",
        """
        # %%
        import math

        # %%
        values = [1, 2, 3]
        total = sum(values)
        mean = total / len(valus)
    """,
    )
    with pytest.raises(NotebookFailed) as failure:
        execute(discover(nb_project)[0])
    message = str(failure.value)
    assert message.startswith(
        "docs/notebooks/typo.nb.py:7: cell 2: NameError: name 'valus' is not defined"
    )
    assert ">    7 | mean = total / len(valus)" in message


def test_deprecation_warning_fails_like_an_example_program(nb_project: Path) -> None:
    write_notebook(
        nb_project,
        "warns",
        """
        # %%
        import warnings

        # %%
        warnings.warn("use the new API", DeprecationWarning)
        print("finished anyway")
    """,
    )
    with pytest.raises(NotebookFailed) as failure:
        execute(discover(nb_project)[0])
    message = str(failure.value)
    assert "warning(s) that fail a notebook" in message
    assert "docs/notebooks/warns.nb.py:5: cell 2: DeprecationWarning: use the new API" in message


def test_allowlisted_warning_passes_and_is_recorded(nb_project: Path) -> None:
    (nb_project / "snippets").mkdir()
    (nb_project / "snippets" / "warnings-allowlist.yaml").write_text(
        "- category: DeprecationWarning\n"
        "  message: 'use the new API'\n"
        "  reason: a test of the allowlist, tolerated on purpose\n"
    )
    write_notebook(
        nb_project,
        "warns",
        """
        # %%
        import warnings

        warnings.warn("use the new API", DeprecationWarning)
    """,
    )
    result = execute(discover(nb_project)[0])
    assert [w["verdict"] for w in result.warnings] == ["allowed"]
    assert result.notebook.metadata["dlcompare"]["warnings"][0]["verdict"] == "allowed"


def test_cache_hit_miss_and_failures_are_never_cached(nb_project: Path) -> None:
    path = write_notebook(
        nb_project,
        "tiny",
        """
        # %%
        print(6 * 7)
    """,
    )
    (notebook,) = discover(nb_project)
    first = executed_notebook(notebook)
    assert first.status == "executed"
    assert first.executed.cells[0].outputs[0]["text"] == "42\n"
    assert NotebookCache(nb_project).path(cache_key(notebook)).exists()

    again = executed_notebook(discover(nb_project)[0])
    assert again.status == "cached" and again.seconds < 2

    path.write_text(path.read_text().replace("6 * 7", "6 * 9"))
    changed = executed_notebook(discover(nb_project)[0])
    assert changed.status == "executed"
    assert changed.executed.cells[0].outputs[0]["text"] == "54\n"

    assert executed_notebook(discover(nb_project)[0], use_cache=False).status == "executed"

    path.write_text("# %%\nraise SystemError('boom')\n")
    broken = discover(nb_project)[0]
    assert executed_notebook(broken).status == "failed"
    assert not NotebookCache(nb_project).path(cache_key(broken)).exists()
    assert executed_notebook(broken).status == "failed"  # retried, not remembered


def test_executed_notebook_carries_provenance(nb_project: Path) -> None:
    write_notebook(nb_project, "meta", "# %%\nimport numpy\nprint('ok')\n")
    nb = executed_notebook(discover(nb_project)[0]).executed
    meta = nb.metadata["dlcompare"]
    assert meta["source"] == "docs/notebooks/meta.nb.py"
    assert meta["device"] == "cpu" and meta["duration_s"] > 0
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["language_info"]["name"] == "python"


def test_preview_never_executes_and_shows_cached_outputs_only_when_current(
    nb_project: Path,
) -> None:
    path = write_notebook(nb_project, "page", "# %% [markdown]\n# # Page\n\n# %%\nprint('hello')\n")
    (notebook,) = discover(nb_project)
    preview = prepare(notebook, "preview")
    assert not preview.executed
    assert preview.path == nb_project / PAGES_DIR / "notebooks" / "page.ipynb"
    assert all(not c.get("outputs") for c in nbformat.read(preview.path, 4).cells)

    built = prepare(notebook, "execute")
    assert built.executed and built.meta["source"] == "docs/notebooks/page.nb.py"
    assert nbformat.read(built.path, 4).cells[1].outputs[0]["text"] == "hello\n"
    assert prepare(discover(nb_project)[0], "preview").executed  # now cached

    path.write_text(path.read_text().replace("hello", "changed"))
    stale = prepare(discover(nb_project)[0], "preview")
    assert not stale.executed  # outputs of an older source are never shown
    assert "hello" not in stale.path.read_text()


def test_execute_mode_raises_on_a_broken_notebook(nb_project: Path) -> None:
    write_notebook(nb_project, "broken", BROKEN)
    with pytest.raises(NotebookFailed, match=r"broken\.nb\.py:6: cell 2: \(called from cell 4\)"):
        prepare(discover(nb_project)[0], "execute")
