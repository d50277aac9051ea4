"""The shard plan: every job in exactly one shard, the same plan everywhere, balanced.

The properties are checked over many seeded random duration sets (no hypothesis in
the venv; a seeded loop is as reproducible), the balance on a fixed synthetic set
shaped like the real suite (one long outlier, many short runs).
"""

from __future__ import annotations

import random

import pytest

from dlcompare.cli import main
from dlcompare.snippets.shards import (
    UNKNOWN_DURATION_S,
    ShardError,
    ShardSpec,
    format_plan,
    parse_shard,
    plan_shards,
    predictions,
)


def random_durations(seed: int, count: int) -> dict[str, float | None]:
    rng = random.Random(seed)
    return {
        f"cpu/task{i:02d}/prog{rng.randrange(3)}": (
            None if rng.random() < 0.1 else round(rng.uniform(0.5, 120), 2)
        )
        for i in range(count)
    }


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("total", [1, 2, 3, 4, 7, 12, 80])
def test_every_job_is_in_exactly_one_shard(seed: int, total: int) -> None:
    durations = random_durations(seed, 5 + seed * 3)
    plan = plan_shards(durations, total)
    assigned = [name for shard in plan.shards for name in shard.jobs]
    assert sorted(assigned) == sorted(durations), "a job is missing or doubled"
    assert len(assigned) == len(set(assigned))
    assert [s.index for s in plan.shards] == list(range(1, total + 1))
    assert plan.jobs == tuple(sorted(durations))


@pytest.mark.parametrize("seed", range(10))
def test_the_plan_does_not_depend_on_the_order_of_the_jobs(seed: int) -> None:
    durations = random_durations(seed, 40)
    items = list(durations.items())
    random.Random(seed + 100).shuffle(items)
    assert plan_shards(dict(items), 4) == plan_shards(durations, 4)


def test_longest_first_to_the_least_loaded_shard() -> None:
    plan = plan_shards({"a": 5, "b": 4, "c": 3, "d": 3, "e": 1}, 2)
    # a→1 (5), b→2 (4), c→2 (7), d→1 (8), e→ the tie 8/7 goes to shard 2 (7 < 8).
    assert [s.jobs for s in plan.shards] == [("a", "d"), ("b", "c", "e")]
    assert [s.predicted_s for s in plan.shards] == [8, 8]
    assert plan.imbalance == 1.0


def test_ties_are_broken_by_name_then_by_shard_number() -> None:
    plan = plan_shards(dict.fromkeys("dcbafe", 10.0), 3)
    assert [s.jobs for s in plan.shards] == [("a", "d"), ("b", "e"), ("c", "f")]


def test_balance_on_a_suite_shaped_synthetic_set() -> None:
    # One 134 s outlier, a few 40-60 s runs, a long tail of 2-30 s runs: 67 in all.
    rng = random.Random(17)
    durations: dict[str, float | None] = {"cpu/compile/keras-torch": 134.0}
    durations |= {f"cpu/long/{i}": rng.uniform(35, 61) for i in range(12)}
    durations |= {f"cpu/short/{i}": rng.uniform(2, 33) for i in range(54)}
    plan = plan_shards(durations, 4)
    assert plan.imbalance <= 1.02, format_plan(plan, details=False)
    # LPT never leaves a shard more than one job above the mean.
    mean = sum(s.predicted_s for s in plan.shards) / 4
    assert max(s.predicted_s for s in plan.shards) <= mean + 134.0


def test_a_dominant_job_is_reported_as_imbalance() -> None:
    plan = plan_shards({"huge": 100.0, "a": 1.0, "b": 1.0, "c": 1.0}, 4)
    assert plan.shard(1).jobs == ("huge",)
    assert plan.imbalance == pytest.approx(100 / (103 / 4))


def test_jobs_without_a_record_get_the_median() -> None:
    assert predictions({"a": 10.0, "b": 2.0, "c": None, "d": 4.0}) == {
        "a": 10.0,
        "b": 2.0,
        "c": 4.0,
        "d": 4.0,
    }
    assert predictions({"a": None, "b": None}) == {
        "a": UNKNOWN_DURATION_S,
        "b": UNKNOWN_DURATION_S,
    }


def test_more_shards_than_jobs_leaves_some_empty() -> None:
    plan = plan_shards({"a": 3.0, "b": 1.0}, 4)
    assert [s.jobs for s in plan.shards] == [("a",), ("b",), (), ()]


def test_the_plan_text_names_seconds_and_imbalance() -> None:
    text = format_plan(plan_shards({"a": 5, "b": 4, "c": 3}, 2), mark=2)
    assert "shard 1/2:   1 runs, predicted     5.0 s" in text
    assert "shard 2/2:   2 runs, predicted     7.0 s  <- this shard" in text
    assert "longest shard 7.0 s, mean 6.0 s, max/mean imbalance 1.167\n(seconds of" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1/4", ShardSpec(1, 4)), ("4/4", ShardSpec(4, 4)), (" 2 / 3 ", ShardSpec(2, 3))],
)
def test_parse_shard(text: str, expected: ShardSpec) -> None:
    assert parse_shard(text) == expected
    assert str(expected) == text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5/4", "5/4: K must be between 1 and N=4 (shards are counted from 1)"),
        ("0/4", "0/4: K must be between 1 and N=4 (shards are counted from 1)"),
        ("1/0", "1/0: N must be at least 1 (the number of machines)"),
        ("a/b", "'a/b' is not K/N with whole numbers; e.g. 2/4 is shard 2 of 4"),
        ("4", "'4' is not K/N with whole numbers"),
        ("-1/4", "'-1/4' is not K/N with whole numbers"),
    ],
)
def test_bad_shard_values_are_clear_errors(
    text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ShardError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_shard(text)
    with pytest.raises(SystemExit) as exit_info:
        main(["run", f"--shard={text}"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"dlcompare run: error: argument --shard: {message}" in err


def test_shard_plan_needs_a_shard(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--shard-plan"]) == 2
    assert "--shard-plan shows the split of --shard K/N" in capsys.readouterr().err


def test_one_machine_starts_the_longest_recorded_runs_first() -> None:
    from pathlib import Path

    from dlcompare.snippets.discover import discover, jobs_for
    from dlcompare.snippets.shard_records import job_key, longest_first, recorded_durations

    root = Path(__file__).resolve().parents[2]
    jobs = jobs_for(discover(root), ("jax", "tensorflow", "torch"))
    ordered = longest_first(root, jobs, "cpu")
    durations = recorded_durations(root, ordered, "cpu")
    seconds = [durations[job_key(job, "cpu")] or 0.0 for job in ordered]
    assert sorted(ordered, key=lambda j: j.record_name + j.program.task) == sorted(
        jobs, key=lambda j: j.record_name + j.program.task
    )
    assert seconds[0] == max(seconds) and seconds[-1] == min(seconds)
