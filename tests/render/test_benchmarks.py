"""The renderer: charts with axes and ticks, split tables, findings by the IQR rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.helpers.bench import make_bench, result

from dlcompare.bench.models import dump
from dlcompare.render.bench_chart import chart
from dlcompare.render.benchmarks import (
    findings,
    inference_table,
    render_bench,
    render_bench_marker,
    training_table,
)
from dlcompare.render.context import RenderContext
from dlcompare.render.markers import RENDERERS, expand

SVG = "{http://www.w3.org/2000/svg}"


def svgs(markdown: str) -> list[ET.Element]:
    out, rest = [], markdown
    while "<svg" in rest:
        start = rest.index("<svg")
        end = rest.index("</svg>", start) + len("</svg>")
        out.append(ET.fromstring(rest[start:end]))
        rest = rest[end:]
    return out


def by_class(svg: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in svg.iter() if name in (e.get("class") or "").split()]


def test_chart_has_axis_ticks_unit_and_error_bars():
    figure = chart(make_bench().results, "train", "caption: env and date")
    (svg,) = svgs(figure)
    assert svg.get("role") == "img" and svg.get("viewBox") is None  # text never scaled down
    assert "PyTorch eager 100" in svg.get("aria-label")
    assert "Keras · JAX (jit) failed" in svg.get("aria-label")
    assert len(by_class(svg, "dlc-axis")) == 1
    ticks = by_class(svg, "dlc-tick-label")
    assert len(ticks) >= 3 and ticks[0].text == "0"
    assert by_class(svg, "dlc-axis-label")[0].text == "samples/s (linear scale)"
    assert len(by_class(svg, "dlc-bar")) == 1  # the failed configuration gets text, not a bar
    assert all(e.get("stroke") == "currentColor" for e in by_class(svg, "dlc-errorbar"))
    assert "font-size" not in figure  # labels inherit the page's body size
    assert "caption: env and date</figcaption>" in figure
    assert "\n\n" not in figure.strip()  # a blank line would end the HTML block


def test_whiskers_span_the_interquartile_range():
    r = result("pytorch", "eager", [100.0, 110.0, 120.0, 130.0, 140.0])  # IQR 110–130
    (svg,) = svgs(chart([r], "train", "c"))
    bar = by_class(svg, "dlc-bar")[0]
    low, high = (float(by_class(svg, "dlc-errorbar")[0].get(k).rstrip("%")) for k in ("x1", "x2"))
    end = float(bar.get("x").rstrip("%")) + float(bar.get("width").rstrip("%"))
    assert low < end < high
    assert "IQR 110–130" in ET.tostring(svg, encoding="unicode")


def test_values_spanning_more_than_20x_get_a_log_axis_and_dots():
    fast = result("pytorch", "eager", [0.01, 0.011, 0.012])
    slow = result("keras", "jax", [1.0, 1.1, 1.2])
    fast.latency_b1_ms = fast.train_samples_per_s
    slow.latency_b1_ms = slow.train_samples_per_s
    (svg,) = svgs(chart([fast, slow], "b1", "c"))
    assert by_class(svg, "dlc-axis-label")[0].text == "ms (log scale)"
    assert [t.text for t in by_class(svg, "dlc-tick-label")] == ["0.01", "0.1", "1", "10"]
    assert len(by_class(svg, "dlc-dot")) == 2 and not by_class(svg, "dlc-bar")


def test_tables_are_narrow_and_show_iqr_cv_and_contention():
    bench = make_bench()
    train = training_table(bench.results)
    assert 'data-caption="Training throughput per configuration"' in train.splitlines()[0]
    assert train.splitlines()[2].count("|") == 6  # five columns
    assert "| PyTorch eager | 100 <small>(95.0–110)</small> | 15 % | 0 of 3 | 1.00 |" in train
    assert "| Keras · JAX (jit) | failed |" in train
    infer = inference_table(bench.results)
    assert infer.splitlines()[2].count("|") == 7  # six columns
    assert "| 300 | 0.900 |" in infer


def _bench_with(*results):
    bench = make_bench()
    bench.results = list(results)
    return bench


def test_findings_claim_only_disjoint_iqrs():
    fast = result("pytorch", "eager", [100.0, 105.0, 110.0])
    slow = result("pytorch", "compile", [50.0, 55.0, 60.0])
    close = result("tensorflow", "eager", [98.0, 102.0, 108.0])
    text = " ".join(findings(_bench_with(fast, slow, close)))
    assert "the highest median training throughput was PyTorch eager (105, IQR" in text
    assert "It trained faster than PyTorch torch.compile" in text
    assert "factor of 1.9" in text
    assert "Its IQR overlaps that of TensorFlow eager, so this run cannot order them" in text
    assert "PyTorch torch.compile (55.0, IQR 52.5–57.5) trained slower than PyTorch eager" in text
    assert "0 of 9 timed repetitions were flagged as contended" in text


def test_contended_configurations_are_never_compared():
    fast = result("pytorch", "eager", [100.0, 105.0, 110.0], cpu_per_wall=0.5)
    slow = result("pytorch", "compile", [50.0, 55.0, 60.0])
    text = " ".join(findings(_bench_with(fast, slow)))
    assert "faster" not in text and "slower" not in text
    assert "no difference in training speed can be claimed" in text
    assert "3 of 6 timed repetitions were flagged" in text


def test_quick_runs_claim_nothing():
    bench = _bench_with(
        result("pytorch", "eager", [100.0, 105.0, 110.0]),
        result("pytorch", "compile", [50.0, 55.0, 60.0]),
    )
    bench.quick = True
    assert "faster" not in " ".join(findings(bench))


def test_missing_data_says_how_to_produce_it():
    text = render_bench(None, "cuda", "data/bench/cuda.json")
    assert text.startswith('!!! note "No benchmark results for `cuda`"')
    assert "dlcompare bench --device cuda" in text
    assert "make bench" in render_bench(None, "cpu", "data/bench/cpu.json")


def test_marker_is_registered_and_expands(tmp_path: Path):
    assert RENDERERS["bench"] is render_bench_marker
    dump(make_bench(), tmp_path / "data" / "bench" / "cpu.json")
    ctx = RenderContext(root=tmp_path, page="benchmarks.md")
    page = expand("# B\n\n<!-- bench: cpu -->\n\n<!-- bench: cuda -->\n", ctx)
    assert "Test CPU (2 logical cores" in page
    assert "1 round(s) × 3 timed repetitions" in page
    assert len(svgs(page)) == 2 + 1  # two charts for the one workload present + startup
    assert "No results for the `cnn32` workload" in page
    assert "No benchmark results for `cuda`" in page


def test_migrated_file_says_so(tmp_path: Path):
    bench = make_bench(migrated_from=1)
    assert "converted from format 1" in render_bench(bench, "cpu", "x", "environment")


def test_marker_rejects_unknown_arguments(tmp_path: Path):
    ctx = RenderContext(root=tmp_path)
    with pytest.raises(ValueError, match='marker "bench": unknown argument "colour"'):
        expand("<!-- bench: cpu colour=red -->", ctx)
    dump(make_bench(), tmp_path / "data" / "bench" / "cpu.json")
    with pytest.raises(ValueError, match="unknown section"):
        render_bench_marker(ctx, "cpu", section="nope")
