"""Benchmark results → Markdown tables, inline SVG bar charts and findings. Pure functions.

``<!-- bench: cpu -->`` renders ``data/bench/cpu.json``; ``section=`` picks one part:
``environment``, ``workload`` (with ``workload=mlp|cnn|wide``), ``startup`` or
``findings``. A missing file renders a note saying how to produce it, never an error.
"""

from __future__ import annotations

from dlcompare.bench.models import BenchFile, BenchResult, Spread
from dlcompare.render.context import RenderContext
from dlcompare.render.jinja import render as render_template
from dlcompare.render.tables import captioned
from dlcompare.render.text import md_code, md_text

WORKLOAD_TITLES = {
    "mlp": "MLP on digits (batch 32)",
    "cnn": "Small CNN on digits (batch 32)",
    "wide": "Wide MLP on synthetic data (batch 256)",
}
MODE_LABELS = {
    ("pytorch", "eager"): "PyTorch eager",
    ("pytorch", "compile"): "PyTorch torch.compile",
    ("tensorflow", "eager"): "TensorFlow eager",
    ("tensorflow", "function"): "TensorFlow tf.function",
    ("tensorflow", "xla"): "TensorFlow tf.function + XLA",
    ("keras", "tensorflow"): "Keras · TensorFlow",
    ("keras", "torch"): "Keras · PyTorch",
    ("keras", "jax"): "Keras · JAX",
}
#: Okabe–Ito colours: distinguishable with colour-blindness, readable on light and dark.
COLOURS = {"pytorch": "#E69F00", "tensorflow": "#56B4E9", "keras": "#009E73"}
METRICS = {
    "train": ("train_samples_per_s", "Training throughput", "samples/s", "higher is better"),
    "b1": ("latency_b1_ms", "Inference latency, batch 1", "ms", "lower is better"),
    "b256": ("latency_b256_ms", "Inference latency, batch 256", "ms", "lower is better"),
    "startup": (
        "time_to_first_step_s",
        "Time to first training step",
        "s",
        "lower is better; import + build + first step",
    ),
}
#: Latencies have dozens of samples and a few scheduler outliers; their whiskers show
#: the 10th–90th percentile. Training repetitions are few: whiskers show min–max.
PERCENTILE_METRICS = {"b1", "b256"}


def whiskers(spread: Spread, metric: str) -> tuple[float, float]:
    if metric in PERCENTILE_METRICS:
        return spread.quantile(0.1), spread.quantile(0.9)
    return spread.min, spread.max


def whisker_text(metric: str) -> str:
    if metric in PERCENTILE_METRICS:
        return "whiskers: 10th–90th percentile of calls"
    if metric == "startup":
        return "whiskers: min–max over fresh processes"
    return "whiskers: min–max of repetitions"


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


def fmt_spread(spread: Spread | None, metric: str = "train") -> str:
    if spread is None:
        return "—"
    if len(spread.samples) == 1:
        return fmt(spread.median)
    low, high = whiskers(spread, metric)
    return f"{fmt(spread.median)} <small>({fmt(low)}–{fmt(high)})</small>"


def environment_line(bench: BenchFile) -> str:
    env = bench.environment
    pk = env.packages
    versions = " · ".join(
        f"{name} {pk[name]}" for name in ("torch", "tensorflow", "keras", "jax") if name in pk
    )
    device = env.gpu or f"{env.cpu} ({env.cpu_count} cores)"
    load_avg = f", load average {env.load_average[0]:.1f} at start" if env.load_average else ""
    if env.load_average_end:
        load_avg += f", {env.load_average_end[0]:.1f} at end"
    return (
        f"{device}, {env.threads} thread{'s' if env.threads != 1 else ''} per framework · "
        f"{versions} · Python {env.python} · {env.date[:10]}{load_avg}"
    )


