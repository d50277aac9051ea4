"""``make notebooks``: notebooks run side by side, reported in a stable order."""

from __future__ import annotations

import io
import threading
import time
from types import SimpleNamespace

import pytest

from dlcompare.notebooks import suite


def test_notebooks_run_side_by_side_and_failures_are_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    running, peak, lock = [0], [0], threading.Lock()

    def fake(notebook, *, use_cache: bool = True):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        status = "failed" if notebook.rel == "b.nb.py" else "executed"
        return suite.Outcome(notebook, status, 0.2, message=f"{notebook.rel}:3: boom")

    monkeypatch.setattr(suite, "executed_notebook", fake)
    notebooks = [SimpleNamespace(rel=name) for name in ("a.nb.py", "b.nb.py", "c.nb.py")]
    out = io.StringIO()
    code = suite.run_notebooks(notebooks, out=out, jobs=2)  # type: ignore[arg-type]
    text = out.getvalue()
    assert code == 1 and peak[0] == 2
    assert "3 notebook(s), 2 at a time" in text
    assert "FAILED b.nb.py:3: boom" in text
    assert "notebooks: 2 executed, 0 from cache, 1 failed" in text
