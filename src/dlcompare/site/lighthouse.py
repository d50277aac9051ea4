"""Lighthouse scores of a few pages, when node and lighthouse are installed.

Optional: ``make lighthouse`` installs the pinned Lighthouse into
``.cache/node`` (npm registry); ``make bench-site`` then reports its scores.
Nothing in ``make test`` depends on it. Lighthouse drives the same local
Chromium as the browser tests (``CHROME_PATH``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from dlcompare.site.browser import LAUNCH_ARGS, ChromiumNotFound, find_chromium

#: Newest Lighthouse that runs on Node 20 (Debian's); 13.x needs Node ≥ 22.19.
LIGHTHOUSE_VERSION = "12.8.2"
#: Categories we report, with issue 7's targets (scores out of 100).
TARGETS: dict[str, int] = {"performance": 90, "accessibility": 95, "best-practices": 95}
#: A typical page of each kind: home, an example, the filterable facts table.
PAGES: tuple[str, ...] = ("", "examples/cnn/", "comparison/")
FORM_FACTORS: tuple[str, ...] = ("mobile", "desktop")

INSTALL_NOTE = (
    "Lighthouse not run: `make lighthouse` installs it into .cache/node "
    f"(needs node and npm; lighthouse@{LIGHTHOUSE_VERSION})"
)


def find_lighthouse(root: Path) -> Path | None:
    """$DLCOMPARE_LIGHTHOUSE, then .cache/node's install, then PATH; None when absent."""
    override = os.environ.get("DLCOMPARE_LIGHTHOUSE")
    if override:
        return Path(override)
    local = root / ".cache" / "node" / "node_modules" / ".bin" / "lighthouse"
    if local.is_file():
        return local
    found = shutil.which("lighthouse")
    return Path(found) if found else None


def scores_from(result: dict[str, Any]) -> dict[str, int]:
    """Category scores (0–100) from a Lighthouse JSON result."""
    return {
        key: round(category["score"] * 100)
        for key, category in result.get("categories", {}).items()
        if category.get("score") is not None
    }


def failed_audits(result: dict[str, Any], category: str, limit: int = 5) -> list[str]:
    """Titles of the weighted audits that cost ``category`` points, worst first."""
    audits = result.get("audits", {})
    refs = result.get("categories", {}).get(category, {}).get("auditRefs", [])
    bad = []
    for ref in refs:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 0.9:
            bad.append(
                (
                    score,
                    f"{ref['id']}: {audit.get('displayValue') or audit.get('title', '')}".strip(),
                )
            )
    return [text for _, text in sorted(bad)[:limit]]


def run_lighthouse(
    binary: Path, url: str, chromium: Path, form_factor: str = "mobile"
) -> dict[str, Any]:
    flags = " ".join(("--headless=new", *LAUNCH_ARGS))
    with tempfile.TemporaryDirectory(prefix="dlcompare-lh-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(TARGETS),
            f"--chrome-flags={flags}",
        ]
        if form_factor == "desktop":
            cmd.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": str(chromium)}
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return result


def median_scores(runs: list[dict[str, int]]) -> dict[str, int]:
    """Per-category median over several runs (performance varies run to run)."""
    import statistics

    keys = sorted({k for run in runs for k in run})
    return {k: round(statistics.median(run[k] for run in runs if k in run)) for k in keys}


def audit_pages(root: Path, server: Any, runs: int = 1) -> tuple[list[dict[str, Any]], str]:
    """Rows of scores for PAGES × FORM_FACTORS (median of ``runs``), or ([], why not)
    when Lighthouse is absent."""
    binary = find_lighthouse(root)
    if binary is None or shutil.which("node") is None:
        return [], INSTALL_NOTE
    try:
        chromium = find_chromium()
    except ChromiumNotFound as exc:
        return [], f"Lighthouse not run: {exc}"
    rows = []
    for path in PAGES:
        for form_factor in FORM_FACTORS:
            results = [
                run_lighthouse(binary, server.url(path), chromium, form_factor) for _ in range(runs)
            ]
            scores = median_scores([scores_from(r) for r in results])
            result = results[-1]
            rows.append(
                {
                    "path": path,
                    "form_factor": form_factor,
                    "runs": runs,
                    "scores": scores,
                    "below_target": {
                        cat: failed_audits(result, cat)
                        for cat, target in TARGETS.items()
                        if scores.get(cat, 0) < target
                    },
                }
            )
    return rows, ""
