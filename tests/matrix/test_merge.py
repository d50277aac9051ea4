"""Merging the release jobs' artifacts: every expected report from exactly one artifact."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import write_program

from dlcompare.matrix.merge import expected_reports, merge_reports
from dlcompare.matrix.reports import Report, ReportEnvironment, read_report, report_path

TARGETS = [("torch", "2.12.1"), ("keras", "3.10.0")]


def scratch(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_program(root, "snippets/a/pytorch.py", "import torch\n")
    write_program(root, "snippets/a/keras.py", "import keras\n")
    return root


def report(framework: str, version: str, backend: str | None) -> Report:
    env = ReportEnvironment(name="e", python="3.11", platform="linux", fingerprint="f")
    return Report(
        framework=framework, version=version, backend=backend, date="2026-12-03",
        environment=env, results=[],
    )  # fmt: skip


def artifacts(tmp_path: Path, root: Path) -> list[Path]:
    """One folder per target, holding its reports as the compat workflow uploads them."""
    folders = []
    for framework, version in TARGETS:
        folder = tmp_path / f"compat-{framework}-{version}"
        for key in expected_reports(root, [(framework, version)]):
            backend = key.partition("-")[2] or None
            data = report(framework, version, backend).model_dump_json(indent=1)
            path = folder / f"{key.split('/')[1]}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(data)
        folders.append(folder)
    return folders


def test_expected_reports_follow_the_plan(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    # Keras without a backend is the report of its fact checks: none here, so no report.
    assert expected_reports(root, TARGETS) == [
        "torch/2.12.1",
        "keras/3.10.0-tensorflow",
        "keras/3.10.0-torch",
        "keras/3.10.0-jax",
    ]


def test_a_complete_set_is_copied_into_data_compat(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    problems, written = merge_reports(root, artifacts(tmp_path, root), TARGETS)
    assert problems == [] and len(written) == 4
    assert read_report(report_path(root, "keras", "3.10.0", "jax")).backend == "jax"


def test_a_missing_release_job_is_a_gap_and_nothing_is_written(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    folders = artifacts(tmp_path, root)
    (folders[1] / "3.10.0-torch.json").unlink()
    problems, written = merge_reports(root, folders, TARGETS)
    assert problems == ["gap: no artifact produced 1 report(s): keras/3.10.0-torch"]
    assert written == [] and not (root / "data/compat").exists()
    problems, _ = merge_reports(root, folders[:1], TARGETS)
    assert problems[-1].startswith("gap: no artifact produced 3 report(s): keras/3.10.0-")


def test_the_same_report_in_two_artifacts_is_a_duplicate(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    folders = artifacts(tmp_path, root)
    copy = tmp_path / "again"
    shutil.copytree(folders[0], copy)
    problems, _ = merge_reports(root, [*folders, copy], TARGETS)
    assert problems == [f"duplicate: torch/2.12.1 came from artifacts {folders[0]} and {copy}"]


def test_a_misnamed_or_broken_report_is_refused(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    folders = artifacts(tmp_path, root)
    (folders[0] / "2.12.1.json").rename(folders[0] / "2.13.0.json")
    (folders[1] / "3.10.0-jax.json").write_text("{}")
    problems, _ = merge_reports(root, folders, TARGETS)
    assert any("holds the report torch/2.12.1; name it 2.12.1.json" in p for p in problems)
    assert any("3.10.0-jax.json: not a compat report" in p for p in problems)
