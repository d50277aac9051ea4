"""The pip line of every program is derived from its imports and the project's pins."""

from __future__ import annotations

import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from dlcompare.snippets.discover import discover
from dlcompare.snippets.requirements import (
    MODULE_DISTRIBUTIONS,
    RequirementsError,
    imports,
    project_pins,
    recipes,
    requirements_for,
    used_names,
)

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = discover(ROOT)
PINS = {"torch": "2.13.0", "keras": "3.15.1", "jax": "0.10.2", "jaxlib": "0.10.2",
        "numpy": "2.4.6", "scikit-learn": "1.9.1", "tensorflow": "2.21.0",
        "onnx": "1.23.2", "onnxscript": "0.7.2", "tensorboard": "2.21.0"}  # fmt: skip


def test_imports_map_to_pinned_distributions_framework_first() -> None:
    source = (
        "import numpy as np\nimport torch\nfrom sklearn.datasets import load_digits\nimport os\n"
    )
    reqs = requirements_for(source, "t/pytorch.py", "pytorch", None, PINS)
    assert [r.pin for r in reqs] == ["torch==2.13.0", "numpy==2.4.6", "scikit-learn==1.9.1"]
    assert all(r.kind == "import" for r in reqs)


def test_keras_backend_adds_its_package_and_companion() -> None:
    reqs = requirements_for("import keras\n", "t/keras.py", "keras", "jax", PINS)
    assert [(r.pin, r.kind) for r in reqs] == [
        ("keras==3.15.1", "import"),
        ("jax==0.10.2", "backend"),
        ("jaxlib==0.10.2", "companion"),
    ]


def test_backend_import_inside_a_branch_counts_for_that_backend_only() -> None:
    source = (
        "import keras\n"
        "def on_gpu():\n"
        "    if keras.backend.backend() == 'torch':\n"
        "        import torch\n"
        "        return torch.cuda.is_available()\n"
        "    import tensorflow as tf\n"
        "    return bool(tf.config.list_physical_devices('GPU'))\n"
    )
    on_jax = {r.distribution for r in requirements_for(source, "k.py", "keras", "jax", PINS)}
    on_torch = {r.distribution for r in requirements_for(source, "k.py", "keras", "torch", PINS)}
    assert "torch" not in on_jax and "tensorflow" not in on_jax
    assert "torch" in on_torch and "tensorflow" not in on_torch


def test_top_level_tensorflow_import_stays_on_every_backend() -> None:
    source = "import keras\nimport tensorflow as tf\n"
    reqs = requirements_for(source, "k.py", "keras", "jax", PINS)
    assert "tensorflow" in {r.distribution for r in reqs}


def test_features_that_need_an_unimported_package_add_it_with_the_reason() -> None:
    source = "import torch\ntorch.onnx.export(m, (x,), 'm.onnx', dynamo=True)\n"
    reqs = {r.distribution: r for r in requirements_for(source, "p.py", "pytorch", None, PINS)}
    assert reqs["onnxscript"].kind == "use" and "onnxscript" in reqs["onnxscript"].why
    keras_source = "import keras\ncb = keras.callbacks.TensorBoard(log_dir='x')\n"
    reqs = {r.distribution: r for r in requirements_for(keras_source, "k.py", "keras", "jax", PINS)}
    assert reqs["tensorflow"].kind == "use"


def test_used_names_resolve_aliases_and_from_imports() -> None:
    names = used_names("import tensorflow as tf\nfrom torch import onnx\ntf.summary.scalar\n")
    assert {"tensorflow.summary.scalar", "torch.onnx", "tensorflow"} <= names


def test_unknown_module_names_file_line_and_fix() -> None:
    with pytest.raises(RequirementsError, match=r"p\.py:2: imports 'polars'.*MODULE_DISTRIBUTIONS"):
        requirements_for("import os\nimport polars\n", "p.py", "pytorch", None, PINS)


def test_unpinned_distribution_names_the_fix() -> None:
    with pytest.raises(RequirementsError, match=r"matplotlib.*does not pin.*frameworks"):
        requirements_for("import matplotlib\n", "p.py", "pytorch", None, {"torch": "1"})


def test_relative_and_future_imports_are_not_requirements() -> None:
    assert [
        i.module for i in imports("from __future__ import annotations\nfrom . import x\n")
    ] == []


def test_recipe_commands_per_keras_backend() -> None:
    got = recipes("import keras\n", "snippets/t/keras.py", "keras", ("torch", "jax"), PINS)
    assert [r.run_command for r in got] == [
        "KERAS_BACKEND=torch python keras.py",
        "KERAS_BACKEND=jax python keras.py",
    ]
    assert got[0].install_line == "pip install keras==3.15.1 torch==2.13.0"


def test_project_pins_come_from_pyproject_and_agree_with_the_lock() -> None:
    pins = project_pins(ROOT)
    lock = dict(
        m.groups()
        for line in (ROOT / "requirements/constraints.txt").read_text().splitlines()
        if (m := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line))
    )
    lock = {k.lower(): v for k, v in lock.items()}
    assert pins["scikit-learn"] == lock["scikit-learn"] and pins["torch"] == "2.13.0"
    assert {d: v for d, v in pins.items() if lock.get(d) != v} == {}


def test_module_map_agrees_with_installed_metadata() -> None:
    """Each import name really comes from the distribution the map says (this venv)."""
    installed = packages_distributions()
    wrong = {
        module: (dist, installed.get(module))
        for module, dist in MODULE_DISTRIBUTIONS.items()
        if module in installed
        and dist.lower() not in {d.lower().replace("_", "-") for d in installed[module]}
    }
    assert not wrong


def _imported_third_party(source: str) -> set[str]:
    """An independent, plain reading of the program: every ``import X`` / ``from X``."""
    names = re.findall(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", source, flags=re.MULTILINE)
    return {n for n in names if n not in sys.stdlib_module_names and n != "__future__"}


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.path.as_posix())
def test_every_programs_line_covers_its_imports_and_nothing_unexplained(program) -> None:
    source = (ROOT / program.path).read_text(encoding="utf-8")
    pins = project_pins(ROOT)
    for recipe in recipes(
        source, program.path.as_posix(), program.framework, program.backends, pins
    ):
        line = recipe.install_line
        assert line.startswith("pip install ")
        pinned = dict(p.split("==") for p in line.removeprefix("pip install ").split())
        assert all(pins[d] == v for d, v in pinned.items()), line
        imported = _imported_third_party(source)
        if program.framework == "keras":
            # Backend packages may be imported on another backend's branch only.
            others = {"torch", "tensorflow", "jax"} - {recipe.backend or ""}
            nested = {m for m in others if re.search(rf"^\s+(?:import|from)\s+{m}\b", source, re.M)}
            top = {m for m in others if re.search(rf"^(?:import|from)\s+{m}\b", source, re.M)}
            imported -= nested - top
        for module in imported:
            assert MODULE_DISTRIBUTIONS[module] in pinned, (
                f"{program.path}: {module} missing: {line}"
            )
        explained = {MODULE_DISTRIBUTIONS[m] for m in imported}
        for req in recipe.requirements:
            assert req.distribution in explained or req.kind != "import", (program.path, req)
        if recipe.backend:
            assert recipe.run_command == f"KERAS_BACKEND={recipe.backend} python keras.py"
            assert {"tensorflow": "tensorflow", "torch": "torch", "jax": "jax"}[
                recipe.backend
            ] in pinned
        else:
            assert recipe.run_command == f"python {program.path.name}"
