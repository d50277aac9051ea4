"""The package's shape: no import cycles between modules, layers as pyproject declares.

The layer contract itself is checked by import-linter (`make lint-code`); this test
adds what a layer contract cannot see: a cycle between two modules of one package.
"""

from __future__ import annotations

import grimp
import networkx as nx


def _graph() -> nx.DiGraph:
    # Imports under `if TYPE_CHECKING:` never run, so they cannot form a real cycle.
    imports = grimp.build_graph("dlcompare", exclude_type_checking_imports=True)
    graph = nx.DiGraph()
    for module in imports.modules:
        for imported in imports.find_modules_directly_imported_by(module):
            graph.add_edge(module, imported)
    return graph


def real_cycles(graph: nx.DiGraph) -> list[str]:
    """Every cycle, as "a -> b -> a" text, except a package and its own submodule.

    A package's ``__init__`` re-exporting a submodule that imports the package back
    (dlcompare.facts <-> dlcompare.facts.loader) is how Python packages work.
    """
    cycles = (sorted(cycle) for cycle in nx.simple_cycles(graph))
    return sorted(" -> ".join(c) for c in cycles if not _package_init_pair(" -> ".join(c)))


def test_no_import_cycle_between_modules() -> None:
    cycles = real_cycles(_graph())
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def _package_init_pair(cycle: str) -> bool:
    modules = cycle.split(" -> ")
    return len(modules) == 2 and (
        modules[1].startswith(modules[0] + ".") or modules[0].startswith(modules[1] + ".")
    )


def test_the_checker_sees_a_cycle_but_not_a_package_and_its_submodule() -> None:
    graph = nx.DiGraph([("p.a", "p.b"), ("p.b", "p.a"), ("p", "p.c"), ("p.c", "p"), ("p.c", "p.a")])
    assert real_cycles(graph) == ["p.a -> p.b"]
