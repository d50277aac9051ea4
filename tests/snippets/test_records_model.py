"""Records change only when what a reader sees changes; --check compares and writes nothing."""

import json
from pathlib import Path

from rich.console import Console
from tests.conftest import write_program

from dlcompare.snippets.records import now_iso, read_record
from dlcompare.snippets.suite import RunOptions, run_suite

OPTIONS = RunOptions(skip_guard=False, device="cpu", jobs=1, use_cache=False)
CHECK = RunOptions(skip_guard=False, device="cpu", jobs=1, use_cache=False, check=True)
RECORD = "data/runs/cpu/a/pytorch.json"


def run(project: Path, options: RunOptions = OPTIONS) -> tuple[int, str]:
    console = Console(record=True, width=400, force_terminal=False)
    code = run_suite(project, [], options, console)
    return code, console.export_text()


def test_dates_are_utc() -> None:
    assert now_iso().endswith("+00:00")


def test_unchanged_result_does_not_rewrite_the_record(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    assert run(project)[0] == 0
    path = project / RECORD
    data = json.loads(path.read_text())
    data.update(duration_s=99.0, device_name="another CPU", date="2020-01-01T00:00:00+00:00")
    path.write_text(json.dumps(data))  # as if another machine had written it
    before = path.read_text()
    assert run(project)[0] == 0
    assert path.read_text() == before


def test_changed_output_rewrites_the_record(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    run(project)
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\nprint("new")\n')
    run(project)
    assert read_record(project / RECORD).stdout == "device: cpu\nnew"


def test_check_passes_on_a_match_and_writes_nothing(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    run(project)
    before = (project / RECORD).read_text()
    code, out = run(project, CHECK)
    assert code == 0, out
    assert (project / RECORD).read_text() == before


def test_check_fails_on_drift_with_a_diff(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\nprint("v1")\n')
    run(project)
    path = project / RECORD
    data = json.loads(path.read_text())
    data.update(stdout="device: cpu\nv0", packages={**data["packages"], "torch": "0.0"})
    path.write_text(json.dumps(data))
    before = path.read_text()
    code, out = run(project, CHECK)
    assert code == 1
    assert "differs from the committed record" in out
    assert "stdout: 'device: cpu\\nv0' -> 'device: cpu\\nv1'" in out
    assert "packages: {" in out
    assert path.read_text() == before


def test_check_without_a_committed_record_fails(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    code, out = run(project, CHECK)
    assert code == 1
    assert "no committed record: run `make snippets` and commit data/runs/" in out
    assert not (project / RECORD).exists()


def test_records_hold_no_absolute_path(project: Path) -> None:
    write_program(
        project,
        "snippets/a/pytorch.py",
        """
        import os, tempfile, warnings
        print("device: cpu")
        print(os.path.abspath("snippets/a/pytorch.py"))
        with tempfile.TemporaryDirectory() as tmp:
            print(os.path.join(tmp, "model.pt"))
        warnings.warn(f"saved under {os.getcwd()}/data", UserWarning)
    """,
    )
    (project / "snippets/warnings-allowlist.yaml").write_text(
        "- category: UserWarning\n  message: saved under\n  reason: testing path scrubbing only\n"
    )
    assert run(project)[0] == 0
    text = (project / RECORD).read_text()
    assert str(project) not in text
    rec = read_record(project / RECORD)
    assert rec.stdout == "device: cpu\nsnippets/a/pytorch.py\n<tmp>/model.pt"
    assert rec.warnings[0]["message"] == "saved under data"
