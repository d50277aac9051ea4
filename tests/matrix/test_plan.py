"""Cells and the programs' own matrix declarations."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write_program

from dlcompare.matrix.plan import Cell, PlanError, cells_for, declarations, fact_programs


def test_declared_requirement_makes_older_releases_not_run(tmp_path: Path) -> None:
    write_program(
        tmp_path,
        "snippets/facts/a.py",
        "# dlcompare-matrix: requires = keras>=3.10\nimport keras\n",
    )
    (cell,) = cells_for(tmp_path, "keras", None)
    assert cell.requires == ">=3.10"
    assert "declares it needs >=3.10" in cell.skip_reason("3.9.2", "3.15.1")
    assert cell.skip_reason("3.10.0", "3.15.1") == ""


def test_pins_only_runs_only_at_the_pin() -> None:
    cell = Cell("snippets/facts/v.py", None, pins_only="asserts the pins")
    assert cell.skip_reason("2.15.0", "2.13.0").startswith("the program only applies")
    assert cell.skip_reason("2.13.0", "2.13.0") == ""


def test_unknown_declaration_names_file_and_line(tmp_path: Path) -> None:
    write_program(tmp_path, "snippets/facts/b.py", '"""doc"""\n# dlcompare-matrix: skip = yes\n')
    with pytest.raises(PlanError, match=r"snippets/facts/b.py:2: unknown dlcompare-matrix key"):
        declarations(tmp_path, "snippets/facts/b.py")


def test_bad_specifier_is_an_error(tmp_path: Path) -> None:
    write_program(tmp_path, "snippets/facts/c.py", "# dlcompare-matrix: requires = soon\n")
    with pytest.raises(PlanError, match="not a version specifier"):
        declarations(tmp_path, "snippets/facts/c.py")


def test_facts_follow_imports_and_quoted_names(tmp_path: Path) -> None:
    write_program(tmp_path, "snippets/facts/t.py", "import torch\n")
    write_program(tmp_path, "snippets/facts/m.py", 'NAMES = ["tensorflow"]\n')
    assert fact_programs(tmp_path, "torch") == ["snippets/facts/t.py"]
    assert fact_programs(tmp_path, "tensorflow") == ["snippets/facts/m.py"]


def test_keras_examples_per_backend_and_jax_uses_keras_programs(tmp_path: Path) -> None:
    write_program(tmp_path, "snippets/cnn/keras.py", "import keras\n")
    write_program(tmp_path, "snippets/cnn/pytorch.py", "import torch\n")
    assert [c.backend for c in cells_for(tmp_path, "keras", "torch")] == ["torch"]
    assert [c.program for c in cells_for(tmp_path, "jax", "jax")] == ["snippets/cnn/keras.py"]
    assert [c.program for c in cells_for(tmp_path, "torch", None)] == ["snippets/cnn/pytorch.py"]
