"""The result file schema: the committed file and synthetic results."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from tests.helpers.bench import make_bench

from dlcompare.bench.models import BenchFile, Spread, dump, load

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "data" / "bench" / "cpu.json"


def test_committed_cpu_file_validates():
    bench = load(COMMITTED)
    assert not bench.quick, "data/bench/cpu.json must come from a full `make bench`, not --quick"
    assert bench.environment.label == "cpu"
    ok = [r for r in bench.results if r.status == "ok"]
    assert ok, "no successful result in data/bench/cpu.json"
    for result in ok:
        assert result.train_samples_per_s and len(result.train_samples_per_s.samples) >= 2
        assert result.train_samples_per_s.min <= result.train_samples_per_s.median
        assert result.train_samples_per_s.median <= result.train_samples_per_s.max


def test_synthetic_round_trip(tmp_path: Path):
    bench = make_bench()
    dump(bench, tmp_path / "x.json")
    assert load(tmp_path / "x.json") == bench


def test_spread_summary():
    spread = Spread.of([3.0, 1.0, 2.0])
    assert (spread.median, spread.min, spread.max) == (2.0, 1.0, 3.0)
    assert spread.rel_spread == pytest.approx(1.0)


@pytest.mark.parametrize(
    "bad",
    [
        {"repeat": 0},
        {"schema_version": 2},
        {"unexpected": True},
    ],
)
def test_invalid_files_rejected(bad):
    with pytest.raises(ValidationError):
        make_bench(**bad)


def test_unknown_framework_and_bad_accuracy_rejected():
    good = make_bench().model_dump()
    good["results"][0]["framework"] = "mxnet"
    with pytest.raises(ValidationError):
        BenchFile.model_validate(good)
    good = make_bench().model_dump()
    good["results"][0]["accuracy"] = 1.5
    with pytest.raises(ValidationError):
        BenchFile.model_validate(good)


def test_quantile_is_nearest_rank():
    spread = Spread.of([float(i) for i in range(11)])
    assert (spread.quantile(0.1), spread.quantile(0.5), spread.quantile(0.9)) == (1.0, 5.0, 9.0)
