"""data/concordance.yaml -> the migration table: the same operation in each framework.

Every row names a concept and the call that does it in PyTorch, TensorFlow and
Keras. A call is *verified* when the row (or cell) names an example task: the call's
text must then appear in ``snippets/<task>/<framework>.py``, a program the test
suite runs, so the table cannot drift from code that works. Calls that no program
shows cite a source from data/sources.yaml instead.

A row with ``proof:`` gets a "Measured" cell: what its equivalence program in
``snippets/concordance/`` measured (from ``data/concordance-proofs.json``, written by
``dlcompare check``), never text typed into the data: "equal to 3e-7, measured" or
"differs: max 0.041 — <the program's reason>".

A verified call also shows the releases its example program runs on, from the
release matrix (``data/compat/``): "runs on torch 2.12–2.15, measured". The range is
the whole program's, the call being one line of it: where the program runs, the
call ran; for Keras it is where the program ran on every backend
(:func:`dlcompare.matrix.infer.on_every_backend`).

``<!-- concordance: group=<id> -->`` renders one group as a table;
``<!-- concordance: -->`` renders every group under its own heading.

The models, loader and cross-file rule live in ``dlcompare.facts.concordance``
(the file is data like every other, checked by ``dlcompare check``); this module
only renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dlcompare.facts.concordance import Call, ConcordanceFile, Group, Row
from dlcompare.facts.proofs import Measured, measurements, sha256_of
from dlcompare.matrix.infer import Range, on_every_backend
from dlcompare.paths import FRAMEWORKS
from dlcompare.render.tables import captioned
from dlcompare.render.text import (
    escape,
    inline_markup,
    md_code,
    md_text,
    md_url,
    one_line,
    relative_link,
)
from dlcompare.vocabulary import FRAMEWORK_LABELS, FRAMEWORK_MODULES, Framework

if TYPE_CHECKING:
    from dlcompare.render.context import RenderContext

# --- rendering -----------------------------------------------------------------------------


def _cell_text(text: str) -> str:
    return inline_markup(text)


_code = md_code


def _title(text: str) -> str:
    return escape(one_line(text)).replace("|", "&#124;")


@dataclass(frozen=True)
class Links:
    """Where a verified call links to: the example's page if there is one."""

    example_pages: dict[str, str]  # task -> relative link from the current page
    sources: dict[str, tuple[str, str]]  # source id -> (title, url)
    #: recorded proof measurements by (program, row id)
    measured: Measured = field(default_factory=dict)
    #: proof programs edited since their measurement
    stale: frozenset[str] = frozenset()
    #: example program -> where the release matrix measured it running
    releases: dict[str, Range] = field(default_factory=dict)


def number(value: float) -> str:
    """A measured difference, short: 3e-7, 0.041, 2.2 (two significant digits)."""
    text = f"{value:.2g}"
    return text.replace("e-0", "e-").replace("e+0", "e+")


def render_measured(row: Row, links: Links) -> str:
    """The Measured cell: the recorded verdict and number, judged by the row's tolerance."""
    proof = row.proof
    if proof is None:
        return ""
    found = links.measured.get((proof.program, str(row.id)))
    if found is None:
        hint = _title(f"run dlcompare check to measure {proof.program}")
        return f'<span title="{hint}">not measured yet</span>'
    measurement, record = found
    versions = ", ".join(f"{name} {version}" for name, version in sorted(record.versions.items()))
    title = _title(
        f"max abs difference {number(measurement.max_abs)}, tolerance {proof.tolerance:g}; "
        f"measured by {proof.program} on {record.measured} ({versions})"
    )
    if measurement.max_abs <= proof.tolerance:
        text = (
            "identical, measured"
            if measurement.max_abs == 0
            else f"equal to {number(measurement.max_abs)}, measured"
        )
    else:
        text = f"differs: max {number(measurement.max_abs)}"
        if measurement.reason:
            text += f" — {md_text(measurement.reason)}"
    if proof.program in links.stale:
        text += " (program changed since)"
    return f'<span title="{title}">{text}</span>'


def _source_refs(source_ids: list[str], links: Links) -> str:
    refs = []
    for source_id in source_ids:
        title, url = links.sources.get(source_id, (source_id, ""))
        if url:
            refs.append(f'[↗]({md_url(url)} "{_title(title)}")')
    return "".join(refs)


