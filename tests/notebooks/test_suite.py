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


def test_kernel_is_registered_once_when_notebooks_start_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CI failed on this: two notebook threads both found no kernel and both copied it."""
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import NoSuchKernel

    from dlcompare.notebooks import execute

    installed: list[str] = []

    class Manager:
        def get_kernel_spec(self, name: str) -> SimpleNamespace:
            if not installed:
                raise NoSuchKernel(name)
            return SimpleNamespace(argv=[execute.sys.executable], resource_dir="kernels/x")

    def install(*, kernel_name: str, display_name: str, prefix: str) -> None:
        time.sleep(0.1)  # the copy takes a while; a second thread arrives meanwhile
        if installed:
            raise FileExistsError(f"{prefix}/share/jupyter/kernels/{kernel_name}")
        installed.append(kernel_name)

    monkeypatch.setattr(execute, "KernelSpecManager", Manager)
    monkeypatch.setattr(ipykernel.kernelspec, "install", install)
    monkeypatch.setattr(execute.sys, "base_prefix", "/not-this-venv")
    errors: list[BaseException] = []

    def call() -> None:
        try:
            execute.ensure_kernel()
        except BaseException as exc:  # the test reports whatever a thread raised
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and installed == ["dlcompare"]
