from pathlib import Path

import pytest

from dlcompare.render.context import RenderContext
from dlcompare.render.examples import (
    TabData,
    badge,
    output_block,
    render_example,
    render_example_marker,
    tf_keras_note,
)
from dlcompare.render.text import expand_raw
from dlcompare.snippets.discover import Program
from dlcompare.snippets.records import Record

SHA = "a" * 64


def make_record(**over) -> Record:
    base = {
        "snippet": "snippets/cnn/pytorch.py",
        "task": "cnn",
        "framework": "pytorch",
        "source_sha256": SHA,
        "status": "passed",
        "device": "cpu",
        "device_name": "AMD EPYC",
        "python": "3.11.7",
        "platform": "Linux",
        "packages": {"torch": "2.13.0+cpu"},
        "env_fingerprint": "f",
        "date": "2026-11-23T10:00:00+00:00",
        "duration_s": 1.0,
        "returncode": 0,
        "stdout": "device: cpu\naccuracy 0.97",
    }
    base.update(over)
    return Record(**base)


def make_tab(framework: str = "pytorch", records=None, backends=()) -> TabData:
    program = Program(
        path=Path(f"snippets/cnn/{framework}.py"),
        task="cnn",
        framework=framework,
        source_sha256=SHA,
        backends=backends,
        backends_reason="needs X",
    )
    return TabData(program=program, current_sha256=SHA, records=records or {})


def test_badge_shows_cpu_ok_gpu_not_run_version_and_date() -> None:
    html = badge(make_tab(records={("cpu", None): make_record()}))
    assert "dlc-ok" in html and "CPU ✓" in html
    assert "GPU —" in html
    assert "torch 2.13.0+cpu" in html and "2026-11-23" in html


def test_badge_marks_stale_record() -> None:
    html = badge(make_tab(records={("cpu", None): make_record(source_sha256="b" * 64)}))
    assert "CPU ⚠ stale" in html and "dlc-stale" in html


def test_badge_marks_failure() -> None:
    html = badge(make_tab(records={("cpu", None): make_record(status="timeout")}))
    assert "CPU ✗ timeout" in html


def test_gpu_badge_names_the_gpu() -> None:
    gpu = make_record(device="cuda", gpu_used=True, device_name="NVIDIA H100")
    html = badge(make_tab(records={("cpu", None): make_record(), ("cuda", None): gpu}))
    assert "GPU ✓" in html and "NVIDIA H100" in html


def test_output_block_is_raw_escaped_html_that_markdown_never_reads() -> None:
    # Was a backtick fence; now a raw-HTML token (see render/raw_html.py), so backticks
    # and markup in the output stay verbatim and no extension acts on them.
    block = output_block(make_record(stdout="```x``` <b>"))
    assert "```" not in block and "<b>" not in block
    html = expand_raw(block)
    assert '<span class="filename">Output</span>' in html
    assert "<code>```x``` &lt;b&gt;\n</code>" in html


def test_missing_output_says_how_to_record_it() -> None:
    assert "make snippets" in output_block(None)


def test_render_example_tabs_include_program_and_output() -> None:
    md = render_example([make_tab(records={("cpu", None): make_record()})])
    assert '=== "PyTorch"' in md
    assert '    --8<-- "snippets/cnn/pytorch.py"' in md
    assert "accuracy 0.97" in expand_raw(md)


def test_keras_tab_shows_other_backends_and_skipped_reason() -> None:
    recs = {
        ("cpu", b): make_record(framework="keras", backend=b, stdout=f"backend: {b}")
        for b in ("tensorflow", "jax")
    }
    md = render_example([make_tab("keras", recs, backends=("tensorflow", "jax"))])
    assert "Output (backend: tensorflow)" in expand_raw(md)
    assert "Output on the other Keras backends" in md and "backend: jax" in expand_raw(md)
    assert "Not run on the torch backend" in md and "needs X" in md


def test_section_must_exist(tmp_path: Path) -> None:
    (tmp_path / "snippets/cnn").mkdir(parents=True)
    (tmp_path / "snippets/cnn/pytorch.py").write_text(
        "# --8<-- [start:train]\nx=1\n# --8<-- [end:train]\n"
    )
    ctx = RenderContext(root=tmp_path)
    assert '"snippets/cnn/pytorch.py:train"' in render_example_marker(ctx, "cnn", section="train")
    with pytest.raises(ValueError, match="has no section 'model'"):
        render_example_marker(ctx, "cnn", section="model")


def test_tf_keras_note_heads_only_the_tensorflow_tab() -> None:
    tabs = [make_tab("pytorch"), make_tab("tensorflow"), make_tab("keras")]
    md = render_example(tabs, tf_note=tf_keras_note("[2.16](x.md#fact-bundled-keras)"))
    assert md.count("Writing `tf.keras`?") == 1
    tf_tab = md.split('=== "TensorFlow"', 1)[1].split('=== "Keras"', 1)[0]
    assert "Since TensorFlow [2.16](x.md#fact-bundled-keras) it is Keras 3" in tf_tab
    assert "Writing `tf.keras`?" not in render_example(tabs)  # sections: no note
