"""``dlcompare check`` rules for the release registry and the compat reports.

* the registry files validate (schema errors with ``file:line``);
* every report under ``data/compat/`` validates, sits in the file its framework,
  version and backend name, and names a version that exists in the registry
  (MDN's "versions exist" rule);
* a fact's typed ``since``/``until`` that the runs of its check contradict fails with
  both values, unless the cell's ``measured_override`` gives a reason and a source
  that exists (``matrix/agreement.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pydantic import ValidationError

from dlcompare.facts.lint import fact_cells
from dlcompare.facts.loader import Dataset
from dlcompare.validation import Problem

if TYPE_CHECKING:
    from dlcompare.facts.lint import Rule
from dlcompare.matrix.releases import load_registry
from dlcompare.matrix.reports import COMPAT_DIR, read_report, report_path


class _HasRoot(Protocol):
    root: Path


def _line_of(path: Path, needle: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except OSError:
        pass
    return 1


def matrix_problems(root: Path) -> list[Problem]:
    registry, problems = load_registry(root)
    for path in sorted((root / COMPAT_DIR).glob("*/*.json")):
        rel = path.relative_to(root).as_posix()
        try:
            report = read_report(path)
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[:3]
            problems.append(
                Problem(rel, 1, f"not a valid compat report ({' '.join(first)}); re-run "
                        "`dlcompare matrix` for it", rule="compat-report")
            )  # fmt: skip
            continue
        expected = report_path(root, report.framework, report.version, report.backend)
        if expected != path:
            problems.append(
                Problem(rel, 1, f"holds {report.framework} {report.version} "
                        f"(backend {report.backend}); move it to "
                        f"{expected.relative_to(root).as_posix()}", rule="compat-report")
            )  # fmt: skip
        known = registry.get(report.framework)
        if known is None or report.version not in known.versions():
            problems.append(
                Problem(rel, _line_of(path, '"version"'),
                        f"version {report.version} of {report.framework} is not in "
                        f"data/releases/{report.framework}.yaml; run `dlcompare releases "
                        "refresh` or fix the report", rule="compat-version")
            )  # fmt: skip
    return problems


def rule_matrix(ctx: _HasRoot) -> Iterable[Problem]:
    """The lint rule ``dlcompare check`` runs (registered in facts/lint.py RULES)."""
    return matrix_problems(ctx.root)


def data_rules() -> tuple[Rule, ...]:
    """Every rule ``dlcompare check`` and the build apply: the facts' and the matrix's.

    Assembled here, above both, so ``facts/`` never imports the matrix.
    """
    from dlcompare.facts.lint import RULES

    return (*RULES, rule_matrix, rule_agreement)


class _HasDataset(_HasRoot, Protocol):
    dataset: Dataset


def agreement_problems(root: Path, dataset: Dataset) -> list[Problem]:
    """Typed since/until that the matrix's runs contradict, and bad overrides."""
    from dlcompare.matrix.agreement import agreements, measured_ranges

    problems = []
    for found in agreements(dataset.facts, measured_ranges(root)):
        typed = found.typed
        where = (typed.file, typed.line)
        said = f"fact {typed.fact}, {typed.column} `{typed.key}: '{typed.version}'`"
        if found.verdict == "contradicted":
            fix = (
                f"write `{typed.key}: '{found.suggestion}'`"
                if found.suggestion
                else ("correct the range")
            )
            problems.append(
                Problem(*where, f"{said} is contradicted by the release matrix's runs of "
                        f"{typed.check} ({found.detail}); {fix}, or keep it with "
                        "`measured_override: {reason: ..., source: <id>}`", rule="compat-agreement")
            )  # fmt: skip
    for located in dataset.facts:
        for column, line, cell in fact_cells(located):
            override = cell.measured_override
            if override and override.source not in dataset.sources:
                problems.append(
                    Problem(located.file, line, f"fact {located.item.id}, {column}: "
                            f"measured_override cites '{override.source}', which is not in "
                            "data/sources.yaml; add the source or cite another",
                            rule="compat-agreement")
                )  # fmt: skip
    return problems


def rule_agreement(ctx: _HasDataset) -> Iterable[Problem]:
    """The lint rule: typed ranges the runs contradict fail, with both values."""
    return agreement_problems(ctx.root, ctx.dataset)
