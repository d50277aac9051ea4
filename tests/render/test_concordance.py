"""The migration concordance: rendering (loading and lint are in tests/facts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.miniproject import context, make_concordance_project, write

from dlcompare.facts.concordance import ConcordanceFile, load
from dlcompare.render.concordance import Links, render_concordance, render_group
from dlcompare.render.markers import MarkerError, expand


def table_lines(text: str) -> list[str]:
    """The Markdown table's lines, without the captioned wrapper (render.tables)."""
    return [line for line in text.splitlines() if line.startswith("|")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_concordance_project(tmp_path)


def test_render_group_marks_verified_calls_and_escapes_pipes() -> None:
    data = ConcordanceFile.model_validate(
        {
            "groups": [
                {
                    "id": "g",
                    "title": "G",
                    "rows": [
                        {
                            "concept": "Make",
                            "task": "t",
                            "pytorch": "torch.tensor([1])",
                            "tensorflow": {"code": None, "note": "none"},
                            "keras": {"code": "a | b", "task": None, "sources": ["s"]},
                        },
                    ],
                }
            ]
        }
    )
    links = Links(example_pages={"t": "examples/t.md"}, sources={"s": ("Docs", "https://x.org")})
    table = render_group(data.groups[0], links)
    assert table_lines(table)[0] == "| Concept | PyTorch | TensorFlow | Keras |"
    row = table_lines(table)[2]
    assert '`torch.tensor([1])` [✓](examples/t.md "appears in snippets/t/pytorch.py' in row
    assert "— <br><small>none</small>" in row.replace("—<br>", "— <br>")
    assert "`a &#124; b`" in row and '[↗](https://x.org "Docs")' in row
    assert row.count(" | ") == 3  # four cells: the escaped pipe does not split one


def test_explicit_null_task_opts_out_of_the_row_task() -> None:
    data = ConcordanceFile.model_validate(
        {
            "groups": [
                {
                    "id": "g",
                    "title": "G",
                    "rows": [
                        {
                            "concept": "C",
                            "task": "t",
                            "pytorch": "p()",
                            "tensorflow": "t()",
                            "keras": {"code": "k()", "task": None, "sources": ["s"]},
                        },
                    ],
                }
            ]
        }
    )
    row = data.groups[0].rows[0]
    assert row.task_for("pytorch") == "t" and row.task_for("keras") is None


def test_unknown_group_lists_known_ones(project: Path) -> None:
    data = load(project).data
    with pytest.raises(ValueError, match="unknown concordance group 'x'; known groups: basics"):
        render_concordance(data, Links({}, {}), "x")
    text = render_concordance(data, Links({}, {}))
    assert text.startswith('### Basics\n\n<div class="dlc-table')
    assert table_lines(text)[0].startswith("| Concept |")


def test_marker_renders_and_links_existing_example_pages(project: Path) -> None:
    write(project, "docs/examples/t.md", "# T\n")
    out = expand("<!-- concordance: group=basics -->", context(project, "migration.md"))
    assert "[✓](examples/t.md" in out


def test_marker_fails_the_build_on_a_broken_file(project: Path) -> None:
    write(project, "snippets/t/tensorflow.py", "x = 1\n")
    with pytest.raises(
        MarkerError, match=r"docs/m.md:1: concordance: data/concordance.yaml is invalid"
    ):
        expand("<!-- concordance: -->", context(project, "m.md"))


def _proven_group(tolerance: float, expect: str) -> ConcordanceFile:
    return ConcordanceFile.model_validate(
        {
            "groups": [
                {
                    "id": "g",
                    "title": "G",
                    "rows": [
                        {
                            "id": "bn",
                            "concept": "BatchNorm",
                            "pytorch": "nn.BatchNorm2d(4)",
                            "tensorflow": "tf.nn.batch_normalization(...)",
                            "keras": "layers.BatchNormalization()",
                            "proof": {
                                "program": "snippets/concordance/layers.py",
                                "expect": expect,
                                "tolerance": tolerance,
                            },
                        },
                        {
                            "concept": "Unproven",
                            "sources": ["s"],
                            "pytorch": "a()",
                            "tensorflow": "b()",
                            "keras": "c()",
                        },
                    ],
                }
            ]
        }
    )


def _measured(max_abs: float, reason: str | None) -> Links:
    from dlcompare.facts.proofs import Measurement, ProgramRecord

    m = Measurement("bn", "equal", max_abs, 1e-5, reason)
    record = ProgramRecord("0" * 64, "2026-12-02", 3.0, True, {"torch": "2.13.0"}, {"bn": m})
    return Links({}, {}, {("snippets/concordance/layers.py", "bn"): (m, record)})


def test_a_proven_row_shows_the_measured_number() -> None:
    group = _proven_group(1e-5, "equal").groups[0]
    lines = table_lines(render_group(group, _measured(3e-7, None)))
    assert lines[0] == "| Concept | PyTorch | TensorFlow | Keras | Measured |"
    assert lines[2].endswith(">equal to 3e-7, measured</span> |")
    assert "measured by snippets/concordance/layers.py on 2026-12-02 (torch 2.13.0)" in lines[2]
    assert lines[3].endswith("| — |")  # an unproven row in a proven group


def test_a_difference_shows_the_programs_reason_escaped() -> None:
    group = _proven_group(1e-5, "differs").groups[0]
    reason = "Keras's momentum 0.99 = 1 - 0.1 | <b>x</b>"
    row = table_lines(render_group(group, _measured(0.041, reason)))[2]
    assert "differs: max 0.041 — Keras's momentum 0.99 = 1 - 0.1 &#124; &lt;b&gt;x&lt;/b&gt;" in row
    assert "<b>" not in row and row.count(" | ") == 4


def test_an_unmeasured_proof_says_so_and_unproven_groups_have_no_column() -> None:
    group = _proven_group(1e-5, "equal").groups[0]
    assert ">not measured yet</span>" in render_group(group, Links({}, {}))
    plain = group.model_copy(update={"rows": group.rows[1:]})
    assert "Measured" not in render_group(plain, Links({}, {}))


def test_verified_calls_show_where_their_example_runs_across_releases() -> None:
    from dlcompare.matrix.infer import Observation, infer
    from dlcompare.render.concordance import release_ranges

    def cell(framework: str, program: str, backend: str | None, spec: str):
        found = [Observation(v, s) for v, s in (item.split(":") for item in spec.split())]  # type: ignore[arg-type]
        return infer(framework, program, backend, found)

    ranges = release_ranges(
        [
            cell("torch", "snippets/t/pytorch.py", None, "2.12.1:fail 2.13.0:pass 2.15.0:pass"),
            cell("keras", "snippets/t/keras.py", "tensorflow", "3.11.3:pass 3.12.4:pass"),
            cell("keras", "snippets/t/keras.py", "torch", "3.11.3:fail 3.12.4:warn"),
            cell("tensorflow", "snippets/t/tensorflow.py", None, "2.20.0:not-run"),
            cell("torch", "snippets/facts/x.py", None, "2.13.0:pass"),  # a fact check: not a call
        ]
    )
    assert sorted(ranges) == [
        "snippets/t/keras.py",
        "snippets/t/pytorch.py",
        "snippets/t/tensorflow.py",
    ]
    data = ConcordanceFile.model_validate(
        {
            "groups": [
                {
                    "id": "g",
                    "title": "G",
                    "rows": [
                        {
                            "concept": "Make",
                            "task": "t",
                            "pytorch": "torch.tensor([1])",
                            "tensorflow": "tf.constant([1])",
                            "keras": "ops.convert_to_tensor([1])",
                        },
                    ],
                }
            ]
        }
    )
    links = Links(example_pages={"t": "examples/t.md"}, sources={}, releases=ranges)
    row = table_lines(render_group(data.groups[0], links))[2]
    pytorch, tensorflow, keras = row.split(" | ")[1:4]
    assert (
        'class="dlc-measured-range"' in pytorch and "runs on torch 2.13–2.15, measured" in pytorch
    )
    assert "snippets/t/pytorch.py, the example this call appears in" in pytorch
    assert "2.12.1, 2.13.0, 2.15.0" in pytorch
    # Keras: the releases where every backend ran it (3.11 failed on torch).
    assert "runs on keras 3.12, measured" in keras and "on every Keras backend" in keras
    # Nothing measured (only not-run): no range is claimed.
    assert "measured" not in tensorflow
