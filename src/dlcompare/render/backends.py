"""One Keras program, its output on every backend: the Keras 3 page's main exhibit.

``<!-- keras-backends: training_loop -->`` shows ``snippets/training_loop/keras.py``
once (``section=<name>`` shows only that part), its run badge, and one content
tab per Keras backend holding that backend's recorded output. The tabs are titled
``KERAS_BACKEND=<backend>``, the setting that produced the run, so they never link
up with the site-wide PyTorch/TensorFlow/Keras tabs.

A backend the program declares unsupported gets a tab that says why; a supported
backend without a record says how to record it.
"""

from __future__ import annotations

from dlcompare.render.context import RenderContext
from dlcompare.render.examples import (
    TabData,
    badge,
    code_block,
    gather,
    output_block,
    sections_of,
)
from dlcompare.render.text import md_line, md_text
from dlcompare.vocabulary import KERAS_BACKENDS

TAB_PREFIX = "KERAS_BACKEND="


def _indent(text: str, spaces: int = 4) -> str:
    return "\n".join((" " * spaces + line) if line else "" for line in text.splitlines()) + "\n"


def backend_tab(tab: TabData, backend: str, device: str = "cpu") -> str:
    """One ``=== "KERAS_BACKEND=<backend>"`` tab with what that run printed."""
    if backend not in tab.program.backends:
        reason = tab.program.backends_reason or "The program declares it does not support it."
        body = f'!!! info "Not run on this backend"\n\n    {md_line(md_text(reason))}\n'
    else:
        record = tab.records.get((device, backend))
        body = output_block(record, f"Output with {TAB_PREFIX}{backend}")
    return f'=== "{TAB_PREFIX}{backend}"\n\n{_indent(body)}\n'


def render_backends(tab: TabData, section: str | None = None, device: str = "cpu") -> str:
    """The program once, its badge, then one output tab per backend. Pure."""
    if tab.program.framework != "keras":
        raise ValueError(f"{tab.program.path.as_posix()} is not a Keras program")
    parts = [
        "",
        code_block(tab, section).rstrip("\n"),
        "",
        badge(tab),
        "",
        *(backend_tab(tab, backend, device) for backend in KERAS_BACKENDS),
    ]
    return "\n".join(parts) + "\n"


def render_backends_marker(ctx: RenderContext, task: str, *, section: str | None = None) -> str:
    """``<!-- keras-backends: <task> [section=<name>] -->``."""
    tabs = [t for t in gather(ctx, task) if t.program.framework == "keras"]
    if not tabs:
        raise ValueError(f"snippets/{task}/keras.py does not exist")
    tab = tabs[0]
    if section and section not in sections_of(ctx.root / tab.program.path):
        raise ValueError(
            f"{tab.program.path.as_posix()} has no section '{section}'; add "
            f"'# --8<-- [start:{section}]' and '# --8<-- [end:{section}]' around the lines"
        )
    return render_backends(tab, section)
