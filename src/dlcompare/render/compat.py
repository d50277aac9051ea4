"""The release matrix on the site: strips per example, the Compatibility and Deprecations pages.

Pure functions ``data -> HTML string`` (every string from data goes through
:func:`html.escape`), plus thin marker adapters at the end that load the committed
reports once per build:

* ``<!-- compat: cnn -->``: one strip per framework (and Keras backend) for the
  task: a cell per measured release (✓ runs, ⚠ runs with deprecation warnings,
  ✗ fails with the error in the cell's title *and* in the text below, — not run),
  the inferred range ("runs on torch 2.12–2.15") and a link to the full table;
* ``<!-- compat-table -->``: tasks × releases, one section per framework/backend;
* ``<!-- compat-deprecations -->``: every Deprecation/FutureWarning the matrix saw;
* ``<!-- compat-agreement -->``: typed fact ranges against the runs, with the counts.

"Not run" is never shown as a failure: it has its own glyph, word and class.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from html import escape
from typing import Any

from packaging.version import Version

from dlcompare.matrix.agreement import VERDICTS, Agreement, counts
from dlcompare.matrix.infer import Observation, Range, short
from dlcompare.matrix.reports import CELL_GLYPHS, CELL_WORDS

#: Section order and labels: (framework, backend) -> what readers see.
SECTIONS: tuple[tuple[str, str | None, str], ...] = (
    ("torch", None, "PyTorch"),
    ("tensorflow", None, "TensorFlow"),
    ("keras", "tensorflow", "Keras · TensorFlow backend"),
    ("keras", "torch", "Keras · PyTorch backend"),
    ("keras", "jax", "Keras · JAX backend"),
    ("jax", "jax", "JAX (Keras on the JAX backend)"),
    ("keras", None, "Keras fact checks"),
)
PAGE = "compatibility.md"


def _task(program: str) -> str:
    parts = program.split("/")
    return parts[1] if len(parts) > 2 and parts[1] != "facts" else program.rsplit("/", 1)[-1]


def _cell_html(framework: str, obs: Observation) -> str:
    release = f"{framework} {short(obs.version)}"
    word = CELL_WORDS[obs.status]
    detail = ""
    if obs.status == "fail":
        detail = f": {obs.error}: {obs.message}" if obs.message else f": {obs.error}"
    elif obs.status == "warn" and obs.warnings:
        detail = f": {obs.warnings[0]}"
    elif obs.status == "not-run" and obs.message:
        detail = f": {obs.message}"
    stale = " (not re-verified since the program changed)" if obs.stale else ""
    title = f"{release} ({obs.version}): {word}{detail}{stale}"
    mark = "*" if obs.stale else ""
    return (
        f'<span class="compat-cell compat-{obs.status}" title="{escape(title)}">'
        f"{CELL_GLYPHS[obs.status]} {escape(short(obs.version))}{mark}</span>"
    )


def strip_html(label: str, framework: str, cell: Range, link: str = "") -> str:
    """One strip: label, a cell per release, the range, and failures spelled out."""
    cells = " ".join(_cell_html(framework, o) for o in cell.observations)
    text = escape(cell.text(framework))
    notes = []
    for obs in cell.observations:
        if obs.status == "fail":
            notes.append(
                f"<li>✗ {escape(framework)} {escape(obs.version)}: "
                f"<code>{escape(obs.error)}</code> {escape(obs.message)}</li>"
            )
    stale = cell.stale
    if stale:
        notes.append(
            "<li>* not re-verified since the program changed: "
            f"{escape(', '.join(stale))} (run <code>make matrix</code>)</li>"
        )
    more = f' · <a href="{escape(link)}">all releases</a>' if link else ""
    listing = f'<ul class="compat-notes">{"".join(notes)}</ul>' if notes else ""
    return (
        f'<div class="compat-strip"><span class="compat-label">{escape(label)}</span> '
        f'{cells} <span class="compat-range">{text}{more}</span>{listing}</div>'
    )


def _by_key(all_ranges: Iterable[Range]) -> dict[tuple[str, str | None], list[Range]]:
    grouped: dict[tuple[str, str | None], list[Range]] = defaultdict(list)
    for cell in all_ranges:
        grouped[(cell.framework, cell.backend)].append(cell)
    return grouped


def render_strips(task: str, all_ranges: list[Range], link: str = "") -> str:
    """The strips of one example task (its example programs, never its fact checks)."""
    grouped = _by_key(all_ranges)
    rows = []
    for framework, backend, label in SECTIONS:
        for cell in grouped.get((framework, backend), []):
            if cell.program.startswith("snippets/facts/") or _task(cell.program) != task:
                continue
            rows.append(strip_html(label, framework, cell, link))
    if not rows:
        return '<p class="compat-none">Not yet measured across releases.</p>'
    return '<div class="compat-strips">\n' + "\n".join(rows) + "\n</div>"


def render_table(all_ranges: list[Range]) -> str:
    """Tasks × releases, one section per framework (and Keras backend)."""
    grouped = _by_key(all_ranges)
    parts = []
    index = []
    for framework, backend, label in SECTIONS:
        cells = grouped.get((framework, backend), [])
        if not cells:
            continue
        index.append(
            f'<a href="#compat-{escape(framework)}-{escape(backend or "none")}">{escape(label)}</a>'
        )
        versions = sorted({o.version for c in cells for o in c.observations}, key=Version)
        anchor = f"compat-{framework}-{backend or 'none'}"
        head = "".join(f'<th scope="col">{escape(short(v))}</th>' for v in versions)
        body = []
        for cell in sorted(cells, key=lambda c: c.program):
            seen = {o.version: o for o in cell.observations}
            tds = "".join(
                f"<td>{_cell_html(framework, seen[v])}</td>" if v in seen else "<td></td>"
                for v in versions
            )
            name = escape(_task(cell.program))
            body.append(
                f'<tr><th scope="row" title="{escape(cell.program)}">{name}</th>{tds}'
                f"<td>{escape(cell.text(framework))}</td></tr>"
            )
        parts.append(
            f'<section class="compat-section" id="{anchor}" data-framework="{escape(framework)}" '
            f'data-backend="{escape(backend or "")}">\n<h2>{escape(label)}</h2>\n'
            f'<div class="compat-scroll"><table class="compat-table">'
            f"<caption>{escape(label)}: each program on each release</caption>"
            f'<thead><tr><th scope="col">program</th>{head}<th scope="col">range</th></tr>'
            f"</thead><tbody>{''.join(body)}</tbody></table></div>\n</section>"
        )
    if not parts:
        return '<p class="compat-none">No compat reports yet: run <code>make matrix</code>.</p>'
    legend = (
        '<p class="compat-legend">✓ runs · ⚠ runs, with deprecation warnings · '
        "✗ fails (the error is in the cell's title and the range column) · — not run "
        "(could not be installed, or the program does not apply; never a failure) · "
        "* not re-verified since the program changed</p>"
    )
    jump = '<p class="compat-index">Jump to: ' + " · ".join(index) + "</p>"
    return legend + "\n" + jump + "\n" + "\n".join(parts)


_VERDICT_WORDS = {
    "confirmed": "confirmed by the runs",
    "consistent": "consistent (every measured release is on one side)",
    "contradicted": "contradicted",
    "overridden": "contradicted, kept with a cited reason",
    "not-measured": "not measured (the check never ran on that framework's releases)",
}


def render_agreement(found: list[Agreement]) -> str:
    """How many typed fact ranges the runs confirm or contradict, and each one."""
    if not found:
        return '<p class="compat-none">No fact with a check types a since or until.</p>'
    tally = counts(found)
    summary = ", ".join(
        f"{tally[v]} {_VERDICT_WORDS[v].split(' (')[0]}" for v in VERDICTS if tally[v]
    )
    rows = []
    for item in found:
        typed = item.typed
        rows.append(
            f"<tr><td>{escape(typed.fact)}</td><td>{escape(typed.column)}</td>"
            f"<td><code>{escape(typed.key)}: {escape(typed.version)}</code></td>"
            f"<td>{escape(_VERDICT_WORDS[item.verdict])}</td>"
            f"<td>{escape(item.detail or '—')}</td></tr>"
        )
    return (
        f'<p class="compat-agreement-summary">Of {len(found)} typed ranges on facts with '
        f"an executable check: {escape(summary)}.</p>\n"
        '<div class="compat-scroll"><table class="compat-table compat-agreement">'
        "<caption>Typed fact ranges against the release matrix</caption>"
        '<thead><tr><th scope="col">fact</th><th scope="col">framework</th>'
        '<th scope="col">typed</th><th scope="col">verdict</th>'
        '<th scope="col">measured releases</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_deprecations(all_ranges: list[Range]) -> str:
    """Every Deprecation/FutureWarning seen: one row per framework and warning.

    The same warning usually fires in many programs (Keras' on every example of a
    backend); one row per warning, listing the programs and the releases that warn,
    reads as "what is going away" rather than as a log, and keeps the page small.
    """
    seen: dict[tuple[str, str], tuple[dict[str, None], dict[str, None]]] = {}
    for cell in sorted(all_ranges, key=lambda c: (c.framework, c.backend or "", c.program)):
        where = f"{cell.framework}" + (f" · {cell.backend} backend" if cell.backend else "")
        for obs in cell.observations:
            for message in obs.warnings:
                programs, lines = seen.setdefault((where, message), ({}, {}))
                programs[_task(cell.program) + _program_kind(cell.program)] = None
                lines[short(obs.version)] = None
    if not seen:
        return '<p class="compat-none">The matrix saw no deprecation warnings.</p>'
    rows = []
    for (where, message), (programs, lines) in sorted(seen.items()):
        ordered = sorted(lines, key=Version)
        rows.append(
            f"<tr><td>{escape(where)}</td><td>{escape(message)}</td>"
            f"<td>{escape(', '.join(ordered))}</td>"
            f"<td>{escape(', '.join(programs))}</td></tr>"
        )
    return (
        '<div class="compat-scroll"><table class="compat-table compat-deprecations">'
        "<caption>Deprecation warnings seen by the release matrix</caption>"
        '<thead><tr><th scope="col">framework</th><th scope="col">warning</th>'
        '<th scope="col">releases that warn</th><th scope="col">programs</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _program_kind(program: str) -> str:
    """`` (fact check)`` for the fact checks; examples are named by their task."""
    return " (fact check)" if program.startswith("snippets/facts/") else ""


# ---------------------------------------------------------------- marker adapters


def _ranges(ctx: Any) -> list[Range]:
    """The build's ranges, inferred once per build (``RenderContext.data``)."""
    result: list[Range] = ctx.data.compat_ranges
    return result


def page_link(page: str) -> str:
    """Relative URL of the Compatibility page from ``page`` (directory URLs)."""
    depth = page.count("/") + (0 if page.rsplit("/", 1)[-1] == "index.md" else 1)
    return "../" * depth + PAGE.removesuffix(".md") + "/"


def _link(ctx: Any) -> str:
    return page_link(str(getattr(ctx, "page", "") or "index.md"))


def render_compat_marker(ctx: Any, task: str) -> str:
    return render_strips(task, _ranges(ctx), _link(ctx))


def render_compat_table_marker(ctx: Any) -> str:
    return render_table(_ranges(ctx))


def render_compat_deprecations_marker(ctx: Any) -> str:
    return render_deprecations(_ranges(ctx))


def confirmed_ranges(ctx: Any) -> frozenset[tuple[str, str, str]]:
    """(fact, framework column, typed version) of every typed start the runs confirm."""
    found: list[Agreement] = ctx.data.compat_agreements
    return frozenset(
        (a.typed.fact, a.typed.column, a.typed.version) for a in found if a.verdict == "confirmed"
    )


def render_compat_agreement_marker(ctx: Any) -> str:
    return render_agreement(ctx.data.compat_agreements)
