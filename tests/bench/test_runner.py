"""The runner's order and bookkeeping, with a stand-in for the framework processes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dlcompare.bench import cli
from dlcompare.bench.runner import Config, Outcome, run_bench, schedule, select

CONFIGS = select(["pytorch/eager", "pytorch/compile", "keras/jax"])


def row(tput: float, ratio: float = 1.0, load: float = 0.5) -> dict[str, Any]:
    return {
        "train_samples_per_s": [tput, tput + 1],
        "rep_wall_s": [1.0, 1.0],
        "rep_cpu_s": [ratio, ratio],
        "rep_load1": [load, load],
        "import_s": 1.0,
        "build_s": 0.1,
        "first_step_s": 0.01,
        "time_to_first_step_s": 1.11,
        "peak_rss_mib": 300.0,
        "accuracy": 0.9,
        "threads": {"intra_op": 1},
        "latency_b1_ms": [0.1],
        "latency_b256_ms": [1.0],
    }


def test_schedule_interleaves_configurations_round_by_round():
    plan = schedule(CONFIGS, ["mlp"], rounds=2)
    assert [(r, c.key) for r, _, c in plan] == [
        (0, "pytorch/eager"),
        (0, "pytorch/compile"),
        (0, "keras/jax"),
        (1, "pytorch/eager"),
        (1, "pytorch/compile"),
        (1, "keras/jax"),
    ]


def test_run_bench_pools_rounds_flags_contention_and_stops_a_crashed_config(tmp_path: Path):
    calls: list[str] = []

    def fake(config: Config, workload: str) -> Outcome:
        calls.append(config.key)
        if config.key == "keras/jax":
            return Outcome(None, 1.0, 0.5, "failed", "boom")
        starved = config.key == "pytorch/compile"
        return Outcome(row(100.0, ratio=0.5 if starved else 1.0), 2.0, 1.9)

    bench = run_bench(
        tmp_path,
        CONFIGS,
        ["mlp"],
        rounds=2,
        repeat=2,
        quick=True,
        threads=1,
        label="cpu",
        command="test",
        run_one=fake,
    )
    assert calls == ["pytorch/eager", "pytorch/compile", "keras/jax"] * 1 + [
        "pytorch/eager",
        "pytorch/compile",
    ]
    eager, compiled, jax = bench.results
    assert [run.order for run in eager.runs] == [0, 3] and [r.round for r in eager.runs] == [0, 1]
    assert (eager.repetitions, eager.contended, eager.train_basis) == (4, 0, "clean")
    assert (compiled.contended, compiled.train_basis) == (4, "all")
    assert compiled.runs[0].repetitions[0].contended == ["cpu 0.50 s/s < 0.85"]
    assert (jax.status, jax.error) == ("failed", "boom")
    assert bench.method.order == "interleaved" and bench.method.rounds == 2


def test_device_cuda_without_a_gpu_says_so_and_fails(monkeypatch, capsys):
    monkeypatch.setattr("dlcompare.executor.gpu.gpu_names", lambda: ())
    assert cli.main(["--device", "cuda", "--quick"]) == 3
    assert "no GPU" in capsys.readouterr().err


def test_add_parser_wires_into_a_subcommand_parser():
    import argparse

    parser = argparse.ArgumentParser(prog="dlcompare")
    cli.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["bench", "--quick", "--rounds", "3", "--workload", "cnn32"])
    assert (args.command, args.quick, args.rounds, args.workload) == ("bench", True, 3, ["cnn32"])
    assert callable(args.func)


def test_select_names_the_fix():
    assert [c.key for c in select(["keras/jax", "pytorch"])] == [
        "keras/jax",
        "pytorch/eager",
        "pytorch/compile",
    ]
    with pytest.raises(ValueError, match=r"known: .*tensorflow/xla"):
        select(["mxnet"])
