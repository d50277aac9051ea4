"""One benchmark metric as an inline SVG chart: median bars or dots with IQR whiskers.

The chart has no viewBox: x positions are percentages of its width and text is not
scaled, so labels stay at the page's body size from a 390 px phone to a desktop.
Each row puts the configuration's name on the left and its median on the right,
above the bar, so no label competes with a bar for room. Colours come from CSS
classes (``dlc-fw-<framework>``, see docs/stylesheets) with Okabe–Ito fallbacks;
lines and text use ``currentColor`` and follow the light or dark scheme.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlcompare.bench.models import BenchResult, Summary
from dlcompare.render.bench_axis import axis_for, compact
from dlcompare.render.jinja import render as render_template

__all__ = ["COLOURS", "METRICS", "Metric", "chart", "fmt", "label"]

#: Okabe–Ito colours: distinguishable with colour-blindness, readable on light and dark.
COLOURS = {"pytorch": "#E69F00", "tensorflow": "#56B4E9", "keras": "#009E73"}
MODE_LABELS = {
    ("pytorch", "eager"): "PyTorch eager",
    ("pytorch", "compile"): "PyTorch torch.compile",
    ("tensorflow", "eager"): "TensorFlow eager",
    ("tensorflow", "function"): "TensorFlow tf.function",
    ("tensorflow", "xla"): "TensorFlow tf.function + XLA",
    ("keras", "tensorflow"): "Keras · TensorFlow",
    ("keras", "torch"): "Keras · PyTorch",
    ("keras", "jax"): "Keras · JAX (jit)",
}


@dataclass(frozen=True)
class Metric:
    field: str
    title: str
    unit: str
    hint: str


METRICS = {
    "train": Metric("train_samples_per_s", "Training throughput", "samples/s", "higher is better"),
    "b1": Metric("latency_b1_ms", "Inference latency, batch 1", "ms", "lower is better"),
    "b256": Metric("latency_b256_ms", "Inference latency, batch 256", "ms", "lower is better"),
    "startup": Metric(
        "time_to_first_step_s",
        "Time to first training step",
        "s",
        "lower is better; import + build + first step",
    ),
}

# Row geometry in px: name baseline, then the bar under it.
TOP, ROW_H, TEXT_DY, BAR_DY, BAR_H = 8, 48, 18, 26, 14
X0, X1 = 1.0, 98.0  # the plot's left and right edge, % of the width


def label(result: BenchResult) -> str:
    return MODE_LABELS.get((result.framework, result.mode), result.key)


def fmt(value: float) -> str:
    """Three significant figures, thousands separated."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _x(fraction: float) -> str:
    return f"{X0 + (X1 - X0) * fraction:.2f}"


def chart(results: list[BenchResult], metric: str, caption: str) -> str:
    """The SVG figure for one metric of some configurations (failed ones say so)."""
    m = METRICS[metric]
    named: list[tuple[BenchResult, Summary | None]] = [
        (r, getattr(r, m.field) if r.status == "ok" else None) for r in results
    ]
    values = [v for _, s in named if s for v in (s.q1, s.q3, s.median)]
    axis = axis_for(values)
    axis_y = TOP + ROW_H * len(named) + 4
    rows = []
    for i, (result, summary) in enumerate(named):
        y = TOP + i * ROW_H
        row: dict[str, object] = {
            "name": label(result),
            "text_y": y + TEXT_DY,
            "failed": summary is None,
            "status": result.status,
        }
        if summary is not None:
            row |= {
                "bar": not axis.log,
                "framework": result.framework,
                "colour": COLOURS.get(result.framework, "#999999"),
                "bar_y": y + BAR_DY,
                "bar_h": BAR_H,
                "mid_y": y + BAR_DY + BAR_H // 2,
                "width": f"{(X1 - X0) * axis.position(summary.median):.2f}",
                "mid_x": _x(axis.position(summary.median)),
                "low_x": _x(axis.position(summary.q1)),
                "high_x": _x(axis.position(summary.q3)),
                "median": fmt(summary.median),
                "low": fmt(summary.q1),
                "high": fmt(summary.q3),
                "samples": summary.n,
            }
        rows.append(row)
    last = len(axis.ticks) - 1
    ticks = [
        {
            "x": _x(axis.position(t)),
            "label": compact(t),
            "anchor": "start" if i == 0 else "end" if i == last else "middle",
        }
        for i, t in enumerate(axis.ticks)
    ]
    aria = f"{m.title} ({m.unit}, {m.hint}): " + "; ".join(
        f"{label(r)} {fmt(s.median)}" if s else f"{label(r)} {r.status}" for r, s in named
    )
    scale = "log scale" if axis.log else "linear scale"
    return (
        render_template(
            "bench_chart.svg",
            height=axis_y + 58,
            top=TOP,
            axis_y=axis_y,
            x0=X0,
            x1=X1,
            aria=aria,
            title=m.title,
            unit=m.unit,
            hint=m.hint,
            axis_label=f"{m.unit} ({scale})",
            ticks=ticks,
            rows=rows,
            caption=f"{m.title} ({m.unit}, {m.hint}); bar or dot: median, whiskers: "
            f"interquartile range. {caption}",
        )
        + "\n"
    )
