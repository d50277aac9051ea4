"""The result file schema: the committed file, synthetic results, the old format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from tests.helpers.bench import make_bench, result

from dlcompare.bench.models import BenchFile, Summary, dump, load

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "data" / "bench" / "cpu.json"


def test_committed_cpu_file_validates_and_publishes_every_sample():
    bench = load(COMMITTED)
    assert not bench.quick, "data/bench/cpu.json must come from a full `make bench`, not --quick"
    assert bench.environment.label == "cpu"
    ok = [r for r in bench.results if r.status == "ok"]
    assert ok, "no successful result in data/bench/cpu.json"
    for r in ok:
        reps = [rep for run in r.runs for rep in run.repetitions]
        assert len(reps) == r.repetitions >= 2
        assert r.contended == sum(bool(rep.contended) for rep in reps)
        summary = r.train_samples_per_s
        assert summary and summary.q1 <= summary.median <= summary.q3
        if not bench.migrated_from:
            assert bench.method.order == "interleaved" and r.repetitions >= 15


def test_synthetic_round_trip(tmp_path: Path):
    bench = make_bench()
    dump(bench, tmp_path / "x.json")
    assert load(tmp_path / "x.json") == bench


def test_summary_of_samples():
    s = Summary.of([3.0, 1.0, 2.0])
    assert (s.n, s.median, s.q1, s.q3, s.min, s.max) == (3, 2.0, 1.5, 2.5, 1.0, 3.0)
    assert s.iqr == 1.0 and s.cv == pytest.approx(0.5)


def test_summary_leaves_out_contended_repetitions_when_enough_are_clean():
    r = result("pytorch", "eager", [100.0, 110.0, 120.0])
    assert (r.train_basis, r.contended, r.repetitions) == ("clean", 0, 3)
    slow = result("pytorch", "eager", [10.0, 11.0, 12.0], cpu_per_wall=0.4)
    assert (slow.train_basis, slow.contended) == ("all", 3)
    assert slow.train_samples_per_s and slow.train_samples_per_s.median == 11.0
    mixed = slow.model_copy(update={"runs": [*r.runs, *slow.runs]})
    from dlcompare.bench.summary import summarise

    mixed = summarise(mixed)
    assert (mixed.train_basis, mixed.contended, mixed.repetitions) == ("clean", 3, 6)
    assert mixed.train_samples_per_s and mixed.train_samples_per_s.median == 110.0


@pytest.mark.parametrize("bad", [{"schema_version": 1}, {"unexpected": True}, {"method": {}}])
def test_invalid_files_rejected(bad):
    with pytest.raises(ValidationError):
        make_bench(**bad)


def test_unknown_framework_and_bad_accuracy_rejected():
    good = make_bench().model_dump()
    good["results"][0]["framework"] = "mxnet"
    with pytest.raises(ValidationError):
        BenchFile.model_validate(good)
    good = make_bench().model_dump()
    good["results"][0]["runs"][0]["accuracy"] = 1.5
    with pytest.raises(ValidationError):
        BenchFile.model_validate(good)


def test_old_format_names_the_migration_command(tmp_path: Path):
    path = tmp_path / "cpu.json"
    path.write_text(json.dumps({"schema_version": 1, "results": []}))
    with pytest.raises(ValueError, match=r"dlcompare bench --migrate .*cpu\.json"):
        load(path)
