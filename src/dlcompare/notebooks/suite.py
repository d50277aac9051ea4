"""Run the notebooks (``make notebooks``), reusing the cache for unchanged ones."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import nbformat

from dlcompare.notebooks.cache import NotebookCache, cache_key
from dlcompare.notebooks.execute import NotebookFailed, execute
from dlcompare.notebooks.source import NotebookSource


@dataclass
class Outcome:
    notebook: NotebookSource
    status: str  # "cached" | "executed" | "failed"
    seconds: float
    message: str = ""
    executed: nbformat.NotebookNode | None = None


def executed_notebook(notebook: NotebookSource, *, use_cache: bool = True) -> Outcome:
    """The executed notebook from the cache, or by running it now (then cached)."""
    cache = NotebookCache(notebook.root)
    key = cache_key(notebook)
    started = time.monotonic()
    if use_cache:
        hit = cache.get(key)
        if hit is not None:
            return Outcome(notebook, "cached", time.monotonic() - started, executed=hit)
    try:
        result = execute(notebook)
    except NotebookFailed as exc:
        return Outcome(notebook, "failed", time.monotonic() - started, message=str(exc))
    cache.put(key, result.notebook)
    return Outcome(notebook, "executed", time.monotonic() - started, executed=result.notebook)


def run_notebooks(
    notebooks: list[NotebookSource], *, use_cache: bool = True, out: TextIO | None = None
) -> int:
    """Execute each notebook (or reuse it); print one line each and every failure in full."""
    out = out or sys.stdout
    outcomes = []
    for notebook in notebooks:
        print(f"  {notebook.rel} ...", end="", file=out, flush=True)
        outcome = executed_notebook(notebook, use_cache=use_cache)
        outcomes.append(outcome)
        print(f" {outcome.status} ({outcome.seconds:.1f} s)", file=out, flush=True)
    failed = [o for o in outcomes if o.status == "failed"]
    for outcome in failed:
        print(f"\nFAILED {outcome.message}", file=out)
    counts = {
        status: sum(o.status == status for o in outcomes)
        for status in ("executed", "cached", "failed")
    }
    total = sum(o.seconds for o in outcomes)
    print(
        f"\nnotebooks: {counts['executed']} executed, {counts['cached']} from cache, "
        f"{counts['failed']} failed ({total:.1f} s)",
        file=out,
    )
    return 1 if failed else 0


def main_run(root: Path, names: list[str] | None, *, use_cache: bool = True) -> int:
    from dlcompare.notebooks.source import NotebookNotFound, discover

    try:
        notebooks = discover(root, names)
    except NotebookNotFound as exc:
        print(exc, file=sys.stderr)
        return 2
    problems = [p for nb in notebooks for p in nb.format_problems()]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if not notebooks:
        print("no notebooks found in docs/notebooks/", file=sys.stderr)
        return 0
    return run_notebooks(notebooks, use_cache=use_cache)