def bar_chart(results: list[BenchResult], metric: str, caption: str) -> str:
    """Horizontal bars (median) with whiskers, as one-line-per-element SVG (a template)."""
    field, title, unit, hint = METRICS[metric]
    named = [
        (label(r), r.framework, getattr(r, field) if r.status == "ok" else None) for r in results
    ]
    top = max((whiskers(s, metric)[1] for _, _, s in named if s is not None), default=1.0) or 1.0
    left, width, row_h, pad = 190, 340, 24, 30
    height = pad + row_h * len(named) + 10
    rows = []
    for i, (name, framework, spread) in enumerate(named):
        y = pad + i * row_h
        mid = y + row_h / 2
        row: dict[str, object] = {"name": name, "text_y": f"{mid + 4:.1f}", "failed": True}
        if spread is not None:
            w = width * spread.median / top
            low, high = whiskers(spread, metric)
            x0, x1 = left + width * low / top, left + width * high / top
            row |= {
                "failed": False,
                "bar_y": y + 4,
                "bar_h": row_h - 8,
                "width": f"{w:.1f}",
                "colour": COLOURS.get(framework, "#999999"),
                "median": fmt(spread.median),
                "low": fmt(low),
                "high": fmt(high),
                "samples": len(spread.samples),
                "path": f"M{x0:.1f} {mid:.1f}H{x1:.1f}M{x0:.1f} {mid - 5:.1f}"
                f"V{mid + 5:.1f}M{x1:.1f} {mid - 5:.1f}V{mid + 5:.1f}",
                "value_x": f"{max(x1, left + w) + 6:.1f}",
            }
        rows.append(row)
    aria = f"{title} ({unit}, {hint}): " + "; ".join(
        f"{name} {fmt(s.median)}" if s else f"{name} failed" for name, _, s in named
    )
    return (
        render_template(
            "bench_chart.svg",
            total_w=left + width + 110,
            height=height,
            left=left,
            pad=pad,
            aria=aria,
            title=title,
            unit=unit,
            hint=hint,
            whiskers=whisker_text(metric),
            rows=rows,
            caption=caption,
        )
        + "\n"
    )


def results_table(results: list[BenchResult]) -> str:
    head = (
        "| Configuration | Training, samples/s | Latency batch 1, ms | Latency batch 256, ms "
        "| First step, s | Peak memory, MiB | CPU s per s | Test accuracy |\n"
        "|---|--:|--:|--:|--:|--:|--:|--:|\n"
    )
    lines = []
    for r in results:
        if r.status != "ok":
            lines.append(f"| {md_text(label(r))} | {md_text(r.status)} | — | — | — | — | — | — |")
            continue
        cpu = f"{r.train_cpu_per_wall:.2f}" if r.train_cpu_per_wall is not None else "—"
        lines.append(
            f"| {md_text(label(r))} | {fmt_spread(r.train_samples_per_s)} "
            f"| {fmt_spread(r.latency_b1_ms, 'b1')} | {fmt_spread(r.latency_b256_ms, 'b256')} "
            f"| {fmt_spread(r.time_to_first_step_s, 'startup')} "
            f"| {r.peak_rss_mib:,.0f} | {cpu} | {r.accuracy:.3f} |"
        )
    table = head + "\n".join(lines)
    return captioned(table, "Measured per configuration", cards=True, numbers=True) + "\n"


def by_workload(bench: BenchFile, workload: str) -> list[BenchResult]:
    return [r for r in bench.results if r.workload == workload]


def overlaps(a: Spread, b: Spread) -> bool:
    return a.min <= b.max and b.min <= a.max


def _name(result: BenchResult) -> str:
    return md_text(label(result))


def _workload_finding(workload: str, runs: list[tuple[BenchResult, Spread]]) -> str:
    """Fastest, slowest, ties within the noise and the widest spread of one workload."""
    ranked = sorted(runs, key=lambda run: run[1].median, reverse=True)
    (best, best_s), (worst, worst_s) = ranked[0], ranked[-1]
    ratio = best_s.median / worst_s.median
    ties = [_name(r) for r, s in ranked[1:] if overlaps(s, best_s)]
    tie_text = (
        f" {_name(best)}'s min–max range overlaps {', '.join(ties)}, so that "
        "ordering is within the noise of this run."
        if ties
        else f" No other configuration's min–max range overlaps {_name(best)}'s."
    )
    noisiest, noisiest_s = max(runs, key=lambda run: run[1].rel_spread)
    return (
        f"**{WORKLOAD_TITLES[workload]}:** fastest to train was {_name(best)} "
        f"({fmt(best_s.median)} samples/s), slowest {_name(worst)} "
        f"({fmt(worst_s.median)}), a factor of {ratio:.1f}.{tie_text} "
        f"The widest spread was {_name(noisiest)}'s: its repetitions ranged over "
        f"{100 * noisiest_s.rel_spread:.0f} % of its median."
    )


def findings(bench: BenchFile) -> list[str]:
    """Plain statements computed from the numbers: who is fastest, by how much, and noise."""
    out = []
    for workload in WORKLOAD_TITLES:
        runs = [
            (r, r.train_samples_per_s)
            for r in by_workload(bench, workload)
            if r.status == "ok" and r.train_samples_per_s is not None
        ]
        if len(runs) >= 2:
            out.append(_workload_finding(workload, runs))
    failed = [r for r in bench.results if r.status != "ok"]
    if failed:
        out.append(
            "Did not finish: "
            + ", ".join(
                f"{_name(r)} on {md_text(r.workload)} ({md_text(r.status)})" for r in failed
            )
            + "."
        )
    return out


