"""Render an example: one tab per framework with the program, its badge and output.

The page holds only ``<!-- example: cnn -->``; this module produces the Markdown
(Material content tabs, pymdownx.snippets include lines, the recorded output).
Because the code block is generated here, no Python fence in ``docs/`` ever holds
an include line, so pytest-codeblocks and the snippet runner never overlap.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from dlcompare.executor.environment import FRAMEWORK_PACKAGE
from dlcompare.render.context import RenderContext
from dlcompare.render.inline_facts import render_fact_marker
from dlcompare.render.jinja import render
from dlcompare.render.run_it import RunLinks, include_target, run_it_box
from dlcompare.render.text import md_line, md_text, raw_html, relative_link
from dlcompare.snippets.discover import Program
from dlcompare.snippets.records import Record
from dlcompare.snippets.requirements import RunRecipe, recipes
from dlcompare.snippets.task_layout import learning_order
from dlcompare.vocabulary import (
    DEVICE_LABELS,
    DEVICES,
    FRAMEWORK_LABELS,
    FRAMEWORKS,
    KERAS_BACKENDS,
)

TAB_TITLES = FRAMEWORK_LABELS
DEVICE_TITLES = DEVICE_LABELS
_SECTION = re.compile(r"#\s*--8<--\s*\[start:(?P<name>[\w-]+)\]")


#: Where a task's run-details page lives (relative to docs/; generated, not in nav).
RUNS_FOLDER = "runs"
#: Where the site publishes the raw program files (relative to docs/ and the site).
PROGRAMS_FOLDER = "examples"


def run_details_page(task: str) -> str:
    return f"{RUNS_FOLDER}/{task}.md"


def published_program(program: Program) -> str:
    """``examples/cnn/pytorch.py``: the raw file's place in the built site."""
    return f"{PROGRAMS_FOLDER}/{program.task}/{program.path.name}"


@dataclass(frozen=True)
class Badge:
    css: str
    text: str
    title: str = ""


@dataclass
class TabData:
    """Everything one framework tab needs, gathered so rendering stays pure."""

    program: Program
    current_sha256: str
    # (device, backend) -> record
    records: dict[tuple[str, str | None], Record] = field(default_factory=dict)
    #: The program's text (for the shown line range); empty: show the whole file.
    source: str = ""
    #: How to install and run it (one per Keras backend); empty: no run-it box.
    recipes: list[RunRecipe] = field(default_factory=list)
    links: RunLinks | None = None
    #: Page-relative link to this program's section of the run-details page.
    details: str = ""


def _indent(text: str, spaces: int = 4) -> str:
    return textwrap.indent(text, " " * spaces, lambda line: True)


def _backends(program: Program) -> list[str | None]:
    """Keras backends a program runs on, in canonical order; [None] for other frameworks."""
    if program.framework != "keras":
        return [None]
    return [b for b in KERAS_BACKENDS if b in program.backends] or [None]


def _state(record: Record | None, current_sha: str) -> tuple[str, str, str]:
    """(css class, symbol, tooltip) for one device's run."""
    if record is None:
        return "dlc-none", "—", "not run on this device yet"
    if record.source_sha256 != current_sha:
        return "dlc-stale", "⚠ stale", f"the program changed after this run ({record.day})"
    if not record.passed:
        return "dlc-fail", f"✗ {record.status}", f"last run {record.status} on {record.day}"
    where = f" on {record.device_name}" if record.device_name else ""
    return "dlc-ok", "✓", f"passed{where}, {record.day}"


def badge(tab: TabData) -> str:
    """'Ran on CPU ✓ · GPU — · torch 2.13.0 · 2026-11-25' as a row of small spans."""
    backends = _backends(tab.program)
    badges = []
    for device in DEVICES:
        if not any(d == device for d, _ in tab.records):
            # Never run on this device: one badge says so instead of one per backend.
            css, symbol, tip = _state(None, tab.current_sha256)
            badges.append(Badge(css, f"{DEVICE_TITLES[device]} {symbol}", tip))
            continue
        for backend in backends:
            css, symbol, tip = _state(tab.records.get((device, backend)), tab.current_sha256)
            label = DEVICE_TITLES[device] + (f" · {backend}" if backend else "")
            badges.append(Badge(css, f"{label} {symbol}", tip))
    newest = max((r for r in tab.records.values()), key=lambda r: r.date, default=None)
    if newest is not None:
        package = FRAMEWORK_PACKAGE[tab.program.framework]
        version = newest.packages.get(package, "?")
        details = "every package version of the run: see the run details"
        badges.append(Badge("dlc-meta", f"{package} {version}", details))
        badges.append(Badge("dlc-meta", newest.day, f"run finished {newest.date} (UTC)"))
    return render("badge.html", badges=badges, href=tab.details)


