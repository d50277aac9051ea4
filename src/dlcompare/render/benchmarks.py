"""Benchmark results → Markdown tables, inline SVG charts and findings. Pure functions.

``<!-- bench: cpu -->`` renders ``data/bench/cpu.json``; ``section=`` picks one part:
``environment``, ``method``, ``workload`` (with ``workload=mlp|cnn|wide|cnn32``),
``startup`` or ``findings``. A missing file renders a note saying how to produce it.

Every comparative sentence on the page comes from ``findings``: a difference is
stated only when two configurations' interquartile ranges do not overlap and both
summaries rest on uncontended repetitions (``train_basis == "clean"``).
"""

from __future__ import annotations

from dlcompare.bench import stats
from dlcompare.bench.models import BenchFile, BenchResult, Summary
from dlcompare.render.bench_chart import chart, fmt, label
from dlcompare.render.context import RenderContext
from dlcompare.render.tables import captioned
from dlcompare.render.text import md_code, md_text

WORKLOAD_TITLES = {
    "mlp": "MLP on digits (batch 32)",
    "cnn": "Small CNN on digits (batch 32)",
    "wide": "Wide MLP on synthetic data (batch 256)",
    "cnn32": "CNN on synthetic 32×32 images (batch 128)",
}
#: Compiled mode against the mode it compiles: the pairs readers ask about.
COMPILED_PAIRS = (
    (("pytorch", "compile"), ("pytorch", "eager")),
    (("tensorflow", "function"), ("tensorflow", "eager")),
    (("tensorflow", "xla"), ("tensorflow", "function")),
)


def environment_line(bench: BenchFile) -> str:
    env = bench.environment
    pk = env.packages
    versions = " · ".join(
        f"{name} {pk[name]}" for name in ("torch", "tensorflow", "keras", "jax") if name in pk
    )
    device = env.gpu or f"{env.cpu} ({env.cpu_count} cores)"
    return (
        f"{device}, {env.threads} thread{'s' if env.threads != 1 else ''} per framework · "
        f"{versions} · Python {env.python} · {env.date[:10]}"
    )


def fmt_summary(summary: Summary | None) -> str:
    if summary is None:
        return "—"
    if summary.n == 1:
        return fmt(summary.median)
    return f"{fmt(summary.median)} <small>({fmt(summary.q1)}–{fmt(summary.q3)})</small>"


def training_table(results: list[BenchResult]) -> str:
    """Throughput with its IQR, CV, contended repetitions and CPU ratio: five columns."""
    head = (
        "| Configuration | Training, samples/s (IQR) | CV | Contended | CPU s per s |\n"
        "|---|--:|--:|--:|--:|\n"
    )
    lines = []
    for r in results:
        if r.status != "ok" or r.train_samples_per_s is None:
            lines.append(f"| {md_text(label(r))} | {md_text(r.status)} | — | — | — |")
            continue
        basis = "" if r.train_basis == "clean" else " (all used)"
        cpu = fmt(r.train_cpu_per_wall.median) if r.train_cpu_per_wall else "—"
        lines.append(
            f"| {md_text(label(r))} | {fmt_summary(r.train_samples_per_s)} "
            f"| {100 * r.train_samples_per_s.cv:.0f} % | {r.contended} of {r.repetitions}{basis} "
            f"| {cpu} |"
        )
    table = head + "\n".join(lines)
    return (
        captioned(table, "Training throughput per configuration", cards=True, numbers=True) + "\n"
    )


