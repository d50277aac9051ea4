"""axe-core on a page: violations, the ones that fail the build, and a readable report.

The fixes for what axe found live where the problem is: colours in
docs/stylesheets/dlcompare.css (its "Reader-experience fixes" section), names
and keyboard access for Material's and mkdocs-jupyter's widgets in
docs/javascripts/a11y.js.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Impacts that fail the tests (axe's scale: minor, moderate, serious, critical).
FAILING_IMPACTS = frozenset({"serious", "critical"})


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]  # CSS selectors of the offending nodes
    snippets: tuple[str, ...]  # their HTML, shortened

    def describe(self, limit: int = 3) -> str:
        nodes = "".join(
            f"\n      {target}  {snippet}"
            for target, snippet in zip(self.targets[:limit], self.snippets[:limit], strict=False)
        )
        more = (
            f"\n      … and {len(self.targets) - limit} more" if len(self.targets) > limit else ""
        )
        head = f"{self.rule} ({self.impact}, {len(self.targets)} nodes)"
        return f"{head}: {self.help} — {self.help_url}{nodes}{more}"


def violations_from(response: dict[str, Any]) -> list[Violation]:
    """axe's ``results.violations`` as :class:`Violation` objects."""
    found = []
    for item in response.get("violations", []):
        nodes = item.get("nodes", [])
        found.append(
            Violation(
                rule=item["id"],
                impact=item.get("impact") or "unknown",
                help=item.get("help", ""),
                help_url=item.get("helpUrl", ""),
                targets=tuple(" ".join(map(str, node.get("target", []))) for node in nodes),
                snippets=tuple(" ".join(node.get("html", "").split())[:160] for node in nodes),
            )
        )
    return found


def failing(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in FAILING_IMPACTS]


def run_axe(page: Any) -> list[Violation]:
    """Run axe-core (from axe-playwright-python) on a loaded Playwright page."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    return violations_from(Axe().run(page).response)
