"""The "Run it" box under a program, and which lines of the program a page shows.

A reader who copies an example should be one paste away from running it: the box
gives the pinned ``pip install`` line for what *this* program imports (computed by
``dlcompare.snippets.requirements``), the command (with ``KERAS_BACKEND`` for each
Keras backend the program supports), a download of the exact file the test suite ran
and its place in the repository.

The code shown on the page is the lesson, so the runner's header comments
(``# dlcompare: …``, ``# dlcompare-matrix: …``) are cut out of it with a
pymdownx.snippets line range; the downloaded file keeps them (they are harmless
comments to Python, and it must be byte-identical to what ran).
"""

from __future__ import annotations

from dataclasses import dataclass

from dlcompare.render.text import md_code, md_text, md_title
from dlcompare.snippets.discover import directive_lines
from dlcompare.snippets.requirements import TORCH_CPU_INDEX, RunRecipe
from dlcompare.vocabulary import BACKEND_LABELS


def shown_ranges(text: str) -> str | None:
    """``1:1,4:`` (pymdownx.snippets line ranges) skipping directives; None if there are none.

    Blank lines left at the top once the directives are gone are skipped too, so the
    shown code starts with the docstring or the first import.
    """
    hidden = set(directive_lines(text))
    if not hidden:
        return None
    lines = text.splitlines()
    kept = [n for n in range(1, len(lines) + 1) if n not in hidden]
    while kept and not lines[kept[0] - 1].strip():
        kept.pop(0)
    if not kept:
        return None
    spans: list[list[int]] = []
    for n in kept:
        if spans and spans[-1][1] == n - 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    last = len(lines)
    return ",".join(f"{a}:" if b == last else f"{a}:{b}" for a, b in spans)


def include_target(path: str, text: str, section: str | None = None) -> str:
    """What follows ``--8<--``: the file, a section of it, or its lines minus directives."""
    if section:
        return f"{path}:{section}"
    ranges = shown_ranges(text)
    return f"{path}:{ranges}" if ranges else path


@dataclass(frozen=True)
class RunLinks:
    """Where the program can be fetched: the site's copy and the repository's."""

    download: str  # page-relative link to the raw file in the built site (a .py File)
    repository: str | None  # its blob URL, when the repository is known
    repository_host: str = "the repository"


def _shell(lines: list[str]) -> str:
    body = "\n".join(lines)
    return f"```shell\n{body}\n```\n"


def _extras(recipes: list[RunRecipe]) -> list[str]:
    """Reasons for what the line installs beyond the program's imports (once each)."""
    seen: dict[str, str] = {}
    for recipe in recipes:
        for req in recipe.requirements:
            if req.kind in ("use", "companion"):
                seen.setdefault(req.distribution, req.why)
    return [f"{md_code(dist)}: {md_text(why)}" for dist, why in seen.items()]


def run_it_box(recipes: list[RunRecipe], links: RunLinks, python: str) -> str:
    """An open, foldable admonition: fetch, install, run (one block per Keras backend)."""
    name = recipes[0].program
    fetch = f"[Download {md_text(name)}]({links.download}){{ download }}"
    if links.repository:
        fetch += f" · [see it in {md_text(links.repository_host)}]({links.repository})"
    parts = [f"{fetch}. Then, in a fresh virtual environment with Python {md_text(python)}:"]
    for recipe in recipes:
        if recipe.backend:
            label = BACKEND_LABELS.get(recipe.backend, recipe.backend)  # type: ignore[call-overload]
            parts.append(f"With the {md_text(label)} backend:")
        parts.append(_shell([recipe.install_line, recipe.run_command]))
    notes = _extras(recipes)
    if notes:
        parts.append("Besides its imports, the line installs " + "; ".join(notes) + ".")
    if any("torch" in r.distributions for r in recipes):
        parts.append(
            "On Linux, PyPI's torch is the CUDA build (several GB); for the CPU-only wheel "
            f"add {md_code('--extra-index-url ' + TORCH_CPU_INDEX)}."
        )
    body = "\n\n".join(parts)
    indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
    return f'???+ example "{md_title("Run it")}"\n\n{indented}\n'