def _skipped_note(tab: TabData) -> str:
    missing = [b for b in KERAS_BACKENDS if b not in tab.program.backends]
    if tab.program.framework != "keras" or not missing:
        return ""
    reason = tab.program.backends_reason or "The program declares it does not support it."
    title = f"Not run on the {' and '.join(missing)} backend"
    return f'!!! info "{title}"\n\n    {md_line(md_text(reason))}\n\n'


def output_block(record: Record | None, title: str = "Output") -> str:
    """The recorded output, verbatim and inert.

    Emitted as a :func:`~dlcompare.render.text.raw_html` token, so no Markdown
    extension ever reads what a program printed: a line ``--8<-- ".git/config"`` stays
    text instead of pulling that file into the page.
    """
    if record is None:
        return (
            '!!! warning "No recorded output yet"\n\n'
            "    Run `make snippets` to record this program's output.\n"
        )
    text = record.stdout or "(the program printed nothing)"
    return raw_html(render("output.html", title=title, text=text)) + "\n"


def _primary(tab: TabData) -> tuple[Record | None, str | None]:
    """The record whose output a tab shows first: CPU, first supported backend."""
    backends = _backends(tab.program)
    for device in DEVICES:
        for backend in backends:
            if (record := tab.records.get((device, backend))) is not None:
                return record, backend
    return None, backends[0]


def code_block(tab: TabData, section: str | None = None) -> str:
    """The program's fence: the include line, runner directives left out of the view."""
    path = tab.program.path.as_posix()
    include = include_target(path, tab.source, section)
    return f'```python title="{path}"\n--8<-- "{include}"\n```\n'


def _python(tab: TabData) -> str:
    versions = sorted({".".join(r.python.split(".")[:2]) for r in tab.records.values()})
    return " or ".join(versions) if versions else "3.11"


#: The fact that makes the Keras tab the tf.keras reader's code (data/facts/).
TF_KERAS_FACT = "bundled-keras"


def tf_keras_note(since: str) -> str:
    """One line for the TensorFlow tab: tf.keras readers belong on the Keras tab.

    Most TensorFlow users write ``tf.keras``; since TensorFlow ``since`` that is
    Keras 3, so a tab of low-level TensorFlow would otherwise send them the wrong
    way. ``since`` is Markdown (the fact's value, linked to its table row).
    """
    return (
        f"Writing `tf.keras`? Since TensorFlow {since} it is Keras 3, so the "
        "**Keras** tab is your code; this tab shows TensorFlow's own APIs.\n"
    )


def render_tab(tab: TabData, section: str | None = None, note: str = "") -> str:
    body = [note, code_block(tab, section), badge(tab) + "\n", _skipped_note(tab)]
    record, backend = _primary(tab)
    body.append(output_block(record, f"Output (backend: {backend})" if backend else "Output"))
    others = [
        (b, tab.records[("cpu", b)])
        for b in KERAS_BACKENDS
        if b != backend and ("cpu", b) in tab.records
    ]
    if others:
        inner = "".join(
            f'=== "{b}"\n\n{_indent(output_block(r, f"Output (backend: {b})"))}\n'
            for b, r in others
        )
        body.append(f'??? note "Output on the other Keras backends"\n\n{_indent(inner)}\n')
    if tab.recipes and tab.links and not section:  # an excerpt is not a program to run
        body.append(run_it_box(tab.recipes, tab.links, _python(tab)))
    content = "\n".join(part for part in body if part)
    title = TAB_TITLES.get(tab.program.framework, tab.program.framework)  # type: ignore[call-overload]
    return f'=== "{title}"\n\n{_indent(content)}\n'


def render_example(tabs: list[TabData], section: str | None = None, tf_note: str = "") -> str:
    """The whole tab set for one task. Pure: data in, Markdown out.

    ``tf_note`` heads the TensorFlow tab; the marker passes it only for a whole
    program (an example page), so a page quoting several sections says it once.
    """
    return (
        "\n"
        + "".join(
            render_tab(tab, section, tf_note if tab.program.framework == "tensorflow" else "")
            for tab in tabs
        )
        + "\n"
    )


def sections_of(path: Path) -> set[str]:
    return set(_SECTION.findall(path.read_text(encoding="utf-8")))


def _links(ctx: RenderContext, program: Program) -> RunLinks:
    repo = ctx.data.repository
    return RunLinks(
        download=relative_link(ctx.page, published_program(program)),
        repository=repo.blob(program.path.as_posix()),
        repository_host=repo.name,
    )


def gather(ctx: RenderContext, task: str) -> list[TabData]:
    programs = ctx.data.programs
    records = ctx.data.records
    tabs = []
    for program in (p for p in programs if p.task == task):
        source = ctx.data.source(program)
        path = program.path.as_posix()
        tab = TabData(
            program=program,
            current_sha256=program.source_sha256,
            source=source,
            recipes=(
                recipes(source, path, program.framework, program.backends, ctx.data.pins)
                if ctx.data.pins
                else []
            ),
            links=_links(ctx, program),
            details=relative_link(ctx.page, run_details_page(task), program.framework),
        )
        for (device, rtask, framework, backend), record in records.items():
            if rtask == task and framework == program.framework:
                tab.records[(device, backend)] = record
        tabs.append(tab)
    if not tabs:
        known = sorted({p.task for p in programs})
        raise ValueError(f"no programs in snippets/{task}/; known tasks: {', '.join(known)}")
    tabs.sort(key=lambda t: FRAMEWORKS.index(t.program.framework))
    return tabs


