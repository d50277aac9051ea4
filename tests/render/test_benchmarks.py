"""The renderer: tables, well-formed SVG with error bars, findings, missing data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.helpers.bench import make_bench

from dlcompare.bench.models import Spread
from dlcompare.render.benchmarks import (
    bar_chart,
    findings,
    render_bench,
    render_bench_marker,
    results_table,
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


def test_chart_is_well_formed_accessible_and_has_error_bars():
    bench = make_bench()
    figure = bar_chart(bench.results, "train", "caption: env and date")
    (svg,) = svgs(figure)
    assert svg.get("role") == "img"
    assert "PyTorch eager 100" in svg.get("aria-label")
    assert "Keras · JAX failed" in svg.get("aria-label")
    assert svg.find(f"{SVG}title").text.startswith("Training throughput")
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 1  # the failed configuration gets text, not a bar
    errorbars = [p for p in svg.findall(f"{SVG}path") if p.get("class") == "dlc-errorbar"]
    assert len(errorbars) == 1
    assert "currentColor" in errorbars[0].get("stroke")  # follows light/dark theme
    assert "<figcaption>caption: env and date</figcaption>" in figure
    assert "\n\n" not in figure.strip()  # a blank line would end the HTML block


def test_error_bar_spans_min_to_max():
    bench = make_bench()
    (svg,) = svgs(bar_chart(bench.results[:1], "train", "c"))
    path = next(p for p in svg.findall(f"{SVG}path") if p.get("class") == "dlc-errorbar")
    d = path.get("d")
    start, end = d.split("H")[0][1:].split()[0], d.split("H")[1].split("M")[0]
    rect = svg.find(f"{SVG}rect")
    left, width = float(rect.get("x")), float(rect.get("width"))
    # median 100 of max 120 over 340 px: the bar ends between the whiskers' ends
    assert float(start) < left + width < float(end)


def test_table_shows_median_and_range_and_failures():
    table = results_table(make_bench().results)
    lines = [line for line in table.splitlines() if line.startswith("|")]  # inside the wrapper
    assert 'class="dlc-table dlc-table--cards dlc-table--numbers"' in table
    assert lines[0].startswith("| Configuration | Training, samples/s")
    assert (
        "| PyTorch eager | 100 <small>(90.0–120)</small> | 0.15 <small>(0.1–0.2)</small> |"
    ) in table
    assert "| Keras · JAX | failed |" in table
    assert "| 300 | — | 0.900 |" in table
    assert len(lines) == 4


def test_findings_name_the_ratio_and_noise():
    bench = make_bench()
    second = bench.results[0].model_copy(
        update={"mode": "compile", "train_samples_per_s": Spread.of([50.0, 55.0, 60.0])}
    )
    bench.results.append(second)
    text = " ".join(findings(bench))
    assert "fastest to train was PyTorch eager" in text
    assert "a factor of 1.8" in text
    assert "No other configuration's min–max range overlaps PyTorch eager's" in text
    assert "Did not finish: Keras · JAX on mlp (failed)" in text


def test_missing_data_says_how_to_produce_it():
    text = render_bench(None, "cuda", "data/bench/cuda.json")
    assert text.startswith('!!! note "No benchmark results for `cuda`"')
    assert "GPU runner" in text
    assert "make bench" in render_bench(None, "cpu", "data/bench/cpu.json")


def test_marker_is_registered_and_expands(tmp_path: Path):
    assert RENDERERS["bench"] is render_bench_marker
    from dlcompare.bench.models import dump

    dump(make_bench(), tmp_path / "data" / "bench" / "cpu.json")
    ctx = RenderContext(root=tmp_path, page="benchmarks.md")
    page = expand("# B\n\n<!-- bench: cpu -->\n\n<!-- bench: cuda -->\n", ctx)
    assert "Test CPU (2 logical cores" in page
    assert len(svgs(page)) == 2 + 1  # two charts for the one workload present + startup
    assert "No results for the `cnn` workload" in page
    assert "No benchmark results for `cuda`" in page


def test_marker_rejects_unknown_arguments(tmp_path: Path):
    ctx = RenderContext(root=tmp_path)
    with pytest.raises(ValueError, match='marker "bench": unknown argument "colour"'):
        expand("<!-- bench: cpu colour=red -->", ctx)
    from dlcompare.bench.models import dump

    dump(make_bench(), tmp_path / "data" / "bench" / "cpu.json")
    with pytest.raises(ValueError, match="unknown section"):
        render_bench_marker(ctx, "cpu", section="nope")


def test_latency_whiskers_use_percentiles_not_outliers():
    bench = make_bench()
    samples = [1.0] * 9 + [100.0]  # one scheduler hiccup
    bench.results[0].latency_b1_ms = Spread.of(samples)
    figure = bar_chart(bench.results[:1], "b1", "c")
    assert "whiskers: 10th–90th percentile of calls" in figure
    assert "whiskers 1.00–1.00" in figure
