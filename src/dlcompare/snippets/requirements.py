"""What a reader must ``pip install`` to run one example program, derived from its imports.

The "run it" box under each program promises a line that works when pasted, so it
is computed, never written: the program's imports (read with :mod:`ast`, never by
running it) are mapped to the distributions that provide them and pinned to the
project's own versions (``pyproject.toml``, the ``frameworks`` extra, the same pins
the records were made with). Three things an import list does not show are added
with their reason, so the line is complete rather than merely plausible:

* the Keras backend a run needs (``KERAS_BACKEND=jax`` needs jax), and in a Keras
  program an import of a backend's package *inside* a function or branch counts only
  for that backend (``mixed_precision/keras.py`` imports torch only when torch runs);
* packages a library needs only for a feature the program uses (``torch.onnx``
  exporting with onnxscript, Keras' TensorBoard callback writing through TensorFlow);
* companions the project pins together (jax with its jaxlib).

A third-party module that is not in :data:`MODULE_DISTRIBUTIONS` is an error naming
the file, the line and the fix, so a new dependency cannot silently drop out.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dlcompare.vocabulary import KERAS_BACKENDS

#: Top-level import name -> the distribution pip installs it from.
MODULE_DISTRIBUTIONS: dict[str, str] = {
    "torch": "torch",
    "tensorflow": "tensorflow",
    "keras": "keras",
    "jax": "jax",
    "jaxlib": "jaxlib",
    "numpy": "numpy",
    "sklearn": "scikit-learn",
    "onnx": "onnx",
    "onnxscript": "onnxscript",
    "onnxruntime": "onnxruntime",
    "ai_edge_litert": "ai-edge-litert",
    "tensorboard": "tensorboard",
    "matplotlib": "matplotlib",
}

#: The distribution each Keras backend runs on (``KERAS_BACKEND`` value -> distribution).
BACKEND_DISTRIBUTIONS: dict[str, str] = {"tensorflow": "tensorflow", "torch": "torch", "jax": "jax"}

#: Dotted names whose *use* needs a distribution the program never imports itself.
USE_IMPLIES: dict[str, tuple[str, str]] = {
    "torch.onnx": ("onnxscript", "torch.onnx.export builds its ONNX graph with onnxscript"),
    "keras.callbacks.TensorBoard": (
        "tensorflow",
        "Keras' TensorBoard callback writes its logs through tf.summary on every backend",
    ),
    "torch.utils.tensorboard": ("tensorboard", "torch.utils.tensorboard writes with tensorboard"),
}

#: Distributions the project pins together with another one.
COMPANIONS: dict[str, tuple[str, str]] = {
    "jax": ("jaxlib", "jax's compiled half, pinned to the same release"),
}

#: The pyproject extra that holds what the example programs import.
PINS_EXTRA = "frameworks"

#: Where the CPU-only torch wheels are (the Makefile's TORCH_INDEX on CI).
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"

_PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;,]+)\s*$")


class RequirementsError(ValueError):
    """A program imports something the derivation cannot pin; the message names the fix."""


@dataclass(frozen=True)
class Requirement:
    """One pinned distribution and why the program needs it."""

    distribution: str
    version: str
    why: str
    #: import: the program imports it; backend: its Keras backend; use: a feature the
    #: program uses needs it (USE_IMPLIES); companion: pinned with another (COMPANIONS).
    kind: Literal["import", "backend", "use", "companion"] = "import"

    @property
    def pin(self) -> str:
        return f"{self.distribution}=={self.version}"


@dataclass(frozen=True)
class RunRecipe:
    """How a reader runs one program (on one Keras backend): install, then run."""

    program: str  # the file name the reader saves, e.g. keras.py
    backend: str | None
    requirements: tuple[Requirement, ...]

    @property
    def install_line(self) -> str:
        return "pip install " + " ".join(r.pin for r in self.requirements)

    @property
    def run_command(self) -> str:
        prefix = f"KERAS_BACKEND={self.backend} " if self.backend else ""
        return f"{prefix}python {self.program}"

    @property
    def distributions(self) -> set[str]:
        return {r.distribution for r in self.requirements}


@dataclass(frozen=True)
class Imported:
    """A top-level module a program imports, where, and whether at module level."""

    module: str
    line: int
    top_level: bool


def project_pins(root: Path) -> dict[str, str]:
    """``distribution -> version`` of the ``frameworks`` extra in ``pyproject.toml``."""
    path = root / "pyproject.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    extras = data.get("project", {}).get("optional-dependencies", {})
    if PINS_EXTRA not in extras:
        raise RequirementsError(
            f"{path.name}: no [project.optional-dependencies] {PINS_EXTRA} = [...] to pin from"
        )
    pins: dict[str, str] = {}
    for spec in extras[PINS_EXTRA]:
        match = _PIN.match(spec)
        if not match:
            raise RequirementsError(
                f"{path.name}: {PINS_EXTRA} entry {spec!r} is not an exact pin; write name==version"
            )
        pins[match[1].lower()] = match[2]
    return pins


def imports(source: str, filename: str = "<program>") -> list[Imported]:
    """Every absolute import of a third-party or stdlib module, in source order."""
    tree = ast.parse(source, filename=filename)
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            root_name = name.split(".")[0]
            if root_name != "__future__":
                found.append(Imported(root_name, node.lineno, id(node) in top_level))
    return sorted(found, key=lambda i: i.line)


def used_names(source: str) -> set[str]:
    """Dotted names the program uses: ``torch.onnx.export`` gives it and its prefixes."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    used: set[str] = set(aliases.values())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parts = []
            current: ast.expr = node
            while isinstance(current, ast.Attribute):
                parts.append(current.attr)
                current = current.value
            if isinstance(current, ast.Name) and current.id in aliases:
                used.add(".".join([aliases[current.id], *reversed(parts)]))
    prefixes: set[str] = set()
    for name in used:
        pieces = name.split(".")
        prefixes.update(".".join(pieces[:n]) for n in range(1, len(pieces) + 1))
    return prefixes


