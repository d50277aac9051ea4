"""Run-it box, hidden directives, badge links, run details, "last verified" and GPU honesty."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.render.test_examples import SHA, make_record, make_tab

from dlcompare.render.context import BuildData, RenderContext
from dlcompare.render.examples import (
    badge,
    render_badge_legend_marker,
    render_status_marker,
    render_tab,
)
from dlcompare.render.repository import Repository, branch_of
from dlcompare.render.run_details import published_files, record_table
from dlcompare.render.run_it import RunLinks, include_target, run_it_box, shown_ranges
from dlcompare.render.verified import add_verified, gpu_only_paths, verified_block
from dlcompare.snippets.provenance import ci_run_url, commit_with
from dlcompare.snippets.requirements import recipes

PINS = {"torch": "2.13.0", "keras": "3.15.1", "jax": "0.10.2", "jaxlib": "0.10.2"}


# --- which lines a page shows -------------------------------------------------------


def test_directives_are_cut_out_of_the_shown_range() -> None:
    text = '"""Doc."""\n# dlcompare: backends = jax\n# dlcompare: backends-reason = r\nimport os\n'
    assert shown_ranges(text) == "1:1,4:"
    head = "# dlcompare: timeout = 300\n\n# dlcompare-matrix: requires = keras>=3.9\n'''D'''\nx=1\n"
    assert shown_ranges(head) == "4:"
    assert shown_ranges("import os\n") is None


def test_include_target_prefers_a_section_and_keeps_clean_files_whole() -> None:
    text = "# dlcompare: timeout = 9\nimport os\n"
    assert include_target("s/t/a.py", text) == "s/t/a.py:2:"
    assert include_target("s/t/a.py", text, "train") == "s/t/a.py:train"
    assert include_target("s/t/a.py", "import os\n") == "s/t/a.py"


def test_tab_fence_uses_the_range(tmp_path: Path) -> None:
    tab = make_tab(records={("cpu", None): make_record()})
    tab.source = "# dlcompare: timeout = 9\nimport torch\n"
    assert '--8<-- "snippets/cnn/pytorch.py:2:"' in render_tab(tab)


# --- the run-it box ------------------------------------------------------------------


def _links() -> RunLinks:
    return RunLinks("cnn/keras.py", "https://github.com/o/r/blob/main/snippets/cnn/keras.py", "o/r")


def test_run_it_box_has_install_run_download_and_repository_per_backend() -> None:
    got = recipes("import keras\n", "snippets/cnn/keras.py", "keras", ("torch", "jax"), PINS)
    box = run_it_box(got, _links(), "3.11")
    assert box.startswith('???+ example "Run it"')
    assert "[Download keras.py](cnn/keras.py){ download }" in box
    assert "(https://github.com/o/r/blob/main/snippets/cnn/keras.py)" in box
    assert "pip install keras==3.15.1 torch==2.13.0\n    KERAS_BACKEND=torch python keras.py" in box
    assert "KERAS_BACKEND=jax python keras.py" in box
    assert "jaxlib" in box and "pinned to the same release" in box  # the companion, explained
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in box


def test_excerpts_get_no_run_it_box() -> None:
    tab = make_tab(records={("cpu", None): make_record()})
    tab.recipes = recipes("import torch\n", "snippets/cnn/pytorch.py", "pytorch", (), PINS)
    tab.links = RunLinks("cnn/pytorch.py", None)
    assert "Run it" in render_tab(tab)
    assert "Run it" not in render_tab(tab, section="train")


# --- badges link to the run details ---------------------------------------------------


def test_every_badge_is_a_link_to_the_run_details() -> None:
    tab = make_tab(records={("cpu", None): make_record()})
    tab.details = "../runs/cnn.md#pytorch"
    html = badge(tab)
    assert html.count("](../runs/cnn.md#pytorch){ .dlc-badge") == 4  # CPU, GPU, version, date
    assert '<span class="dlc-badge' not in html


def test_badge_title_cannot_break_the_attribute_list() -> None:
    rec = make_record(device_name='Evil "} <b> CPU')
    tab = make_tab(records={("cpu", None): rec})
    tab.details = "x.md"
    html = badge(tab)
    import re

    title = re.search(r'title="(passed on Evil[^"]*)" }', html)
    assert title and not set(title[1]) & set('"{}<>'), html


# --- run details --------------------------------------------------------------------


def test_record_table_has_versions_sha_device_duration_and_commit_link() -> None:
    rec = make_record(packages={"torch": "2.13.0+cpu", "numpy": "2.4.6"}, duration_s=12.34)
    tab = make_tab(records={("cpu", None): rec})
    table = record_table(tab, {SHA: ("c" * 40, "https://x/blob/ccc/p.py")}, {})
    assert "| Source sha256 | `" + SHA + "` |" in table
    assert "[cccccccccccc](https://x/blob/ccc/p.py)" in table
    assert "12.3 s" in table and "AMD EPYC" in table and "2026-11-23 10&#58;00&#58;00" in table
    assert "| `torch` | 2.13.0&#43;cpu |" in table or "| `torch` | 2.13.0+cpu |" in table
    assert "| `numpy` | 2.4.6 |" in table


def test_record_table_marks_a_stale_run_and_a_missing_commit() -> None:
    tab = make_tab(records={("cpu", None): make_record(source_sha256="b" * 64)})
    table = record_table(tab, {}, {})
    assert "passed (stale)" in table and "no commit in this clone has this source" in table


def test_published_files_are_raw_programs_and_hidden_pages(tmp_path: Path) -> None:
    (tmp_path / "snippets/cnn").mkdir(parents=True)
    (tmp_path / "snippets/cnn/pytorch.py").write_bytes(b"# dlcompare: timeout = 9\nx = 1\n")
    files = {f.src_uri: f for f in published_files(RenderContext(root=tmp_path))}
    assert files["examples/cnn/pytorch.py"].content == b"# dlcompare: timeout = 9\nx = 1\n"
    page = files["runs/cnn.md"]
    assert page.page and "search:\n  exclude: true" in str(page.content)
    assert "<!-- run-details: cnn -->" in str(page.content)


def test_ci_run_url_from_the_github_variables() -> None:
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r"}
    assert ci_run_url(env) is None
    assert ci_run_url({**env, "GITHUB_RUN_ID": "42"}) == "https://github.com/o/r/actions/runs/42"
    assert ci_run_url({**env, "GITHUB_RUN_ID": "42", "GITHUB_RUN_ATTEMPT": "2"}).endswith(
        "/runs/42/attempts/2"
    )


def test_commit_with_finds_the_commit_holding_the_recorded_source(tmp_path: Path) -> None:
    import hashlib

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(tmp_path), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    git("init", "-q")
    git("config", "user.email", "t@t")
    git("config", "user.name", "t")
    (tmp_path / "p.py").write_text("v1\n")
    git("add", ".")
    git("commit", "-qm", "one")
    first = git("rev-parse", "HEAD")
    (tmp_path / "p.py").write_text("v2\n")
    git("commit", "-qam", "two")
    old = hashlib.sha256(b"v1\n").hexdigest()
    assert commit_with(tmp_path, "p.py", old) == first  # history search (file changed since)
    new = hashlib.sha256(b"v2\n").hexdigest()
    assert commit_with(tmp_path, "p.py", new) == git("rev-parse", "HEAD")  # the one-call map
    assert commit_with(tmp_path, "p.py", "0" * 64) is None


def test_repository_links_only_for_github() -> None:
    repo = Repository("https://github.com/o/r", branch_of("edit/dev/docs/"))
    assert repo.blob("snippets/a.py") == "https://github.com/o/r/blob/dev/snippets/a.py"
    assert (
        repo.colab("nb/x.ipynb")
        == "https://colab.research.google.com/github/o/r/blob/dev/nb/x.ipynb"
    )
    assert repo.colab("docs/notebooks/x.nb.py") is None  # Colab opens .ipynb only
    other = Repository("https://gitlab.com/o/r")
    assert other.blob("a.py") is None and other.name == "the repository"


# --- last verified and GPU honesty --------------------------------------------------


def _keras_tab():
    recs = {
        ("cpu", b): make_record(
            framework="keras",
            backend=b,
            date=f"2026-11-2{i}T10:00:00+00:00",
            packages={"keras": "3.15.1", "jax": "0.10.2"},
        )
        for i, b in enumerate(("tensorflow", "jax"))
    }
    return make_tab("keras", recs, backends=("tensorflow", "jax"))


def test_verified_line_names_date_versions_and_links_the_details() -> None:
    torch_tab = make_tab(records={("cpu", None): make_record()})
    block = verified_block([torch_tab, _keras_tab()], "../runs/cnn.md")
    assert "Last verified 2026-11-23 with torch 2.13.0&#43;cpu" in block or (
        "Last verified 2026-11-23 with torch 2.13.0+cpu" in block
    )
    assert "Keras 3.15.1 (JAX 0.10.2)" in block
    assert "[run details](../runs/cnn.md)" in block
    assert '!!! warning "Not yet run on a GPU"' in block


def test_gpu_note_names_gpu_only_lines_but_not_comments() -> None:
    tab = make_tab(records={("cpu", None): make_record()})
    tab.source = (
        '"""Uses GradScaler on CUDA."""\n# nccl in a comment\n'
        "scaler = torch.amp.GradScaler(device)\nbackend = 'nccl' if n else 'gloo'\n"
    )
    paths = gpu_only_paths([tab])
    assert [(p.line, p.what.split(" ")[0]) for p in paths] == [(3, "float16"), (4, "the")]
    block = verified_block([tab], "x.md")
    assert "(`pytorch.py` line 3)" in block and "NCCL" in block


def test_gpu_note_disappears_once_a_gpu_record_exists() -> None:
    gpu = make_record(device="cuda", gpu_used=True, device_name="NVIDIA H100")
    tab = make_tab(records={("cpu", None): make_record(), ("cuda", None): gpu})
    assert "Not yet run on a GPU" not in verified_block([tab], "x.md")


def _project(tmp_path: Path, with_gpu: bool = False) -> RenderContext:
    (tmp_path / "snippets/cnn").mkdir(parents=True)
    program = tmp_path / "snippets/cnn/pytorch.py"
    program.write_text("import torch\n")
    import hashlib

    sha = hashlib.sha256(program.read_bytes()).hexdigest()
    for device in ("cpu", "cuda") if with_gpu else ("cpu",):
        folder = tmp_path / "data/runs" / device / "cnn"
        folder.mkdir(parents=True)
        rec = make_record(source_sha256=sha, device=device, gpu_used=device == "cuda")
        (folder / "pytorch.json").write_text(rec.model_dump_json())
    return RenderContext(root=tmp_path, page="examples/cnn.md", build=BuildData(tmp_path))


def test_add_verified_goes_under_the_title_of_example_pages_only(tmp_path: Path) -> None:
    ctx = _project(tmp_path)
    page = "# CNN\n\nText.\n\n<!-- example: cnn -->\n"
    out = add_verified(page, ctx)
    assert out.startswith('# CNN\n\n<p class="dlc-verified" markdown>Last verified 2026-11-23')
    assert "Not yet run on a GPU" in out
    ctx.page = "lenses/x.md"
    assert add_verified(page, ctx) == page


def test_status_table_collapses_gpu_columns_into_one_note(tmp_path: Path) -> None:
    table = render_status_marker(_project(tmp_path))
    assert "GPU" not in table.splitlines()[0]
    assert "Not yet run on a GPU" in table


def test_status_table_keeps_gpu_columns_when_a_gpu_ran(tmp_path: Path) -> None:
    table = render_status_marker(_project(tmp_path, with_gpu=True))
    assert "PyTorch GPU" in table.splitlines()[0] and "Not yet run" not in table


def test_legend_explains_gpu_tick_only_when_one_can_appear(tmp_path: Path) -> None:
    assert "`GPU ✓`" not in render_badge_legend_marker(_project(tmp_path))
    assert "`GPU ✓`" in render_badge_legend_marker(_project(tmp_path / "g", with_gpu=True))
