"""Format 1 → 2: every old sample kept, contention judged from the process's CPU ratio."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.bench import ENVIRONMENT

from dlcompare.bench.cli import main
from dlcompare.bench.migrate import from_v1
from dlcompare.bench.models import load


def spread(samples: list[float]) -> dict[str, Any]:
    return {"samples": samples, "median": 0, "min": 0, "max": 0}


def v1(ratio: float) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "quick": False,
        "repeat": 5,
        "environment": ENVIRONMENT,
        "results": [
            {
                "framework": "pytorch",
                "mode": "eager",
                "workload": "mlp",
                "status": "ok",
                "import_s": 2.0,
                "build_s": 1.0,
                "first_step_s": 0.1,
                "time_to_first_step_s": spread([3.1]),
                "train_samples_per_s": spread([5.0, 1.0, 4.0, 2.0, 3.0]),
                "latency_b1_ms": spread([0.1, 0.2, 0.3]),
                "latency_b256_ms": spread([1.0]),
                "train_cpu_per_wall": ratio,
                "peak_rss_mib": 386.0,
                "accuracy": 0.96,
                "process_s": 8.7,
                "threads": {"intra_op": 1, "inter_op": 1},
            },
            {"framework": "keras", "mode": "jax", "workload": "cnn", "status": "timeout"},
        ],
    }


def test_every_sample_survives_and_the_file_says_it_was_converted():
    bench = from_v1(v1(ratio=0.95))
    assert bench.migrated_from == 1 and bench.method.order == "blocks"
    ok, timed_out = bench.results
    (run,) = ok.runs
    assert [rep.samples_per_s for rep in run.repetitions] == [5.0, 1.0, 4.0, 2.0, 3.0]
    assert run.latency_b1_ms == [0.1, 0.2, 0.3]
    assert all(rep.wall_s is None and rep.load1 is None for rep in run.repetitions)
    assert (ok.train_basis, ok.contended) == ("clean", 0)
    assert ok.train_samples_per_s and ok.train_samples_per_s.median == 3.0
    assert timed_out.status == "timeout" and not timed_out.runs


def test_a_starved_process_flags_all_its_repetitions():
    (ok, _) = from_v1(v1(ratio=0.4)).results
    assert (ok.contended, ok.repetitions, ok.train_basis) == (5, 5, "all")


def test_only_format_1_converts():
    with pytest.raises(ValueError, match="not a format-1"):
        from_v1({"schema_version": 2})


def test_cli_migrates_in_place(tmp_path: Path):
    path = tmp_path / "cpu.json"
    path.write_text(json.dumps(v1(ratio=0.7)))
    assert main(["--migrate", str(path)]) == 0
    assert load(path).migrated_from == 1
    assert main(["--migrate", str(path)]) == 2  # already format 2: refused, not mangled
