"""Weight and speed of the built site, for ``make bench-site`` (a report, not a test).

* bytes per page as a first-time reader's browser transfers them (cold cache,
  gzip like GitHub Pages, every request until the network is idle: HTML, CSS,
  JavaScript, the search worker and its index);
* the size of the search index;
* build time of the full site against a plain Material build of the same
  pages without our hooks (median of a few runs each).

    dlcompare site-bench [--repeats 3] [--json data/bench/site.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: Targets from issue 7; the report marks values past them.
PAGE_BYTES_TARGET = 1_500_000
BUILD_RATIO_TARGET = 1.5


@dataclass
class PageWeight:
    path: str  # site path, e.g. examples/cnn/
    requests: int = 0
    transferred: int = 0  # bytes on the wire: headers + (compressed) bodies
    decoded: int = 0  # bodies after decompression
    by_type: dict[str, int] = field(default_factory=dict)  # resource type -> transferred bytes


@dataclass
class BuildTimes:
    full: list[float]
    plain: list[float]
    # One timed in-process build: seconds per plugin/hook origin, plus "total".
    events: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return statistics.median(self.full) / statistics.median(self.plain)

    @property
    def hooks_seconds(self) -> float:
        """Time spent inside our hooks (origins that are .py files named in ``hooks:``)."""
        return sum(v for k, v in self.events.items() if k.endswith(".py"))

    @property
    def hooks_share(self) -> float:
        """Our hooks' own work as a share of the timed build (0 when not measured)."""
        total = self.events.get("total", 0.0)
        return self.hooks_seconds / total if total else 0.0


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def search_index_size(site_dir: Path) -> dict[str, int]:
    """Bytes of ``search/search_index.json``, raw and gzipped (what readers download)."""
    data = (Path(site_dir) / "search" / "search_index.json").read_bytes()
    return {"bytes": len(data), "gzip_bytes": gzip_size(data)}


def add_request(weight: PageWeight, resource_type: str, transferred: int, decoded: int) -> None:
    weight.requests += 1
    weight.transferred += transferred
    weight.decoded += decoded
    weight.by_type[resource_type] = weight.by_type.get(resource_type, 0) + transferred


def measure_page(browser: Any, url: str, path: str) -> PageWeight:
    """Load ``url`` in a fresh context (cold cache) and add up what it transferred."""
    from dlcompare.site.browser import is_local, isolate

    context = browser.new_context()
    isolate(context)
    finished: list[Any] = []
    context.on("requestfinished", finished.append)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    weight = PageWeight(path)
    for request in finished:
        if not is_local(request.url) or request.url.startswith("data:"):
            continue  # third-party answers are stubbed locally: not ours to count
        sizes = request.sizes()
        response = request.response()
        try:
            decoded = len(response.body()) if response else 0
        except Exception:
            decoded = sizes["responseBodySize"]
        add_request(
            weight,
            request.resource_type,
            sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0),
            decoded,
        )
    context.close()
    return weight


def summarize(weights: Iterable[PageWeight]) -> dict[str, Any]:
    weights = list(weights)
    totals = [w.transferred for w in weights]
    heaviest = max(weights, key=lambda w: w.transferred)
    return {
        "pages": len(weights),
        "median_bytes": int(statistics.median(totals)),
        "max_bytes": heaviest.transferred,
        "heaviest": heaviest.path,
        "over_target": [w.path for w in weights if w.transferred > PAGE_BYTES_TARGET],
        "target_bytes": PAGE_BYTES_TARGET,
    }


