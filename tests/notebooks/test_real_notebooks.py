"""Every notebook of the site executes cleanly (from the cache when unchanged).

``make notebooks`` runs before pytest in ``make test``, so here the notebooks are
normally cache hits; on a cold cache this executes them (about a minute each).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.notebooks.source import discover
from dlcompare.notebooks.suite import executed_notebook

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("notebook", discover(ROOT), ids=lambda nb: nb.name)
def test_notebook_executes_with_plots_and_clean_output(notebook) -> None:
    outcome = executed_notebook(notebook)
    assert outcome.status in ("executed", "cached"), outcome.message
    outputs = [
        o for cell in outcome.executed.cells if cell.cell_type == "code" for o in cell.outputs
    ]
    assert not [o for o in outputs if o["output_type"] == "error"]
    plots = [o for o in outputs if "image/png" in o.get("data", {})]
    assert plots, f"{notebook.rel}: a walkthrough should show at least one plot"
    noise = [o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert not noise, f"{notebook.rel}: stderr output on the page: {noise}"