def inference_table(results: list[BenchResult]) -> str:
    """Latency, start-up, memory and the accuracy check: six columns."""
    head = (
        "| Configuration | Batch 1, ms | Batch 256, ms | First step, s | Memory, MiB "
        "| Accuracy |\n|---|--:|--:|--:|--:|--:|\n"
    )
    lines = []
    for r in results:
        if r.status != "ok":
            lines.append(f"| {md_text(label(r))} | {md_text(r.status)} | — | — | — | — |")
            continue
        mem = f"{r.peak_rss_mib:,.0f}" if r.peak_rss_mib is not None else "—"
        acc = f"{r.accuracy:.3f}" if r.accuracy is not None else "—"
        lines.append(
            f"| {md_text(label(r))} | {fmt_summary(r.latency_b1_ms)} "
            f"| {fmt_summary(r.latency_b256_ms)} | {fmt_summary(r.time_to_first_step_s)} "
            f"| {mem} | {acc} |"
        )
    table = head + "\n".join(lines)
    return (
        captioned(table, "Latency, start-up and memory per configuration", cards=True, numbers=True)
        + "\n"
    )


def by_workload(bench: BenchFile, workload: str) -> list[BenchResult]:
    return [r for r in bench.results if r.workload == workload]


def _name(result: BenchResult) -> str:
    return md_text(label(result))


def _quoted(result: BenchResult, summary: Summary) -> str:
    return f"{_name(result)} ({fmt(summary.median)}, IQR {fmt(summary.q1)}–{fmt(summary.q3)})"


def _comparable(results: list[BenchResult]) -> tuple[list[tuple[BenchResult, Summary]], list[str]]:
    """Configurations whose throughput may be compared, and the names of those left out."""
    ok, left_out = [], []
    for r in results:
        if r.status != "ok" or r.train_samples_per_s is None:
            continue
        if r.train_basis == "clean":
            ok.append((r, r.train_samples_per_s))
        else:
            left_out.append(_name(r))
    return ok, left_out


def workload_findings(workload: str, results: list[BenchResult]) -> list[str]:
    """The fastest configuration and what can (and cannot) be told apart from it."""
    title = WORKLOAD_TITLES[workload]
    runs, left_out = _comparable(results)
    if len(runs) < 2:
        why = f": most repetitions of {', '.join(left_out)} were contended" if left_out else ""
        return [f"**{title}:** no difference in training speed can be claimed from this run{why}."]
    out = []
    if left_out:
        out.append(
            f"**{title}:** left out of the comparison because most of their repetitions "
            f"were contended: {', '.join(left_out)}."
        )
    ranked = sorted(runs, key=lambda run: run[1].median, reverse=True)
    best, best_s = ranked[0]
    slower = [
        (r, s) for r, s in ranked[1:] if stats.compare(best_s.quartiles, s.quartiles) == "higher"
    ]
    tied = [_name(r) for r, s in ranked[1:] if (r, s) not in slower]
    text = (
        f"**{title}:** the highest median training throughput was "
        f"{_quoted(best, best_s)} samples/s."
    )
    if slower:
        worst, worst_s = slower[-1]
        text += (
            f" It trained faster than {', '.join(_name(r) for r, _ in slower)}; against the "
            f"slowest of these, {_quoted(worst, worst_s)}, the medians differ by a factor of "
            f"{best_s.median / worst_s.median:.1f}."
        )
    if tied:
        text += f" Its IQR overlaps that of {', '.join(tied)}, so this run cannot order them."
    out.append(text)
    found = {(r.framework, r.mode): r for r, _ in runs}
    for compiled, plain in COMPILED_PAIRS:
        if compiled not in found or plain not in found:
            continue
        a, b = found[compiled], found[plain]
        sa, sb = a.train_samples_per_s, b.train_samples_per_s
        assert sa is not None and sb is not None  # _comparable keeps only summarised runs
        verdict = stats.compare(sa.quartiles, sb.quartiles)
        if verdict == "indistinguishable":
            out.append(
                f"{title}: {_name(a)} and {_name(b)} trained at speeds this run cannot tell "
                f"apart (their IQRs overlap)."
            )
        else:
            word = "faster" if verdict == "higher" else "slower"
            out.append(
                f"{title}: {_quoted(a, sa)} trained {word} than {_quoted(b, sb)}, "
                f"a factor of {max(sa.median, sb.median) / min(sa.median, sb.median):.2f}."
            )
    return out


