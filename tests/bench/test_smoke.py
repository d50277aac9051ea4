"""The quick path end to end: two interleaved rounds in fresh processes, schema, file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.bench.cli import main
from dlcompare.bench.models import load
from dlcompare.bench.runner import parse_output


@pytest.mark.slow
def test_quick_pytorch_end_to_end(tmp_path: Path):
    out = tmp_path / "quick.json"
    code = main(["--quick", "--only", "pytorch/eager", "--workload", "mlp", "--out", str(out)])
    assert code == 0
    bench = load(out)
    assert bench.quick and bench.environment.threads == 1
    assert (bench.method.rounds, bench.method.repeat) == (2, 2)
    (result,) = bench.results
    assert (result.framework, result.mode, result.status) == ("pytorch", "eager", "ok")
    assert [run.round for run in result.runs] == [0, 1]
    reps = [rep for run in result.runs for rep in run.repetitions]
    assert len(reps) == result.repetitions == 4
    for rep in reps:
        assert rep.wall_s and rep.wall_s > 0 and rep.cpu_s is not None and rep.load1 is not None
        assert rep.cpu_per_wall == pytest.approx(rep.cpu_s / rep.wall_s)
    assert result.train_samples_per_s and result.train_samples_per_s.n >= 1
    assert all(run.child_cpu_s is None or run.child_cpu_s > 0 for run in result.runs)
    assert result.peak_rss_mib and result.peak_rss_mib > 50
    assert result.runs[0].threads == {"intra_op": 1, "inter_op": 1}
    assert "torch" in bench.environment.packages


def test_parse_output_ignores_other_lines():
    assert parse_output('noise\nDLCOMPARE_BENCH {"a": 1}\nmore noise\n') == {"a": 1}
    assert parse_output("Traceback ...") is None
