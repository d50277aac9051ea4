"""Under an example page's title: when it was last verified, with what, and on which devices.

"Last verified 2026-11-25 with torch 2.13.0, TensorFlow 2.21.0, Keras 3.15.1 (JAX
0.10.2)" is computed from the task's run records (the newest passing, current run;
versions of the run of each framework), and links to the run details. Where the task
has no GPU record the page says so plainly, and names the lines of its programs that
only a GPU would execute (float16 with GradScaler, NCCL …): the CPU runs prove
everything else, but not those paths.

The hook calls :func:`add_verified` for every page; only pages with an
``<!-- example: task -->`` marker change, so no page has to remember a marker.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from dlcompare.markers import iter_markers
from dlcompare.render.context import RenderContext
from dlcompare.render.examples import TabData, gather, run_details_page
from dlcompare.render.text import md_code, md_text, relative_link

#: Code that runs only on a GPU, recognised in the syntax tree (never in comments or
#: docstrings): names used, string constants, keyword arguments -> what it is.
GPU_ONLY_NAMES = {
    "GradScaler": "float16 with loss scaling (torch.amp.GradScaler)",
    "LossScaleOptimizer": "loss scaling (LossScaleOptimizer)",
}
GPU_ONLY_STRINGS = {
    "mixed_float16": "the mixed_float16 policy",
    "nccl": "the NCCL collective backend",
}
GPU_ONLY_KEYWORDS = {"pin_memory": "pinned host memory for GPU copies"}


@dataclass(frozen=True)
class GpuPath:
    program: str  # file name, e.g. pytorch.py
    line: int
    what: str


def _gpu_hits(source: str) -> list[tuple[int, str]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    hits = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Attribute):
            what = GPU_ONLY_NAMES.get(node.attr)
        elif isinstance(node, ast.Name):
            what = GPU_ONLY_NAMES.get(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            what = GPU_ONLY_STRINGS.get(node.value)
        elif isinstance(node, ast.keyword) and node.arg:
            what = GPU_ONLY_KEYWORDS.get(node.arg)
        if what and hasattr(node, "lineno"):
            hits.append((node.lineno, what))
    return sorted(hits)


def gpu_only_paths(tabs: list[TabData]) -> list[GpuPath]:
    """Code of the task's programs that a CPU run never executes: first use of each kind."""
    found: list[GpuPath] = []
    for tab in tabs:
        seen: set[str] = set()
        for line, what in _gpu_hits(tab.source):
            if what not in seen:
                seen.add(what)
                found.append(GpuPath(tab.program.path.name, line, what))
    return found


def _versions(tabs: list[TabData]) -> str:
    """``torch 2.13.0, TensorFlow 2.21.0, Keras 3.15.1 (JAX 0.10.2)`` from each tab's runs."""
    parts = []
    for tab in tabs:
        record = next(iter(r for (d, _), r in sorted(tab.records.items(), key=str)), None)
        if record is None:
            continue
        framework = tab.program.framework
        if framework == "pytorch":
            parts.append(f"torch {record.packages.get('torch', '?')}")
        elif framework == "tensorflow":
            parts.append(f"TensorFlow {record.packages.get('tensorflow', '?')}")
        elif framework == "keras":
            jax = next(
                (r.packages.get("jax") for (_, b), r in tab.records.items() if b == "jax"), None
            )
            extra = f" (JAX {jax})" if jax else ""
            parts.append(f"Keras {record.packages.get('keras', '?')}{extra}")
    return ", ".join(parts)


def verified_block(tabs: list[TabData], details: str) -> str:
    """The "Last verified" line, and the GPU note where no GPU run exists. Pure."""
    current = [
        r
        for t in tabs
        for r in t.records.values()
        if r.passed and r.source_sha256 == t.current_sha256
    ]
    if current:
        day = max(r.day for r in current)
        line = (
            f'<p class="dlc-verified" markdown>Last verified {md_text(day)} with '
            f"{md_text(_versions(tabs))} · [run details]({details})</p>\n"
        )
    else:
        line = (
            f'<p class="dlc-verified" markdown>No current passing run of these programs yet · '
            f"[run details]({details})</p>\n"
        )
    if any(d == "cuda" for t in tabs for d, _ in t.records):
        return line + "\n"
    paths = gpu_only_paths(tabs)
    body = (
        "Every output on this page comes from a CPU run. The programs pick a GPU when "
        "one is present, but no run of them on a GPU has been recorded yet, so their "
        "GPU behaviour is unverified."
    )
    if paths:
        listed = "; ".join(f"{md_text(p.what)} ({md_code(p.program)} line {p.line})" for p in paths)
        body += f" In particular these GPU-only paths have never run: {listed}."
    return line + f'\n!!! warning "Not yet run on a GPU"\n\n    {body}\n\n'


def _after_title(markdown: str, block: str) -> str:
    match = re.search(r"^# .*$", markdown, flags=re.MULTILINE)
    if match is None:
        return block + "\n" + markdown
    return markdown[: match.end()] + "\n\n" + block + markdown[match.end() :]


def add_verified(markdown: str, ctx: RenderContext) -> str:
    """Insert the block under the title of a page that shows one task's example."""
    if not ctx.page.startswith("examples/"):
        return markdown  # lessons elsewhere quote excerpts; the example page carries the claim
    tasks = [m.args[0] for m in iter_markers(markdown) if m.name == "example" and m.args]
    if len(set(tasks)) != 1:
        return markdown  # not an example page (or a page mixing tasks: no single claim)
    task = tasks[0]
    tabs = gather(ctx, task)
    details = relative_link(ctx.page, run_details_page(task))
    return _after_title(markdown, verified_block(tabs, details))
