"""The release registry: lines and status from PyPI JSON, validation with file:line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dlcompare.matrix.releases import lines_from_pypi, load_registry


def wheel(version: str, day: str, tags: str = "cp311") -> list[dict[str, Any]]:
    name = f"torch-{version}-{tags}-{tags}-manylinux_2_28_x86_64.whl"
    return [
        {
            "filename": name,
            "upload_time": f"{day}T10:00",
            "requires_python": ">=3.10",
            "yanked": False,
        }
    ]


PROJECT = {
    "releases": {
        "2.16.0rc1": wheel("2.16.0rc1", "2026-11-20", "cp312"),
        "2.15.0": wheel("2.15.0", "2026-10-28", "cp312"),
        "2.14.0": wheel("2.14.0", "2026-09-02"),
        "2.14.1": wheel("2.14.1", "2026-09-30"),
        "2.9.0": wheel("2.9.0", "2025-10-15"),
        "2.8.0": [],  # no files: ignored
        "1.13.0": wheel("1.13.0", "2022-10-28"),  # older than the oldest line kept
    }
}


def test_lines_status_and_dates() -> None:
    lines = lines_from_pypi("torch", PROJECT, date(2026, 12, 2))
    by = {line.line: line for line in lines}
    assert [line.line for line in lines] == ["2.16", "2.15", "2.14", "2.9"]
    assert by["2.16"].status == "release-candidate" and by["2.16"].first is None
    assert by["2.15"].status == "current" and by["2.15"].python == ["3.12"]
    assert by["2.14"].status == "supported"
    assert by["2.14"].released == date(2026, 9, 2) and by["2.14"].newest == "2.14.1"
    assert by["2.9"].status == "retired"


def test_registry_errors_name_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "data/releases"
    folder.mkdir(parents=True)
    (folder / "torch.yaml").write_text(
        "framework: torch\npackage: torch\nsource: s\nrefreshed: 2026-12-02\nlines:\n"
        "- line: '2.15'\n  status: maintained\n  released: 2026-10-28\n  first: 2.15.0\n"
        "  newest: 2.15.0\n  newest_released: 2026-10-28\n  versions: [2.15.0]\n"
    )
    _, problems = load_registry(tmp_path)
    assert problems, "an unknown status must be reported"
    assert problems[0].file == "data/releases/torch.yaml"
    assert problems[0].line == 7
    assert "status" in problems[0].message
