"""Execute one notebook top to bottom in a fresh kernel and judge the result.

The whole execution (nbclient and the kernel it talks to) runs as one sandboxed
process through the executor: ``python -m dlcompare.notebooks.execute ROOT NOTEBOOK``
runs :func:`execute_here` inside the sandbox and leaves ``executed.ipynb`` and
``outcome.json`` in its working directory; :func:`execute` reads them back.

The kernel gets the snippet runner's program environment (offline guard, warning
log, fixed hash seed, GPUs hidden, quiet TensorFlow), so a notebook is held to the
same rules as an example program: an exception in any cell fails it, and so does a
Deprecation/FutureWarning that the allowlist does not excuse. A failure comes back
as one readable message that starts with ``file:line`` of the cell in the ``.nb.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets.config import Config

from dlcompare.executor import environment
from dlcompare.executor.execute import ProcessJob, program_env, run
from dlcompare.executor.portable import portable_path
from dlcompare.executor.sandbox import SandboxMode, SandboxUnavailable
from dlcompare.notebooks import KERNEL_NAME
from dlcompare.notebooks.source import NotebookSource, read_notebook, write_notebook
from dlcompare.snippets.warnings_policy import judge, load_allowlist

CELL_TIMEOUT_S = 300
STARTUP_TIMEOUT_S = 180  # importing a kernel on two busy cores can be slow
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_FRAME = re.compile(r"Cell In\[(\d+)\], line (\d+)")
# Where IPython compiles cell code: warnings raised there belong to the notebook itself.
_CELL_FILE = re.compile(r"ipykernel_\d+[/\\]\d+\.py$")
#: Frameworks whose version a notebook page names when the notebook imports them
#: (module name = distribution name for all four).
_FRAMEWORK_IMPORT = re.compile(
    r"^\s*(?:import|from)\s+(torch|tensorflow|keras|jax)\b", re.MULTILINE
)


#: ``make notebooks`` runs several notebooks at once, each from its own thread; the
#: first registration must finish before another thread looks (two threads that both
#: found no kernel both copied it into the venv, and the second copy failed).
_KERNEL_LOCK = threading.Lock()


class NotebookFailed(Exception):
    """A notebook did not run cleanly; ``str()`` is the whole explanation."""


class KernelUnavailable(NotebookFailed):
    pass


@dataclass
class Execution:
    notebook: nbformat.NotebookNode
    duration_s: float
    warnings: list[dict[str, Any]] = field(default_factory=list)


def ensure_kernel() -> None:
    """Make sure the ``dlcompare`` kernel exists and runs this very interpreter.

    It is registered into the project's virtual environment on first use (the same
    as ``python -m ipykernel install --sys-prefix --name dlcompare``), never into the
    user's home. Safe to call from several threads at once.
    """
    with _KERNEL_LOCK:
        _ensure_kernel()


def _ensure_kernel() -> None:
    manager = KernelSpecManager()
    try:
        spec = manager.get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        if sys.prefix == sys.base_prefix:
            raise KernelUnavailable(
                f"Jupyter kernel {KERNEL_NAME!r} is not registered and this Python is not a "
                f"virtual environment; run: {sys.executable} -m ipykernel install --user "
                f"--name {KERNEL_NAME}"
            ) from None
        from ipykernel.kernelspec import install

        install(kernel_name=KERNEL_NAME, display_name="Python (dlcompare)", prefix=sys.prefix)
        print(f"registered Jupyter kernel {KERNEL_NAME!r} in {sys.prefix}", file=sys.stderr)
        return
    kernel_python = spec.argv[0] if spec.argv else ""
    # python and python3 in one venv's bin/ are the same interpreter; a kernel from
    # another environment lives in another bin/ folder. The folders are compared
    # resolved: one venv reached through two symlinked checkouts is one environment.
    if Path(kernel_python).absolute().parent.resolve() != (
        Path(sys.executable).absolute().parent.resolve()
    ):
        raise KernelUnavailable(
            f"Jupyter kernel {KERNEL_NAME!r} ({spec.resource_dir}) runs {kernel_python}, not this "
            f"project's {sys.executable}; remove it (jupyter kernelspec remove {KERNEL_NAME}) and "
            "run again, and it is registered in the project's venv"
        )


def kernel_env(warnings_file: Path) -> dict[str, str]:
    env = program_env(device="cpu")
    env.pop("DLCOMPARE_PROBE_FILE", None)
    env.update(
        DLCOMPARE_WARNINGS_FILE=str(warnings_file),
        # The example programs use Agg; in a kernel the inline backend (Agg that
        # hands each figure to the notebook as a PNG) is what puts plots on the page.
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    return env


#: Files the sandboxed execution leaves for :func:`execute` to read back.
EXECUTED_FILE, OUTCOME_FILE = "executed.ipynb", "outcome.json"


def execute(
    notebook: NotebookSource,
    *,
    cell_timeout_s: int = CELL_TIMEOUT_S,
    sandbox: SandboxMode | None = None,
) -> Execution:
    """Run every cell in order, sandboxed; return the executed notebook or raise NotebookFailed."""
    ensure_kernel()  # outside the sandbox: registering the kernel writes to the venv
    cells = sum(1 for cell in notebook.read().cells if cell.get("cell_type") == "code")
    job = ProcessJob(
        argv=[
            "-m",
            "dlcompare.notebooks.execute",
            str(notebook.root),
            str(notebook.path),
            str(cell_timeout_s),
        ],
        env=dict(os.environ),
        timeout_s=STARTUP_TIMEOUT_S + cell_timeout_s * max(1, cells) + 60,
        sandbox=sandbox,
        collect=(EXECUTED_FILE, OUTCOME_FILE),
        root=notebook.root,
    )
    try:
        result = run(job)
    except SandboxUnavailable as exc:
        raise NotebookFailed(f"{notebook.rel}: {exc}") from None
    try:
        outcome = json.loads(result.files.get(OUTCOME_FILE) or b"{}")
    except json.JSONDecodeError:
        outcome = {}
    if "failed" in outcome:
        raise NotebookFailed(str(outcome["failed"]))
    if not result.ok or "duration_s" not in outcome:
        tail = "\n".join("    " + line for line in result.stderr.strip().splitlines()[-15:])
        raise NotebookFailed(
            f"{notebook.rel}: the sandboxed notebook run {result.message}"
            + (f"\nits last lines of stderr:\n{tail}" if tail else "")
        )
    executed = read_notebook(result.files[EXECUTED_FILE].decode("utf-8"))
    executed.metadata.setdefault("dlcompare", {})["sandbox"] = result.sandbox
    return Execution(
        notebook=executed, duration_s=float(outcome["duration_s"]), warnings=outcome["warnings"]
    )


def execute_here(notebook: NotebookSource, *, cell_timeout_s: int = CELL_TIMEOUT_S) -> Execution:
    """Run every cell in this process's own kernel (inside the sandbox)."""
    ensure_kernel()
    nb = notebook.read()
    with tempfile.TemporaryDirectory(prefix="dlcompare-nb-") as scratch:
        warnings_file = Path(scratch) / "warnings.jsonl"
        workdir = Path(scratch) / "work"  # files a notebook writes stay out of the project
        workdir.mkdir()
        tracker = _WarningTracker(warnings_file)
        # IPC sockets in the scratch folder: no TCP ports, nothing reachable from outside.
        # (nbclient creates the kernel manager from this config, so it also shuts it down.)
        ipc = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(scratch) / "kernel")}})
        client = NotebookClient(
            nb,
            config=ipc,
            kernel_name=KERNEL_NAME,
            timeout=cell_timeout_s,
            startup_timeout=STARTUP_TIMEOUT_S,
            allow_errors=False,
            record_timing=False,
            coalesce_streams=True,  # one output block per cell, not one per print
            resources={"metadata": {"path": str(workdir)}},
            # Only Python-level output (print, warnings, plots) goes into the notebook;
            # what native libraries write straight to the file descriptors (TensorFlow's
            # start-up log lines, for one) goes to the kernel log, quoted on failure.
            extra_arguments=["--IPKernelApp.capture_fd_output=False"],
            on_cell_start=tracker.start,
            on_cell_executed=tracker.complete,
        )
        kernel_log = Path(scratch) / "kernel.log"
        started = time.monotonic()
        with kernel_log.open("wb") as log:
            try:
                client.execute(env=kernel_env(warnings_file), stdout=log, stderr=log)
            except CellExecutionError:
                raise NotebookFailed(_explain_error(notebook, nb, tracker.current)) from None
            except CellTimeoutError:
                raise NotebookFailed(
                    _where(notebook, tracker.current, None)
                    + f"did not finish within {cell_timeout_s} s"
                    + _log_tail(kernel_log)
                ) from None
            except DeadKernelError as exc:
                raise NotebookFailed(
                    _where(notebook, tracker.current, None)
                    + f"the kernel died ({exc}): out of memory, or a crash in native code"
                    + _log_tail(kernel_log)
                ) from None
            except RuntimeError as exc:  # the kernel did not start, and the like
                raise NotebookFailed(
                    f"{notebook.rel}: the {KERNEL_NAME!r} kernel could not run it: {exc}"
                    + _log_tail(kernel_log)
                ) from None
        duration = time.monotonic() - started
        tracker.complete(cell_index=None)
    warnings = _judge_warnings(notebook, nb, tracker.by_cell)
    blocking = [w for w in warnings if w["verdict"] == "blocking"]
    if blocking:
        raise NotebookFailed(_explain_warnings(notebook, blocking))
    _stamp(notebook, nb, duration, warnings)
    return Execution(notebook=nb, duration_s=duration, warnings=warnings)


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    if not text:
        return ""
    return "\nkernel log (last lines):\n" + "\n".join(
        "    " + line for line in text.splitlines()[-lines:]
    )


