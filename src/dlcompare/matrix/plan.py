"""Which programs run against which framework releases: the matrix's cells.

A cell is (program, backend, framework release). For each registry framework:

* ``torch``: every ``snippets/<task>/pytorch.py``;
* ``tensorflow``: every ``snippets/<task>/tensorflow.py``;
* ``keras``: every ``snippets/<task>/keras.py`` once per Keras backend it supports
  (``KERAS_BACKEND``), one report per backend;
* ``jax``: every ``keras.py`` that supports the JAX backend, on that backend (JAX has
  no example programs of its own; Keras is how the site uses it);

plus the fact checks in ``snippets/facts/`` that are about that framework: those
that import its module or name its distribution in quotes (``"torch"``, for the
metadata checks). Fact checks run without a Keras backend of our choosing (they
pick their own), in the report without a backend suffix.

A program can declare where it does not apply, in a header comment; its cells are
then "not run" with that reason, never "fail":

* ``# dlcompare-matrix: requires = keras>=3.9`` (a PEP 440 specifier on the varied
  framework) for an API the program knowingly needs;
* ``# dlcompare-matrix: pins-only = <why>`` for a program that asserts the project's
  pins themselves (it is only meaningful at the pinned release).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from dlcompare.snippets.discover import discover
from dlcompare.vocabulary import KERAS_BACKENDS

#: The frameworks of the release registry (PyPI distribution names).
REGISTRY_FRAMEWORKS: tuple[str, ...] = ("torch", "tensorflow", "keras", "jax")
#: Which example programs (file stem) each registry framework varies.
PROGRAM_STEM = {"torch": "pytorch", "tensorflow": "tensorflow", "keras": "keras", "jax": "keras"}
#: The Keras backends a release of each framework is measured on (None: no backend).
BACKENDS_OF: dict[str, tuple[str | None, ...]] = {
    "torch": (None,),
    "tensorflow": (None,),
    "keras": KERAS_BACKENDS,
    "jax": ("jax",),
}
FACTS_DIR = "snippets/facts"
_DECLARATION = re.compile(r"^#\s*dlcompare-matrix:\s*(?P<key>[\w-]+)\s*=\s*(?P<value>.*?)\s*$")


class PlanError(ValueError):
    """A program's matrix declaration is wrong; the message names file and line."""


@dataclass(frozen=True)
class Cell:
    """One program under one backend, to be run against one release."""

    program: str  # repository path
    backend: str | None
    timeout_s: float = 180.0
    requires: str = ""  # PEP 440 specifier on the varied framework
    pins_only: str = ""  # why the program only applies at the pins

    def skip_reason(self, version: str, pinned: str | None) -> str:
        """Why the program itself says it does not apply to ``version`` ("" if it does)."""
        if self.pins_only and version != pinned:
            return f"the program only applies at the pinned release: {self.pins_only}"
        if self.requires and Version(version) not in SpecifierSet(self.requires):
            return f"the program declares it needs {self.requires}"
        return ""


def declarations(root: Path, program: str) -> dict[str, str]:
    """The ``# dlcompare-matrix:`` header comments of a program."""
    found: dict[str, str] = {}
    text = (root / program).read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        match = _DECLARATION.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"]
        if key not in ("requires", "pins-only"):
            raise PlanError(
                f"{program}:{lineno}: unknown dlcompare-matrix key {key!r}; "
                "use 'requires = <specifier>' or 'pins-only = <why>'"
            )
        if key == "requires":
            value = re.sub(r"^[A-Za-z][A-Za-z0-9_.-]*\s*", "", value)  # "keras>=3.9" -> ">=3.9"
            try:
                if not value:
                    raise InvalidSpecifier(value)
                SpecifierSet(value)
            except InvalidSpecifier:
                raise PlanError(
                    f"{program}:{lineno}: {value!r} is not a version specifier; "
                    "write e.g. 'requires = >=3.9'"
                ) from None
        found[key] = value
    return found


def _fact_is_about(source: str, framework: str) -> bool:
    imports = re.search(rf"^\s*(?:import|from)\s+{framework}\b", source, re.MULTILINE)
    return bool(imports) or f'"{framework}"' in source


def fact_programs(root: Path, framework: str) -> list[str]:
    """The fact checks about ``framework`` (see the module docstring)."""
    found = []
    for path in sorted((root / FACTS_DIR).glob("*.py")):
        if _fact_is_about(path.read_text(encoding="utf-8"), framework):
            found.append(path.relative_to(root).as_posix())
    return found


def _cell(root: Path, program: str, backend: str | None, timeout_s: float) -> Cell:
    declared = declarations(root, program)
    return Cell(
        program, backend, timeout_s, declared.get("requires", ""), declared.get("pins-only", "")
    )


def cells_for(root: Path, framework: str, backend: str | None) -> list[Cell]:
    """The cells of one report: ``framework``'s programs under ``backend``.

    For Keras, ``backend=None`` is the report of its fact checks.
    """
    if framework not in PROGRAM_STEM:
        raise PlanError(f"unknown framework {framework!r}; use one of {REGISTRY_FRAMEWORKS}")
    stem = PROGRAM_STEM[framework]
    cells: list[Cell] = []
    examples = backend is not None or framework in ("torch", "tensorflow")
    if examples:
        for program in discover(root):
            if program.framework != stem:
                continue
            if stem == "keras" and backend not in program.backends:
                continue
            cells.append(_cell(root, program.path.as_posix(), backend, program.timeout_s))
    facts_here = backend is None or framework == "jax"
    if facts_here:
        cells.extend(_cell(root, p, None, 180.0) for p in fact_programs(root, framework))
    return cells


def report_keys(framework: str) -> list[str | None]:
    """The backends with a report per release (None: the report without a suffix)."""
    if framework == "keras":
        return [None, *BACKENDS_OF["keras"]]
    return list(BACKENDS_OF[framework])
