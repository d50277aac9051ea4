"""One tiny workload end to end: subprocess, JSON line, schema, file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.bench.cli import main
from dlcompare.bench.models import load
from dlcompare.bench.runner import parse_output, select


@pytest.mark.slow
def test_quick_pytorch_mlp_end_to_end(tmp_path: Path):
    out = tmp_path / "quick.json"
    code = main(["--quick", "--only", "pytorch/eager", "--workload", "mlp", "--out", str(out)])
    assert code == 0
    bench = load(out)
    assert bench.quick and bench.environment.threads == 1
    (result,) = bench.results
    assert (result.framework, result.mode, result.status) == ("pytorch", "eager", "ok")
    assert len(result.train_samples_per_s.samples) == 2
    assert result.peak_rss_mib > 50
    assert result.threads == {"intra_op": 1, "inter_op": 1}
    assert "torch" in bench.environment.packages


def test_parse_output_ignores_other_lines():
    assert parse_output('noise\nDLCOMPARE_BENCH {"a": 1}\nmore noise\n') == {"a": 1}
    assert parse_output("Traceback ...") is None


def test_select_names_the_fix():
    assert [c.key for c in select(["keras/jax", "pytorch"])] == [
        "keras/jax",
        "pytorch/eager",
        "pytorch/compile",
    ]
    with pytest.raises(ValueError, match=r"known: .*tensorflow/xla"):
        select(["mxnet"])


def test_add_parser_wires_into_a_subcommand_parser():
    import argparse

    from dlcompare.bench.cli import add_parser

    parser = argparse.ArgumentParser(prog="dlcompare")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["bench", "--quick", "--repeat", "3", "--only", "keras/jax"])
    assert (args.command, args.quick, args.repeat, args.only) == ("bench", True, 3, "keras/jax")
    assert callable(args.func)
