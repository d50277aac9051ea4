"""One Keras program with one output tab per backend."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from dlcompare.render.backends import backend_tab, render_backends
from dlcompare.render.context import RenderContext
from dlcompare.render.examples import TabData
from dlcompare.render.markers import MarkerError, expand
from dlcompare.render.text import expand_raw
from dlcompare.snippets.discover import Program
from dlcompare.snippets.records import Record
from dlcompare.vocabulary import KERAS_BACKENDS

SHA = "a" * 64


def record(backend: str, stdout: str) -> Record:
    return Record(
        snippet="snippets/t/keras.py",
        task="t",
        framework="keras",
        backend=backend,
        source_sha256=SHA,
        status="passed",
        device="cpu",
        device_name="CPU",
        python="3.11.7",
        platform="Linux",
        packages={"keras": "3.15.1"},
        env_fingerprint="f",
        date="2026-11-25T10:00:00+00:00",
        duration_s=1.0,
        returncode=0,
        stdout=stdout,
    )


def tab(backends=KERAS_BACKENDS, reason="", records=None) -> TabData:
    program = Program(
        path=Path("snippets/t/keras.py"),
        task="t",
        framework="keras",
        source_sha256=SHA,
        backends=backends,
        backends_reason=reason,
    )
    return TabData(program=program, current_sha256=SHA, records=records or {})


def test_one_program_then_one_tab_per_backend() -> None:
    records = {("cpu", b): record(b, f"backend: {b}") for b in KERAS_BACKENDS}
    out = render_backends(tab(records=records))
    assert out.count('--8<-- "snippets/t/keras.py"') == 1
    tabs = [line for line in out.splitlines() if line.startswith("=== ")]
    assert tabs == [
        '=== "KERAS_BACKEND=tensorflow"',
        '=== "KERAS_BACKEND=torch"',
        '=== "KERAS_BACKEND=jax"',
    ]
    assert "backend: jax" in expand_raw(out)
    assert 'class="dlc-run"' in out


def test_section_includes_only_that_part() -> None:
    assert '--8<-- "snippets/t/keras.py:train"' in render_backends(tab(), "train")


def test_unsupported_backend_says_why() -> None:
    out = backend_tab(tab(backends=("tensorflow", "jax"), reason="needs torch_xla"), "torch")
    assert "Not run on this backend" in out and "needs torch_xla" in html.unescape(out)


def test_missing_record_says_how_to_record_it() -> None:
    assert "make snippets" in backend_tab(tab(), "jax")


def test_refuses_non_keras_programs() -> None:
    t = tab()
    t.program = Program(
        path=Path("snippets/t/pytorch.py"), task="t", framework="pytorch", source_sha256=SHA
    )
    with pytest.raises(ValueError, match="is not a Keras program"):
        render_backends(t)


def test_marker_checks_program_and_section(tmp_path: Path) -> None:
    (tmp_path / "snippets" / "t").mkdir(parents=True)
    (tmp_path / "snippets" / "t" / "pytorch.py").write_text("print(1)\n")
    ctx = RenderContext(root=tmp_path, page="k.md")
    with pytest.raises(MarkerError, match=r"snippets/t/keras\.py does not exist"):
        expand("<!-- keras-backends: t -->", ctx)
    (tmp_path / "snippets" / "t" / "keras.py").write_text(
        "# --8<-- [start:a]\nx = 1\n# --8<-- [end:a]\n"
    )
    with pytest.raises(MarkerError, match="has no section 'b'"):
        expand("<!-- keras-backends: t section=b -->", RenderContext(root=tmp_path, page="k.md"))
    out = expand("<!-- keras-backends: t section=a -->", RenderContext(root=tmp_path, page="k.md"))
    assert '"snippets/t/keras.py:a"' in out