def render_example_marker(ctx: RenderContext, task: str, *, section: str | None = None) -> str:
    """``<!-- example: cnn -->`` or ``<!-- example: cnn section=train -->``."""
    tabs = gather(ctx, task)
    if section:
        for tab in tabs:
            if section not in sections_of(ctx.root / tab.program.path):
                raise ValueError(
                    f"{tab.program.path.as_posix()} has no section '{section}'; add "
                    f"'# --8<-- [start:{section}]' and '# --8<-- [end:{section}]' around the lines"
                )
        return render_example(tabs, section)
    if TF_KERAS_FACT not in ctx.data.facts_by_id:  # a project without that fact
        return render_example(tabs)
    since = render_fact_marker(ctx, TF_KERAS_FACT, "tensorflow", part="since", link="yes")
    return render_example(tabs, tf_note=tf_keras_note(since))


def task_title(root: Path, task: str) -> str:
    page = root / "docs" / "examples" / f"{task}.md"
    if page.exists():
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return task.replace("_", " ").capitalize()


def status_cell(tab: TabData, device: str) -> str:
    backends = _backends(tab.program)
    symbols = []
    for backend in backends:
        _, symbol, _ = _state(tab.records.get((device, backend)), tab.current_sha256)
        symbols.append(f"{backend} {symbol}" if backend else symbol)
    return "<br>".join(symbols)


def render_status_marker(ctx: RenderContext) -> str:
    """``<!-- examples-status: -->``: every task x framework, CPU and GPU, from the records.

    Rows follow the nav, so the table reads in the same learning order as the sidebar.
    """
    programs = ctx.data.programs
    tasks = learning_order(ctx.root, list(dict.fromkeys(p.task for p in programs)))
    ran = {device for (device, *_rest) in ctx.data.records}
    devices = [d for d in DEVICES if d in ran] or list(DEVICES[:1])
    header = (
        "| Example | "
        + " | ".join(f"{TAB_TITLES[f]} {DEVICE_TITLES[d]}" for f in FRAMEWORKS for d in devices)
        + " |"
    )
    rows = [header, "|---" * (1 + len(devices) * len(FRAMEWORKS)) + "|"]
    for task in tasks:
        tabs = {t.program.framework: t for t in gather(ctx, task)}
        cells = []
        for framework in FRAMEWORKS:
            for device in devices:
                cells.append(status_cell(tabs[framework], device) if framework in tabs else "–")
        rows.append(
            f"| [{md_text(task_title(ctx.root, task))}]({task}.md) | " + " | ".join(cells) + " |"
        )
    table = "\n".join(rows) + "\n"
    missing = [DEVICE_TITLES[d] for d in DEVICES if d not in devices]
    if missing:
        # An all-dash column says nothing a sentence cannot say better.
        table += (
            f"\n**Not yet run on a {' or '.join(missing)}:** no example has a "
            f"{' or '.join(missing)} record yet, so the table leaves "
            f"{'that column' if len(missing) == 1 else 'those columns'} out; the programs that "
            "take a GPU-only path there say so on their pages.\n"
        )
    return table


def render_badge_legend_marker(ctx: RenderContext) -> str:
    """``<!-- badge-legend: -->``: what each badge means, only for badges the site can show.

    A ``GPU ✓`` row is explained only once some program has a passing GPU record;
    until then the legend says that none has, instead of describing a badge a reader
    will never find.
    """
    gpu_passed = any(d == "cuda" and r.passed for (d, *_), r in ctx.data.records.items())
    rows = [
        "| Badge | Meaning |",
        "|---|---|",
        "| `CPU ✓` | The current version of the program passed on a CPU. |",
    ]
    if gpu_passed:
        rows.append(
            "| `GPU ✓` | It passed on a GPU, and the GPU really held memory during the run; "
            "a program that only claims to use a GPU fails. |"
        )
    rows += [
        "| `⚠ stale` | The program changed after its last run; the test suite fails until "
        "someone runs it again. |",
        "| `—` | Not run on that device yet. |",
        "| `torch …`, a date | The framework version and the day of the newest run. |",
    ]
    legend = "\n".join(rows) + "\n\n"
    legend += (
        "Keras programs get one badge per backend. Every badge links to the run details: "
        "the whole record, with all package versions, the machine, the duration, the "
        "sha256 of the source and that source in the repository.\n"
    )
    if not gpu_passed:
        legend += (
            "\nNo program has a GPU record yet, so every page shows `GPU —` and says "
            "“Not yet run on a GPU”; the GPU workflow will add them.\n"
        )
    return legend