def contention_finding(bench: BenchFile) -> str:
    reps = sum(r.repetitions for r in bench.results)
    flagged = sum(r.contended for r in bench.results)
    m = bench.method
    threads = bench.environment.threads
    return (
        f"{flagged} of {reps} timed repetitions were flagged as contended (the process got "
        f"less than {m.cpu_ratio:g} × {threads} CPU second(s) per second, or the load average "
        f"exceeded {m.load_per_core:g} per core)."
    )


def findings(bench: BenchFile) -> list[str]:
    """Every comparative sentence on the page, computed from the file by the IQR rule."""
    out = [contention_finding(bench)]
    if bench.quick:
        out.append("This is a quick smoke run on tiny data: no difference is claimed from it.")
        return out
    for workload in WORKLOAD_TITLES:
        results = by_workload(bench, workload)
        if results:
            out += workload_findings(workload, results)
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
        "It is written on a GPU machine by `dlcompare bench --device cuda`; no GPU "
        "machine has produced it yet."
        if label_ != "cpu"
        else "Run `make bench` to produce it."
    )
    return f'!!! note "No benchmark results for `{label_}`"\n\n    `{path}` does not exist. {how}\n'


def method_line(bench: BenchFile) -> str:
    m = bench.method
    order = (
        "interleaved (every configuration once per round)"
        if m.order == "interleaved"
        else "in blocks (one configuration after another)"
    )
    text = (
        f"{m.rounds} round(s) × {m.repeat} timed repetitions per fresh process, after "
        f"{m.warmup} warm-up repetition(s); order {order}"
    )
    if bench.quick:
        text += " (quick smoke run: not a measurement)"
    return text


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
        ("Repetitions", method_line(bench)),
    ]
    if bench.migrated_from:
        rows.append(
            (
                "File format",
                f"converted from format {bench.migrated_from}: no per-repetition wall time, "
                "CPU time or load was recorded, so each repetition carries its process's "
                "CPU ratio",
            )
        )
    cells = [(k, md_text(v)) for k, v in rows]
    cells += [("Command", md_code(env.command)), ("Data", md_code(path))]
    table = "| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in cells)
    return captioned(table, "Machine and software of this run", numbers=True) + "\n"


TABLE_NOTE = (
    "Median, with the interquartile range in small type. *CV* is the coefficient of "
    "variation of the repetitions used (standard deviation over mean). *Contended* counts "
    "the repetitions flagged because the process got less CPU than its threads allow or "
    'the machine was overloaded; "all used" means too few were clean, so the summary '
    "uses every repetition and no claim is made from it. *CPU s per s* is the median CPU "
    "time per wall-clock second while training.\n"
)


def render_workload(bench: BenchFile, workload: str) -> str:
    if workload not in WORKLOAD_TITLES:
        raise ValueError(f"unknown workload {workload!r}; use {', '.join(WORKLOAD_TITLES)}")
    results = by_workload(bench, workload)
    if not results:
        return (
            f"*No results for the `{workload}` workload in this file; `make bench` measures it.*\n"
        )
    caption = f"{WORKLOAD_TITLES[workload]}. {environment_line(bench)}"
    return "\n".join(
        [
            chart(results, "train", caption),
            training_table(results),
            TABLE_NOTE,
            chart(results, "b1", caption),
            inference_table(results),
        ]
    )


def render_startup(bench: BenchFile) -> str:
    results = by_workload(bench, "mlp") or bench.results
    return chart(
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
            raise ValueError("section=workload needs workload=mlp|cnn|wide|cnn32")
        return render_workload(bench, workload)
    if section == "startup":
        return render_startup(bench)
    if section == "findings":
        items = "\n".join(f"- {line}" for line in findings(bench))
        # Wrapped so search can leave the measured sentences out (like the tables).
        return f'<div class="dlc-findings" markdown>\n\n{items}\n\n</div>\n'

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