def missing(label_: str, path: str) -> str:
    how = (
        "It is written by the GPU runner (`python -m dlcompare.bench --label cuda`); no GPU "
        "machine has produced it yet."
        if label_ != "cpu"
        else "Run `make bench` to produce it."
    )
    return f'!!! note "No benchmark results for `{label_}`"\n\n    `{path}` does not exist. {how}\n'


def render_environment(bench: BenchFile, path: str) -> str:
    env = bench.environment
    rows = [
        ("CPU", f"{env.cpu} ({env.cpu_count} logical cores, {env.machine})"),
        ("GPU", env.gpu or "none (every framework was hidden from GPUs)"),
        ("Threads", f"{env.threads} intra-op and inter-op thread(s) per framework"),
        ("Operating system", env.platform),
        ("Python", env.python),
        *(
            (name, version)
            for name, version in sorted(env.packages.items())
            if name in ("torch", "tensorflow", "keras", "jax", "jaxlib", "numpy", "scikit-learn")
        ),
        ("Date (UTC)", env.date),
        (
            "Load average (1, 5, 15 min)",
            f"{', '.join(map(str, env.load_average))} at start; "
            f"{', '.join(map(str, env.load_average_end))} at end",
        ),
        ("Whole run", f"{env.wall_s:.0f} s" if env.wall_s else "—"),
        (
            "Repetitions",
            f"{bench.repeat} timed per process, after one warm-up"
            + (" (quick smoke run: not a measurement)" if bench.quick else ""),
        ),
    ]
    cells = [(k, md_text(v)) for k, v in rows]
    cells += [("Command", md_code(env.command)), ("Data", md_code(path))]
    table = "| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in cells)
    return captioned(table, "Machine and software of this run", numbers=True) + "\n"


def render_workload(bench: BenchFile, workload: str) -> str:
    if workload not in WORKLOAD_TITLES:
        raise ValueError(f"unknown workload {workload!r}; use {', '.join(WORKLOAD_TITLES)}")
    results = by_workload(bench, workload)
    if not results:
        return f"*No results for the `{workload}` workload in this file.*\n"
    caption = environment_line(bench)
    return "\n".join(
        [
            bar_chart(results, "train", f"{WORKLOAD_TITLES[workload]}, training. {caption}"),
            bar_chart(results, "b1", f"{WORKLOAD_TITLES[workload]}, batch-1 inference. {caption}"),
            results_table(results),
            "Median, with the spread in small type: (min–max) of the timed repetitions for "
            "training, (10th–90th percentile) of the calls for latency. *CPU s per s* is CPU "
            "time per wall-clock second while training: about 1 means one busy core, well "
            "below 1 means other programs took the core for part of the time.\n",
        ]
    )


def render_startup(bench: BenchFile) -> str:
    results = by_workload(bench, "mlp") or bench.results
    return bar_chart(
        results,
        "startup",
        f"MLP workload: fresh process to end of first training step. {environment_line(bench)}",
    )


def render_bench(
    bench: BenchFile | None,
    label_: str,
    path: str,
    section: str = "all",
    workload: str | None = None,
) -> str:
    if bench is None:
        return missing(label_, path)
    if section == "environment":
        return render_environment(bench, path)
    if section == "workload":
        if not workload:
            raise ValueError("section=workload needs workload=mlp|cnn|wide")
        return render_workload(bench, workload)
    if section == "startup":
        return render_startup(bench)
    if section == "findings":
        return "\n".join(f"- {line}" for line in findings(bench)) + "\n"
    if section != "all":
        raise ValueError(
            f"unknown section {section!r}; use environment, workload, startup, findings or all"
        )
    parts = [render_environment(bench, path)]
    for name, title in WORKLOAD_TITLES.items():
        parts += [f"### {title}\n", render_workload(bench, name)]
    parts += [
        "### Time to first step\n",
        render_startup(bench),
        "### Findings\n",
        render_bench(bench, label_, path, "findings"),
    ]
    return "\n".join(parts)


def render_bench_marker(
    ctx: RenderContext,
    label_: str = "cpu",
    *,
    section: str = "all",
    workload: str | None = None,
) -> str:
    """``<!-- bench: cpu [section=environment|workload|startup|findings] [workload=mlp] -->``."""
    bench, rel = ctx.data.benchmark(label_)
    return render_bench(bench, label_, rel, section, workload)
