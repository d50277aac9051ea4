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
from dlcompare.render.text import md_line, md_text, raw_html
from dlcompare.snippets.discover import Program
from dlcompare.snippets.records import Record
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
        badges.append(Badge("dlc-meta", f"{package} {version}"))
        badges.append(Badge("dlc-meta", newest.day))
    return render("badge.html", badges=badges)


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
    path = tab.program.path.as_posix()
    include = f"{path}:{section}" if section else path
    body = [
        note,
        f'```python title="{path}"\n--8<-- "{include}"\n```\n',
        badge(tab) + "\n",
        _skipped_note(tab),
    ]
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


def gather(ctx: RenderContext, task: str) -> list[TabData]:
    programs = ctx.data.programs
    records = ctx.data.records
    tabs = []
    for program in (p for p in programs if p.task == task):
        tab = TabData(program=program, current_sha256=program.source_sha256)
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
    since = render_fact_marker(ctx, TF_KERAS_FACT, "tensorflow", part="since", link="yes")
    return render_example(tabs, tf_note=tf_keras_note(since))


def _task_title(root: Path, task: str) -> str:
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
    header = (
        "| Example | "
        + " | ".join(f"{TAB_TITLES[f]} {DEVICE_TITLES[d]}" for f in FRAMEWORKS for d in DEVICES)
        + " |"
    )
    rows = [header, "|---" * (1 + 2 * len(FRAMEWORKS)) + "|"]
    for task in tasks:
        tabs = {t.program.framework: t for t in gather(ctx, task)}
        cells = []
        for framework in FRAMEWORKS:
            for device in DEVICES:
                cells.append(status_cell(tabs[framework], device) if framework in tabs else "–")
        rows.append(
            f"| [{md_text(_task_title(ctx.root, task))}]({task}.md) | " + " | ".join(cells) + " |"
        )
    return "\n".join(rows) + "\n"
