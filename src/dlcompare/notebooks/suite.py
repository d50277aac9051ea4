"""Run the notebooks (``make notebooks``), reusing the cache for unchanged ones."""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
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
    notebooks: list[NotebookSource],
    *,
    use_cache: bool = True,
    out: TextIO | None = None,
    jobs: int = 0,
) -> int:
    """Execute each notebook (or reuse it); print one line each and every failure in full.

    Notebooks run ``jobs`` at a time (0: one per core). Each is its own sandboxed
    process with its own kernel, so they share nothing; a kernel keeps one core busy,
    and one at a time left the second core of a CI machine idle for minutes.
    """
    out = out or sys.stdout
    workers = max(1, min(jobs or os.cpu_count() or 1, len(notebooks) or 1))
    print(f"  {len(notebooks)} notebook(s), {workers} at a time", file=out, flush=True)
    outcomes = []
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(executed_notebook, nb, use_cache=use_cache) for nb in notebooks]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            print(
                f"  {outcome.notebook.rel} {outcome.status} ({outcome.seconds:.1f} s)",
                file=out,
                flush=True,
            )
    outcomes.sort(key=lambda o: notebooks.index(o.notebook))
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
        f"{counts['failed']} failed ({total:.1f} s of notebook time, "
        f"{time.monotonic() - started:.1f} s wall)",
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
