"""dlcompare check: compat reports must name registry versions and sit in the right file."""

from __future__ import annotations

from pathlib import Path

from dlcompare.matrix.lint import matrix_problems
from dlcompare.matrix.reports import CellResult, Report, ReportEnvironment, write_report

REGISTRY = """framework: keras
package: keras
source: https://pypi.org/project/keras/#history
refreshed: 2026-12-02
lines:
- line: '3.10'
  status: retired
  released: 2025-05-19
  first: 3.10.0
  newest: 3.10.0
  newest_released: 2025-05-19
  versions: [3.10.0]
"""


def report(version: str) -> Report:
    env = ReportEnvironment(name="keras-x", python="3.11.7", platform="Linux", fingerprint="f")
    cell = CellResult(
        program="snippets/a/keras.py", backend="jax", source_sha256="s", status="pass"
    )
    return Report(framework="keras", version=version, backend="jax", date="2026-12-02",
                  environment=env, results=[cell])  # fmt: skip


def test_unknown_version_is_an_error_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "data/releases").mkdir(parents=True)
    (tmp_path / "data/releases/keras.yaml").write_text(REGISTRY)
    write_report(tmp_path, report("3.10.0"))
    assert matrix_problems(tmp_path) == []
    write_report(tmp_path, report("3.99.0"))
    (problem,) = matrix_problems(tmp_path)
    assert problem.file == "data/compat/keras/3.99.0-jax.json"
    assert problem.line == 3
    assert "3.99.0 of keras is not in data/releases/keras.yaml" in problem.message


def test_misplaced_report_names_where_it_belongs(tmp_path: Path) -> None:
    (tmp_path / "data/releases").mkdir(parents=True)
    (tmp_path / "data/releases/keras.yaml").write_text(REGISTRY)
    path = write_report(tmp_path, report("3.10.0"))
    path.rename(path.with_name("3.10.0.json"))
    (problem,) = matrix_problems(tmp_path)
    assert "move it to data/compat/keras/3.10.0-jax.json" in problem.message