def render_releases(program: str, framework: Framework, links: Links) -> str:
    """ "runs on torch 2.12–2.15, measured" under a verified call, or nothing unmeasured."""
    cell = links.releases.get(program)
    if cell is None or not any(o.status != "not-run" for o in cell.observations):
        return ""
    package = FRAMEWORK_MODULES[framework]
    where = "on every Keras backend " if framework == "keras" else ""
    measured = ", ".join(o.version for o in cell.observations if o.status != "not-run")
    stale = cell.stale
    title = _title(
        f"{program}, the example this call appears in, ran {where}in the release matrix "
        f"on {package} {measured}"
        + (f"; not re-verified since the program changed: {', '.join(stale)}" if stale else "")
    )
    mark = "*" if stale else ""
    return (
        f'<br><small class="dlc-measured-range" title="{title}">'
        f"{escape(cell.text(package))}{mark}, measured</small>"
    )


def release_ranges(all_ranges: list[Range]) -> dict[str, Range]:
    """Each example program's range for its own framework; Keras over every backend."""
    keras: dict[str, list[Range]] = {}
    found: dict[str, Range] = {}
    for cell in all_ranges:
        if cell.program.startswith(("snippets/facts/", "snippets/concordance/")):
            continue
        if cell.framework == "keras" and cell.backend is not None:
            keras.setdefault(cell.program, []).append(cell)
        elif cell.framework in ("torch", "tensorflow") and cell.backend is None:
            found[cell.program] = cell
    for program, cells in keras.items():
        combined = on_every_backend(cells)
        if combined is not None:
            found[program] = combined
    return found


def render_call(call: Call, row: Row, framework: Framework, links: Links) -> str:
    parts = [_code(call.code) if call.code is not None else "—"]
    if call.note:
        parts.append(f"<br><small>{_cell_text(call.note)}</small>")
    task = row.task_for(framework)
    if task and call.code is not None:
        program = f"snippets/{task}/{framework}.py"
        title = f"appears in {program}, which the test suite runs"
        target = links.example_pages.get(task)
        mark = f'[✓]({target} "{title}")' if target else f'<span title="{title}">✓</span>'
        parts.append(f" {mark}")
        parts.append(render_releases(program, framework, links))
    refs = _source_refs(call.sources, links)
    if refs:
        parts.append(" " + refs)
    return "".join(parts)


def render_group(group: Group, links: Links) -> str:
    proven = any(row.proof for row in group.rows)
    labels = [FRAMEWORK_LABELS[f] for f in FRAMEWORKS] + (["Measured"] if proven else [])
    header = "| Concept | " + " | ".join(labels) + " |"
    rule = "|---|" + "---|" * len(labels)
    rows = []
    for row in group.rows:
        concept = _cell_text(row.concept)
        refs = _source_refs(row.sources, links)
        if refs:
            concept += " " + refs
        cells = [render_call(row.call(f), row, f, links) for f in FRAMEWORKS]
        if proven:
            cells.append(render_measured(row, links) or "—")
        rows.append(f"| {concept} | " + " | ".join(cells) + " |")
    # Cards on a phone: four columns of API names do not fit 390 px.
    caption = f"{one_line(group.title)}: the same concept in each framework"
    return captioned("\n".join([header, rule, *rows]), caption, cards=True) + "\n"


def render_concordance(
    data: ConcordanceFile, links: Links, group_id: str | None = None, heading: str = "###"
) -> str:
    if group_id is not None:
        for group in data.groups:
            if group.id == group_id:
                return render_group(group, links)
        known = ", ".join(g.id for g in data.groups)
        raise ValueError(f"unknown concordance group '{group_id}'; known groups: {known}")
    parts = [f"{heading} {md_text(g.title)}\n\n{render_group(g, links)}" for g in data.groups]
    return "\n".join(parts)


# --- marker entry point --------------------------------------------------------------------


def render_concordance_marker(ctx: RenderContext, *, group: str | None = None) -> str:
    """``<!-- concordance: [group=<id>] -->``."""
    data = ctx.data.concordance
    page = ctx.page or "migration.md"
    example_pages = {}
    for task_page in sorted((ctx.root / "docs" / "examples").glob("*.md")):
        example_pages[task_page.stem] = relative_link(page, f"examples/{task_page.name}")
    sources = {s.id: (s.title, s.url or "") for s in ctx.data.sources.values()}
    measured = measurements(ctx.root)
    stale = frozenset(
        program
        for (program, _), (_, record) in measured.items()
        if not (ctx.root / program).is_file() or sha256_of(ctx.root / program) != record.sha256
    )
    links = Links(example_pages, sources, measured, stale, release_ranges(ctx.data.compat_ranges))
    return render_concordance(data, links, group)