def time_builds(root: Path, repeats: int = 3) -> BuildTimes:
    """Median-ready timings: the real build (with hooks) and the plain Material build."""
    from dlcompare import mkdocs_config
    from dlcompare.site.build import build_site, event_times, plain_config

    # The baseline is the file's text minus hooks: (fed to MkDocs on stdin), not a
    # config value, so this reads the text the loader also reads.
    plain = plain_config(mkdocs_config.load(root).path.read_text(encoding="utf-8"))
    full_times, plain_times = [], []
    with tempfile.TemporaryDirectory(prefix="dlcompare-bench-") as tmp:
        for i in range(repeats):
            # Interleaved so that a noisy neighbour hurts both sides alike.
            full_times.append(build_site(root, Path(tmp) / f"full{i}", strict=False).seconds)
            plain_times.append(
                build_site(root, Path(tmp) / f"plain{i}", strict=False, config_text=plain).seconds
            )
        events = event_times(root, Path(tmp) / "timed")
    return BuildTimes(full_times, plain_times, events)


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def format_report(report: dict[str, Any]) -> str:
    lines = ["page                                  requests   transferred   decoded"]
    for page in report["pages"]:
        flag = "  over target" if page["transferred"] > PAGE_BYTES_TARGET else ""
        lines.append(
            f"{page['path'] or '(home)':38}{page['requests']:>8}   {kib(page['transferred']):>11}"
            f"   {kib(page['decoded']):>9}{flag}"
        )
    s = report["summary"]
    lines.append(
        f"median page {kib(s['median_bytes'])}, heaviest {s['heaviest'] or '(home)'} "
        f"{kib(s['max_bytes'])} (target ≤ {kib(PAGE_BYTES_TARGET)})"
    )
    idx = report["search_index"]
    lines.append(f"search index {kib(idx['bytes'])} ({kib(idx['gzip_bytes'])} gzipped)")
    if "build" in report:
        b = report["build"]
        verdict = (
            "ok" if b["ratio"] <= BUILD_RATIO_TARGET else f"over the {BUILD_RATIO_TARGET}× target"
        )
        lines.append(
            f"build {b['full_median_s']:.2f} s vs plain Material {b['plain_median_s']:.2f} s: "
            f"{b['ratio']:.2f}× ({verdict})"
        )
        if b.get("events"):
            spent = ", ".join(
                f"{k} {v:.2f} s"
                for k, v in sorted(b["events"].items(), key=lambda kv: -kv[1])
                if k != "total"
            )
            lines.append(
                f"  timed build {b['events']['total']:.2f} s: {spent}; our hooks' own work "
                f"{b['hooks_share']:.0%} (the rest of the gap is rendering the content they add)"
            )
    for row in report.get("lighthouse", []):
        scores = ", ".join(f"{k} {v}" for k, v in row["scores"].items())
        lines.append(f"lighthouse {row['form_factor']:7} {row['path'] or '(home)':24} {scores}")
    if report.get("lighthouse_note"):
        lines.append(report["lighthouse_note"])
    return "\n".join(lines)


DESCRIPTION = "Page weights, search index size, build-time ratio."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``dlcompare site-bench``."""
    parser.add_argument(
        "--repeats", type=int, default=3, help="builds of each kind to time (median)"
    )
    parser.add_argument(
        "--json", type=Path, help="write the report here (e.g. data/bench/site.json)"
    )
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse even when installed"
    )
    parser.add_argument(
        "--lighthouse-runs", type=int, default=1, help="median of this many Lighthouse runs"
    )


def run(args: argparse.Namespace) -> int:
    """Time the builds, weigh every page in Chromium, and print (and write) the report."""
    from dlcompare import mkdocs_config
    from dlcompare.paths import find_root
    from dlcompare.site.browser import launch
    from dlcompare.site.build import build_site
    from dlcompare.site.page_paths import built_pages
    from dlcompare.site.serve import SiteServer, base_path_for

    root = find_root()
    base_path = base_path_for(mkdocs_config.site_url(root))
    times = time_builds(root, args.repeats)
    report: dict[str, Any] = {
        "build": {
            "full_s": [round(t, 3) for t in times.full],
            "plain_s": [round(t, 3) for t in times.plain],
            "full_median_s": round(statistics.median(times.full), 3),
            "plain_median_s": round(statistics.median(times.plain), 3),
            "ratio": round(times.ratio, 2),
            "target_ratio": BUILD_RATIO_TARGET,
            "events": times.events,
            "hooks_s": round(times.hooks_seconds, 3),
            "hooks_share": round(times.hooks_share, 3),
        }
    }
    with tempfile.TemporaryDirectory(prefix="dlcompare-weight-") as tmp:
        site = build_site(root, Path(tmp) / "site", strict=False).site_dir
        report["search_index"] = search_index_size(site)
        with SiteServer(site, base_path=base_path) as server, launch() as browser:
            weights = [measure_page(browser, server.url(p), p) for p in built_pages(site)]
            report["pages"] = [asdict(w) for w in weights]
            report["summary"] = summarize(weights)
            if not args.no_lighthouse:
                from dlcompare.site.lighthouse import audit_pages

                rows, note = audit_pages(root, server, args.lighthouse_runs)
                report["lighthouse"] = rows
                if note:
                    report["lighthouse_note"] = note
    print(format_report(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """:func:`run` with its own parser (tests; the CLI adds the same options)."""
    parser = argparse.ArgumentParser(prog="dlcompare site-bench", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))