class _WarningTracker:
    """Attributes each warning the kernel logs to the cell that was running."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.current: int | None = None
        self.by_cell: list[tuple[int | None, dict[str, Any]]] = []

    def _collect(self, cell_index: int | None) -> None:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as handle:
            handle.seek(self.offset)
            chunk = handle.read()
        complete, _, _ = chunk.rpartition("\n")
        if not complete:
            return
        self.offset += len((complete + "\n").encode("utf-8"))
        for line in complete.splitlines():
            try:
                self.by_cell.append((cell_index, json.loads(line)))
            except json.JSONDecodeError:
                continue

    def start(self, cell_index: int, **_: object) -> None:
        self._collect(None)  # anything logged between cells: kernel start-up
        self.current = cell_index

    def complete(self, cell_index: int | None, **_: object) -> None:
        self._collect(cell_index)


def _judge_warnings(
    notebook: NotebookSource,
    nb: nbformat.NotebookNode,
    by_cell: list[tuple[int | None, dict[str, Any]]],
) -> list[dict[str, Any]]:
    """Apply the snippet runner's policy: the notebook's own cells count as its lines."""
    rows = []
    for cell_index, warning in by_cell:
        filename = str(warning.get("filename", ""))
        if _CELL_FILE.search(filename) and cell_index is not None:
            filename = notebook.rel
        rows.append(
            {**warning, "filename": portable_path(notebook.root, filename), "cell": cell_index}
        )
    verdict = judge(
        [{k: v for k, v in w.items() if k != "cell"} for w in rows],
        notebook.rel,
        load_allowlist(notebook.root),
    )
    cells = {(w["category"], w["message"], w["filename"], w.get("lineno")): w["cell"] for w in rows}
    return [
        {**w, "cell": cells.get((w["category"], w["message"], w["filename"], w.get("lineno")))}
        for w in verdict.annotated()
    ]


def _where(notebook: NotebookSource, cell_index: int | None, line_in_cell: int | None) -> str:
    """``docs/notebooks/x.nb.py:42: cell 7: `` (cells counted from 1, as in the file)."""
    if cell_index is None:
        return f"{notebook.rel}: "
    line = 1
    markers = notebook.cell_lines
    if markers is not None and cell_index < len(markers):
        line = markers[cell_index] + (line_in_cell or 0)
    return f"{notebook.rel}:{line}: cell {cell_index + 1}: "


def _explain_error(
    notebook: NotebookSource, nb: nbformat.NotebookNode, cell_index: int | None
) -> str:
    cell = nb.cells[cell_index] if cell_index is not None else None
    error: dict[str, Any] = next(
        (o for o in (cell.get("outputs", []) if cell else []) if o.get("output_type") == "error"),
        {},
    )
    ename, evalue = error.get("ename", "Error"), error.get("evalue", "")
    traceback = _ANSI.sub("", "\n".join(error.get("traceback", [])))
    # The innermost frame that is notebook code gives the most useful line; it may
    # sit in an earlier cell that defined the function the failing cell called.
    # The kernel numbers executions 1, 2, ... in the order nbclient sends the
    # non-empty code cells (the failing cell never gets its number stored).
    runnable = [
        i
        for i, c in enumerate(nb.cells)
        if c.get("cell_type") == "code" and c.get("source", "").strip()
    ]
    by_count = dict(enumerate(runnable, 1))
    frames = [(by_count.get(int(n)), int(k)) for n, k in _CELL_FRAME.findall(traceback)]
    frames = [(i, k) for i, k in frames if i is not None]
    where_index, line_in_cell = frames[-1] if frames else (cell_index, None)
    head = _where(notebook, where_index, line_in_cell)
    if where_index != cell_index and cell_index is not None:
        head += f"(called from cell {cell_index + 1}) "
    lines = [f"{head}{ename}: {evalue}".rstrip()]
    context = _context(notebook, where_index, line_in_cell)
    if context:
        lines.append(context)
    tail = [line for line in traceback.strip().splitlines() if line.strip("- ")][-25:]
    if tail:
        lines.append("traceback (last lines):")
        lines.extend("    " + line for line in tail)
    return "\n".join(lines)


def _context(notebook: NotebookSource, cell_index: int | None, line_in_cell: int | None) -> str:
    markers = notebook.cell_lines
    if cell_index is None or line_in_cell is None or markers is None:
        return ""
    target = markers[cell_index] + line_in_cell
    text = notebook.text.splitlines()
    shown = range(max(target - 2, markers[cell_index] + 1), min(target + 1, len(text)) + 1)
    return "\n".join(f"  {'>' if n == target else ' '} {n:4d} | {text[n - 1]}" for n in shown)


def _explain_warnings(notebook: NotebookSource, blocking: list[dict[str, Any]]) -> str:
    lines = [
        f"{notebook.rel}: {len(blocking)} warning(s) that fail a notebook like an example program "
        "(fix the code, or add an entry with a reason to snippets/warnings-allowlist.yaml):"
    ]
    for warning in blocking:
        own = warning["filename"] == notebook.rel  # raised by a cell: lineno is the cell's line
        where = _where(notebook, warning.get("cell"), warning.get("lineno") if own else None)
        origin = "" if own else f" (raised at {warning['filename']}:{warning.get('lineno', 0)})"
        lines.append(f"  {where}{warning['category']}: {warning['message']}{origin}")
    return "\n".join(lines)


def _stamp(
    notebook: NotebookSource,
    nb: nbformat.NotebookNode,
    duration: float,
    warnings: list[dict[str, Any]],
) -> None:
    """Provenance for the page and for whoever downloads the notebook."""
    env = environment.current()
    imported = sorted(set(_FRAMEWORK_IMPORT.findall(notebook.text)))
    nb.metadata["dlcompare"] = {
        "source": notebook.rel,
        "source_sha256": notebook.sha256,
        "executed": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "duration_s": round(duration, 1),
        "device": "cpu",
        "python": env.python,
        "environment": env.fingerprint(),
        "packages": {name: env.packages[name] for name in imported if name in env.packages},
        "warnings": [
            {k: w[k] for k in ("category", "message", "filename", "verdict")} for w in warnings
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Sandbox side: ``ROOT NOTEBOOK [CELL_TIMEOUT]``; results go to the working directory."""
    args = sys.argv[1:] if argv is None else argv
    root, path = Path(args[0]), Path(args[1])
    cell_timeout_s = int(args[2]) if len(args) > 2 else CELL_TIMEOUT_S
    notebook = NotebookSource(root=root, path=path)
    try:
        result = execute_here(notebook, cell_timeout_s=cell_timeout_s)
    except NotebookFailed as exc:
        outcome: dict[str, object] = {"failed": str(exc)}
    else:
        Path(EXECUTED_FILE).write_text(write_notebook(result.notebook), encoding="utf-8")
        outcome = {"duration_s": result.duration_s, "warnings": result.warnings}
    Path(OUTCOME_FILE).write_text(json.dumps(outcome), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
