"""Page-weight bookkeeping, search index size and the build-time ratio, without a browser."""

from __future__ import annotations

from pathlib import Path

from dlcompare.site.weight import (
    PAGE_BYTES_TARGET,
    BuildTimes,
    PageWeight,
    add_request,
    format_report,
    gzip_size,
    search_index_size,
    summarize,
)


def test_add_request_totals_by_type() -> None:
    w = PageWeight("examples/cnn/")
    add_request(w, "document", 10_000, 40_000)
    add_request(w, "script", 30_000, 90_000)
    add_request(w, "script", 5_000, 9_000)
    assert (w.requests, w.transferred, w.decoded) == (3, 45_000, 139_000)
    assert w.by_type == {"document": 10_000, "script": 35_000}


def test_summarize_median_heaviest_and_over_target() -> None:
    pages = [
        PageWeight("", transferred=100),
        PageWeight("a/", transferred=300),
        PageWeight("b/", transferred=PAGE_BYTES_TARGET + 1),
    ]
    s = summarize(pages)
    assert s["median_bytes"] == 300 and s["heaviest"] == "b/" and s["over_target"] == ["b/"]


def test_search_index_size(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    data = b'{"docs": [' + b'{"text": "GradientTape"},' * 200 + b"{}]}"
    (tmp_path / "search" / "search_index.json").write_bytes(data)
    size = search_index_size(tmp_path)
    assert size["bytes"] == len(data)
    assert size["gzip_bytes"] == gzip_size(data) < len(data) / 10


def test_build_ratio_uses_medians_and_hooks_share() -> None:
    times = BuildTimes(
        full=[3.0, 9.0, 3.3],
        plain=[1.0, 1.1, 5.0],
        events={"material/search": 0.5, "src/x/hooks.py": 0.6, "b/hook.py": 0.2, "total": 4.0},
    )
    assert round(times.ratio, 3) == round(3.3 / 1.1, 3)
    assert round(times.hooks_seconds, 3) == 0.8 and round(times.hooks_share, 3) == 0.2
    assert BuildTimes([1.0], [1.0]).hooks_share == 0.0


def test_report_marks_values_past_targets() -> None:
    report = {
        "pages": [
            {"path": "", "requests": 9, "transferred": 200_000, "decoded": 700_000},
            {"path": "big/", "requests": 9, "transferred": PAGE_BYTES_TARGET + 10, "decoded": 1},
        ],
        "summary": summarize(
            [
                PageWeight("", transferred=200_000),
                PageWeight("big/", transferred=PAGE_BYTES_TARGET + 10),
            ]
        ),
        "search_index": {"bytes": 250_000, "gzip_bytes": 60_000},
        "build": {
            "full_median_s": 4.0,
            "plain_median_s": 2.0,
            "ratio": 2.0,
            "hooks_share": 0.2,
            "events": {"material/search": 0.5, "src/x/hooks.py": 0.8, "total": 4.0},
        },
        "lighthouse": [{"path": "", "form_factor": "mobile", "scores": {"performance": 97}}],
    }
    text = format_report(report)
    assert "(home)" in text and "big/" in text and "over target" in text
    assert "2.00× (over the 1.5× target)" in text
    assert "src/x/hooks.py 0.80 s, material/search 0.50 s; our hooks' own work 20%" in text
    assert "lighthouse mobile  (home)" in text and "performance 97" in text


def test_lighthouse_scores_and_failed_audits() -> None:
    from dlcompare.site.lighthouse import failed_audits, median_scores, scores_from

    result = {
        "categories": {
            "performance": {
                "score": 0.88,
                "auditRefs": [
                    {"id": "lcp", "weight": 25},
                    {"id": "tbt", "weight": 30},
                    {"id": "info", "weight": 0},
                ],
            },
            "accessibility": {"score": 1.0, "auditRefs": []},
            "pwa": {"score": None},
        },
        "audits": {
            "lcp": {"score": 0.5, "displayValue": "3.4 s"},
            "tbt": {"score": 1.0},
            "info": {"score": 0.0, "title": "ignored: no weight"},
        },
    }
    assert scores_from(result) == {"performance": 88, "accessibility": 100}
    assert failed_audits(result, "performance") == ["lcp: 3.4 s"]
    assert median_scores([{"performance": 88}, {"performance": 98}, {"performance": 95}]) == {
        "performance": 95
    }
