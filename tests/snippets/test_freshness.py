"""A committed record that no longer matches its program must fail the suite.

Programs print ``device: cpu`` first: the output rules (snippets/README.md) are
now checked, and a program without that line fails.
"""

from pathlib import Path

from rich.console import Console
from tests.conftest import write_program

from dlcompare.snippets.freshness import find_problems, main
from dlcompare.snippets.suite import RunOptions, run_suite


def _run(project: Path) -> None:
    assert (
        run_suite(
            project,
            [],
            RunOptions(skip_guard=False, device="cpu", jobs=1, backends=("torch",)),
            Console(quiet=True),
        )
        == 0
    )


def _check(project: Path) -> tuple[int, str]:
    console = Console(record=True, width=300)
    return main(project, console), console.export_text()


def test_fresh_records_pass(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    _run(project)
    assert _check(project) == (0, "run records are up to date\n")


def test_stale_record_fails_with_fix_command(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    _run(project)
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\nprint("changed")\n')
    code, out = _check(project)
    assert code == 1
    assert (
        "data/runs/cpu/a/pytorch.json: error: stale: snippets/a/pytorch.py changed since "
        "this record was written; run `make snippets` and commit data/runs/"
    ) in out


def test_missing_record_fails(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    code, out = _check(project)
    assert code == 1 and "missing: a/pytorch has no cpu run record" in out


def test_orphan_record_fails(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    _run(project)
    (project / "snippets/a/pytorch.py").rename(project / "snippets/a/tensorflow.py")
    problems = find_problems(project)
    assert any("orphan" in p.message and p.path == "data/runs/cpu/a/pytorch.json" for p in problems)


def test_stale_gpu_record_only_warns(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", 'print("device: cpu")\n')
    _run(project)
    gpu = project / "data/runs/cuda/a"
    gpu.mkdir(parents=True)
    text = (project / "data/runs/cpu/a/pytorch.json").read_text()
    (gpu / "pytorch.json").write_text(
        text.replace('"device": "cpu"', '"device": "cuda"').replace(
            '"source_sha256": "', '"source_sha256": "0'
        )
    )
    code, out = _check(project)
    assert code == 0
    assert "warning: stale" in out and "run-gpu" in out