Kind = Literal["import", "backend", "use", "companion"]


def _pinned(
    distribution: str, reason: tuple[str, Kind], pins: dict[str, str], where: str
) -> Requirement:
    if distribution not in pins:
        raise RequirementsError(
            f"{where}: needs {distribution}, which pyproject.toml does not pin; add "
            f'"{distribution}==<version>" to [project.optional-dependencies] {PINS_EXTRA}'
        )
    return Requirement(distribution, pins[distribution], *reason)


def requirements_for(
    source: str,
    path: str,
    framework: str,
    backend: str | None,
    pins: dict[str, str],
) -> tuple[Requirement, ...]:
    """The pinned distributions ``path`` needs (on ``backend``), in ``pins`` order."""
    chosen: dict[str, tuple[str, Kind]] = {}
    backend_packages = set(BACKEND_DISTRIBUTIONS.values())
    for item in imports(source, path):
        if item.module in sys.stdlib_module_names:
            continue
        distribution = MODULE_DISTRIBUTIONS.get(item.module)
        if distribution is None:
            raise RequirementsError(
                f"{path}:{item.line}: imports {item.module!r}, which no distribution is known "
                "to provide; add it to MODULE_DISTRIBUTIONS in dlcompare/snippets/requirements.py"
            )
        # In a Keras program, a backend's package imported inside a function or branch
        # belongs to that backend's run only.
        conditional = framework == "keras" and not item.top_level
        if (
            conditional
            and distribution in backend_packages
            and BACKEND_DISTRIBUTIONS.get(backend or "") != distribution
        ):
            continue
        chosen.setdefault(distribution, (f"imported as {item.module} (line {item.line})", "import"))
    if backend is not None:
        chosen.setdefault(
            BACKEND_DISTRIBUTIONS[backend], (f"the {backend} backend runs on it", "backend")
        )
    names = used_names(source)
    for dotted, (distribution, why) in USE_IMPLIES.items():
        if dotted in names:
            chosen.setdefault(distribution, (why, "use"))
    for distribution, (companion, why) in COMPANIONS.items():
        if distribution in chosen:
            chosen.setdefault(companion, (why, "companion"))
    # The program's own framework first, then the pyproject order: stable and readable.
    order = [MODULE_DISTRIBUTIONS.get(framework, framework), *pins]
    ranked = sorted(chosen, key=lambda d: (order.index(d) if d in order else len(order), d))
    return tuple(_pinned(d, chosen[d], pins, path) for d in ranked)


def program_backends(framework: str, backends: tuple[str, ...]) -> list[str | None]:
    """The Keras backends a recipe is given for, canonical order; [None] otherwise."""
    if framework != "keras":
        return [None]
    return [b for b in KERAS_BACKENDS if b in backends] or [None]


def recipes(
    source: str, path: str, framework: str, backends: tuple[str, ...], pins: dict[str, str]
) -> list[RunRecipe]:
    """One recipe per way the program runs: one, or one per supported Keras backend."""
    name = Path(path).name
    return [
        RunRecipe(name, backend, requirements_for(source, path, framework, backend, pins))
        for backend in program_backends(framework, backends)
    ]
