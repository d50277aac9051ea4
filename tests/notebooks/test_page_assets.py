"""Notebook pages lose nbconvert's inline assets and get their plots' alt text."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat

from dlcompare.notebooks.page_assets import (
    PLACEHOLDER_ALT,
    Names,
    SharedStylesheet,
    add_alt_text,
    may_match,
    prune,
    strip_inline_assets,
)

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<h1>Demo</h1>
<style type="text/css">.jp-Cell{margin:0}.jp-Unused{color:red}</style>
<script src=""> </script>
<!-- Load mathjax -->
<script type="text/x-mathjax-config">init_mathjax = 1</script>
<!-- End of mathjax configuration -->
<script type="module">
  document.querySelectorAll(".jp-Mermaid > pre.mermaid");
</script>
<!-- End of mermaid configuration -->
<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><img alt="PLACEHOLDER" src="data:,"></div>
<div class="jp-Cell jp-MarkdownCell"><p>text</p></div>
<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><img alt="PLACEHOLDER" src="data:,"></div>
<style>
['.highlight-ipynb .k { color: blue }']
</style>
""".replace("PLACEHOLDER", PLACEHOLDER_ALT)


def test_inline_styles_empty_script_and_unused_loaders_go() -> None:
    html, css = strip_inline_assets(PAGE)
    assert "<style" not in html and '<script src=""' not in html
    assert "mathjax" not in html and "mermaid" not in html
    # the list-repr block is read as the CSS it lists
    assert css == [".jp-Cell{margin:0}.jp-Unused{color:red}", ".highlight-ipynb .k { color: blue }"]


def test_stylesheet_keeps_only_rules_that_can_match() -> None:
    names = Names()
    names.add('<div class="jp-Cell jupyter-wrapper" id="top"></div>')
    assert may_match(".jupyter-wrapper .jp-Cell", names)
    assert may_match(".jp-Cell:not(.jp-mod-hidden)", names)  # what :not() excludes is moot
    assert may_match("pre, [data-x='a.b']", names)
    assert not may_match(".jupyter-wrapper .jp-Toolbar", names)
    assert not may_match("#elsewhere", names)
    css = (
        ".jp-Cell{a:1}.jp-Toolbar{b:2}.jp-Toolbar,.jp-Cell{c:3}"
        "@media (min-width:1px){.jp-Toolbar{d:4}}"
    )
    assert prune(css, names) == ".jp-Cell{a:1}\n.jp-Cell{c:3}"


def test_shared_stylesheet_dedupes_blocks_across_pages(tmp_path: Path) -> None:
    sheet = SharedStylesheet()
    for _ in range(3):
        html, css = strip_inline_assets(PAGE)
        sheet.add_page(css, html)
    assert len(sheet.blocks) == 2
    text = sheet.write(tmp_path).read_text(encoding="utf-8")
    assert ".jp-Cell{margin:0}" in text and "jp-Unused" not in text


def test_alt_text_comes_from_the_cell_metadata() -> None:
    notebook = jupytext.reads(
        '# %% alt="Ten digits in a row"\nshow()\n\n# %% [markdown]\n# text\n\n# %%\nshow()\n',
        fmt="py:percent",
    )
    html = add_alt_text(PAGE, notebook)
    assert 'alt="Ten digits in a row"' in html
    assert html.count(PLACEHOLDER_ALT) == 1  # the second cell has no alt: left as it was


def test_every_plot_in_the_real_notebooks_has_alt_text() -> None:
    """A cell that shows a figure must describe it: ``# %% alt="..."`` in the source."""
    missing = []
    for path in sorted((ROOT / "docs" / "notebooks").glob("*.nb.py")):
        notebook: nbformat.NotebookNode = jupytext.read(path)
        for cell in notebook.cells:
            if cell.cell_type == "code" and "plt.show()" in cell.source:
                alt = str(cell.metadata.get("alt", ""))
                if len(alt.split()) < 8:
                    missing.append(f"{path.name}: {cell.source.splitlines()[0]}")
    assert not missing, "plots without a real description (alt):\n" + "\n".join(missing)


def test_alt_text_with_mkdocs_jupyters_double_cell_wrapper() -> None:
    """mkdocs-jupyter wraps the lab template's cell block in one more of its own."""
    cell = '<div class="jp-Cell jp-CodeCell x"><div class="jp-Cell jp-CodeCell y">{}</div></div>'
    page = cell.format("") + cell.format(f'<img alt="{PLACEHOLDER_ALT}">')
    notebook = jupytext.reads('# %%\nx = 1\n\n# %% alt="A plot"\nshow()\n', fmt="py:percent")
    assert add_alt_text(page, notebook).count('alt="A plot"') == 1
