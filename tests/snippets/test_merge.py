"""Merging shard folders: only a complete, non-overlapping cover of one plan is accepted.

Most tests build shard folders from synthetic records (fast, exact); the last ones
run real tiny programs through ``dlcompare run --shard`` and merge the result, so
the folder the runner writes is the folder the merge reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from tests.conftest import write_program

from dlcompare.snippets.merge import MergeError, collect, main
from dlcompare.snippets.records import Record, read_record, write_record
from dlcompare.snippets.shard_records import MANIFEST, finish_shard, key_of_record
from dlcompare.snippets.shards import ShardSpec, plan_shards
from dlcompare.snippets.suite import RunOptions, run_suite

NAMES = [
    "cpu/a/pytorch",
    "cpu/b/keras-jax",
    "cpu/b/keras-torch",
    "cpu/c/tensorflow",
    "cpu/d/pytorch",
]


def fake_record(name: str, *, stdout: str = "device: cpu", status: str = "passed") -> Record:
    device, task, stem = name.split("/")
    framework, _, backend = stem.partition("-")
    return Record.model_validate(
        {
            "snippet": f"snippets/{task}/{framework}.py",
            "task": task,
            "framework": framework,
            "backend": backend or None,
            "source_sha256": "0" * 64,
            "status": status,
            "device": device,
            "device_name": "test CPU",
            "python": "3.11.0",
            "platform": "Linux x86_64",
            "packages": {},
            "env_fingerprint": "f",
            "date": "2026-12-03T06:00:00+00:00",
            "duration_s": 1.0 + len(name),
            "returncode": 0,
            "stdout": stdout,
        }
    )


def make_shards(tmp_path: Path, total: int, names: list[str] = NAMES) -> list[Path]:
    """One folder per shard, as `dlcompare run --shard k/total` leaves them."""
    plan = plan_shards({n: 1.0 + len(n) for n in names}, total)
    folders = []
    for shard in plan.shards:
        folder = tmp_path / f"shard-{shard.index}"
        spec = ShardSpec(shard.index, total)
        finish_shard(
            folder, [fake_record(n) for n in shard.jobs], device="cpu", spec=spec, plan=plan
        )
        folders.append(folder)
    return folders


def merge_errors(folders: list[Path]) -> str:
    with pytest.raises(MergeError) as info:
        collect(folders)
    return str(info.value)


def run_main(root: Path, folders: list[Path], *, check: bool = False) -> tuple[int, str]:
    console = Console(record=True, width=300)
    code = main(root, folders, check=check, console=console)
    return code, console.export_text()


@pytest.mark.parametrize("total", [1, 2, 3, 5, 7])
def test_a_complete_cover_merges(tmp_path: Path, total: int) -> None:
    merged = collect(make_shards(tmp_path, total))
    assert sorted(merged.records) == sorted(NAMES)
    assert all(key_of_record(r) == n for n, (r, _) in merged.records.items())


def test_a_missing_shard_is_a_gap_naming_the_shard_and_jobs(tmp_path: Path) -> None:
    folders = make_shards(tmp_path, 3)
    lost = json.loads((folders[1] / MANIFEST).read_text())["jobs"]
    message = merge_errors([folders[0], folders[2]])
    assert f"gap: no shard ran {len(lost)} job(s) (no folder for shard 2/3): " in message
    assert all(name in message for name in lost)


def test_a_shard_that_did_not_finish_has_no_manifest(tmp_path: Path) -> None:
    folders = make_shards(tmp_path, 2)
    (folders[1] / MANIFEST).unlink()
    message = merge_errors(folders)
    assert f"{folders[1]}: no manifest.json: not a folder written by `dlcompare run --shard`" in (
        message
    )
    assert "gap: no shard ran" in message and "(no folder for shard 2/2)" in message


def test_a_listed_record_that_is_missing_is_a_gap(tmp_path: Path) -> None:
    folders = make_shards(tmp_path, 2)
    name = json.loads((folders[0] / MANIFEST).read_text())["jobs"][0]
    (folders[0] / f"{name}.json").unlink()
    assert f"gap: shard 1/2 lists {name} but " in merge_errors(folders)


def test_the_same_shard_twice_is_a_duplicate(tmp_path: Path) -> None:
    folders = make_shards(tmp_path, 2)
    copy = tmp_path / "again"
    copy.mkdir()
    for path in folders[0].rglob("*.json"):
        target = copy / path.relative_to(folders[0])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    message = merge_errors([*folders, copy])
    assert f"duplicate: shard 1/2 appears twice, in {folders[0]} and {copy}" in message


def test_a_job_run_by_two_shards_is_a_duplicate(tmp_path: Path) -> None:
    folders = make_shards(tmp_path, 2)
    manifest = json.loads((folders[1] / MANIFEST).read_text())
    stolen = json.loads((folders[0] / MANIFEST).read_text())["jobs"][0]
    manifest["jobs"].append(stolen)
    (folders[1] / MANIFEST).write_text(json.dumps(manifest))
    write_record(folders[1] / f"{stolen}.json", fake_record(stolen))
    assert f"duplicate: {stolen} came from shards 1/2 and 2/2" in merge_errors(folders)


def test_shards_of_different_plans_are_refused(tmp_path: Path) -> None:
    two = make_shards(tmp_path / "two", 2)
    three = make_shards(tmp_path / "three", 3)
    message = merge_errors([two[0], three[1], three[2]])
    assert "belongs to another plan" in message and "--shard N" in message


def test_a_record_the_manifest_does_not_list_is_refused(tmp_path: Path) -> None:
    folders = make_shards(tmp_path, 2)
    write_record(folders[0] / "cpu/zz/pytorch.json", fake_record("cpu/zz/pytorch"))
    assert "records its manifest does not list (from another run?): cpu/zz/pytorch" in (
        merge_errors(folders)
    )


def test_no_folders_is_an_error() -> None:
    with pytest.raises(MergeError, match="name the shard folders"):
        collect([])


def test_merge_writes_only_changed_records_and_check_reports_drift(
    tmp_path: Path, project: Path
) -> None:
    folders = make_shards(tmp_path, 2)
    code, out = run_main(project, folders)
    assert code == 0, out
    assert f"{len(NAMES)} records from 2 shard(s) on cpu: {len(NAMES)} record(s) rewritten" in out
    assert read_record(project / "data/runs/cpu/b/keras-jax.json").backend == "jax"
    assert run_main(project, folders)[1].count("0 record(s) rewritten") == 1
    code, out = run_main(project, folders, check=True)
    assert code == 0 and "all passed and equal to the committed records" in out
    # A shard whose program now prints something else: --check fails, names the job.
    write_record(folders[0] / f"{NAMES[0]}.json", fake_record(NAMES[0], stdout="other"))
    code, out = run_main(project, folders, check=True)
    assert code == 1
    assert f"{NAMES[0]} ({folders[0]}): differs from the committed record: stdout:" in out
    assert (project / f"data/runs/{NAMES[0]}.json").read_text().count("other") == 0


def test_a_failed_run_is_merged_and_fails(tmp_path: Path, project: Path) -> None:
    (folder,) = make_shards(tmp_path, 1)
    write_record(folder / f"{NAMES[0]}.json", fake_record(NAMES[0], status="failed"))
    code, out = run_main(project, [folder])
    assert code == 1 and f"error: {NAMES[0]}: the run failed" in out
    assert read_record(project / f"data/runs/{NAMES[0]}.json").status == "failed"


def test_a_gap_writes_nothing(tmp_path: Path, project: Path) -> None:
    folders = make_shards(tmp_path, 2)
    code, out = run_main(project, folders[:1])
    assert code == 1 and "not merged" in out
    assert not (project / "data/runs").exists()


# ----------------------------------------------------------------------------
# end to end: the runner writes the folders the merge reads


def _programs(project: Path, count: int) -> None:
    for i in range(count):
        write_program(project, f"snippets/t{i}/pytorch.py", f'print("device: cpu")\nprint({i})\n')


def _shard_run(project: Path, spec: str, folder: Path, *, check: bool = False) -> int:
    k, n = (int(x) for x in spec.split("/"))
    options = RunOptions(
        device="cpu",
        jobs=2,
        backends=("torch",),
        use_cache=False,
        check=check,
        write_records=not check,
        shard=ShardSpec(k, n),
        shard_dir=folder,
        skip_guard=False,  # toy programs that import no framework
    )
    return run_suite(project, [], options, Console(quiet=True))


def test_sharded_runs_merge_into_the_records_of_an_unsharded_run(
    tmp_path: Path, project: Path
) -> None:
    _programs(project, 3)
    folders = [tmp_path / f"s{k}" for k in (1, 2)]
    assert _shard_run(project, "1/2", folders[0]) == 0
    assert _shard_run(project, "2/2", folders[1]) == 0
    ran = [json.loads((f / MANIFEST).read_text())["jobs"] for f in folders]
    assert sorted(ran[0] + ran[1]) == ["cpu/t0/pytorch", "cpu/t1/pytorch", "cpu/t2/pytorch"]
    assert not (project / "data/runs").exists(), "a shard writes only its folder"
    code, out = run_main(project, folders)
    assert code == 0 and "3 record(s) rewritten" in out, out
    assert read_record(project / "data/runs/cpu/t2/pytorch.json").stdout == "device: cpu\n2"
    code, out = run_main(project, folders, check=True)
    assert code == 0, out
    # --check per shard still compares with the committed records and writes nothing:
    # the shard that now runs the edited program fails, the other passes.
    write_program(project, "snippets/t0/pytorch.py", 'print("device: cpu")\nprint("new")\n')
    before = (project / "data/runs/cpu/t0/pytorch.json").read_text()
    codes = sorted(_shard_run(project, f"{k}/2", folders[k - 1], check=True) for k in (1, 2))
    assert codes == [0, 1]
    assert (project / "data/runs/cpu/t0/pytorch.json").read_text() == before
    code, out = run_main(project, folders, check=True)
    assert code == 1 and "cpu/t0/pytorch" in out and "differs from the committed record" in out


def test_an_empty_shard_still_leaves_a_manifest(tmp_path: Path, project: Path) -> None:
    _programs(project, 1)
    assert _shard_run(project, "2/2", tmp_path / "empty") == 0
    manifest = json.loads((tmp_path / "empty" / MANIFEST).read_text())
    assert manifest["jobs"] == [] and manifest["plan"] == ["cpu/t0/pytorch"]


def test_the_cli_keeps_records_and_adds_records_merge(capsys: pytest.CaptureFixture[str]) -> None:
    from dlcompare.cli import _cmd_records, _cmd_records_merge, build_parser

    parser = build_parser()
    assert parser.parse_args(["records"]).func is _cmd_records
    args = parser.parse_args(["records", "merge", "--check", "a", "b"])
    assert args.func is _cmd_records_merge and args.folders == ["a", "b"] and args.check
    with pytest.raises(SystemExit):
        parser.parse_args(["records", "merge"])
    assert "the following arguments are required: DIR" in capsys.readouterr().err


def test_durations_come_from_the_device_then_the_cpu_record(project: Path) -> None:
    from dlcompare.snippets.discover import discover, jobs_for
    from dlcompare.snippets.shard_records import recorded_durations

    for task in ("a", "b", "c"):
        write_program(project, f"snippets/{task}/pytorch.py", 'print("device: cpu")\n')
    write_record(project / "data/runs/cpu/a/pytorch.json", fake_record("cpu/a/pytorch"))
    write_record(project / "data/runs/cpu/b/pytorch.json", fake_record("cpu/b/pytorch"))
    write_record(project / "data/runs/cuda/b/pytorch.json", fake_record("cuda/b/pytorch"))
    jobs = jobs_for(discover(project), ("torch",))
    assert recorded_durations(project, jobs, "cpu") == {
        "cpu/a/pytorch": 1.0 + len("cpu/a/pytorch"),
        "cpu/b/pytorch": 1.0 + len("cpu/b/pytorch"),
        "cpu/c/pytorch": None,
    }
    # A GPU job borrows its CPU record's duration until it has a GPU record.
    assert recorded_durations(project, jobs, "cuda") == {
        "cuda/a/pytorch": 1.0 + len("cpu/a/pytorch"),
        "cuda/b/pytorch": 1.0 + len("cuda/b/pytorch"),
        "cuda/c/pytorch": None,
    }


def test_a_shard_never_writes_into_data_runs(tmp_path: Path, project: Path) -> None:
    _programs(project, 1)
    write_record(project / "data/runs/cpu/keep/pytorch.json", fake_record("cpu/keep/pytorch"))
    console = Console(record=True, width=300)
    options = RunOptions(
        device="cpu", backends=("torch",), shard=ShardSpec(1, 1), shard_dir=project / "data/runs"
    )
    assert run_suite(project, [], options, console) == 2
    assert "is inside data/runs/: a shard's records go to a folder of their own" in (
        console.export_text()
    )
    assert (project / "data/runs/cpu/keep/pytorch.json").exists()


def test_a_rerun_clears_only_what_its_manifest_listed(tmp_path: Path, project: Path) -> None:
    _programs(project, 2)
    folder = tmp_path / "s"
    write_record(folder / "cpu/other/pytorch.json", fake_record("cpu/other/pytorch"))
    assert _shard_run(project, "1/1", folder) == 0
    (project / "snippets/t1/pytorch.py").unlink()  # the next run no longer has t1
    (project / "snippets/t1").rmdir()
    assert _shard_run(project, "1/1", folder) == 0
    assert not (folder / "cpu/t1/pytorch.json").exists(), "the earlier run's record is gone"
    assert (folder / "cpu/other/pytorch.json").exists(), "a file no manifest listed stays"
