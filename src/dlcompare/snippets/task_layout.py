"""Is every task complete? Its three programs, its page and its nav entry.

A contributor adding ``snippets/<task>/`` used to learn the rules from three
successive failures (page link, then nav entry, then a slow test about the other
frameworks). This check runs first, in ``dlcompare run`` and ``dlcompare check``,
and lists everything missing at once, with the paths and the exact nav line.
"""

from __future__ import annotations

from pathlib import Path

from dlcompare.snippets.discover import SnippetError
from dlcompare.vocabulary import FRAMEWORKS

#: Folders under snippets/ that hold programs but are not example tasks.
NOT_TASKS = frozenset({"facts", "concordance"})  # fact checks; concordance proofs
PAGES = Path("docs/examples")


def task_dirs(root: Path) -> list[Path]:
    base = root / "snippets"
    return sorted(
        path
        for path in base.iterdir()
        if path.is_dir()
        and path.name not in NOT_TASKS
        and not path.name.startswith((".", "_"))
        and any(path.glob("*.py"))
    )


def nav_pages(root: Path) -> set[str] | None:
    """Pages in ``mkdocs.yml``'s nav, as MkDocs reads it (None: no nav, MkDocs lists all)."""
    from dlcompare import mkdocs_config

    nav = mkdocs_config.load(root).nav
    return set(mkdocs_config.nav_leaves(nav)) if nav else None


def learning_order(root: Path, tasks: list[str]) -> list[str]:
    """``tasks`` in the order their pages appear in the nav (the site's learning order).

    Tasks whose page is not in the nav (or a site without a nav) follow, by name.
    """
    from dlcompare import mkdocs_config

    if not (root / "mkdocs.yml").is_file():  # a project without a site: by name
        return sorted(tasks)
    pages = list(mkdocs_config.nav_leaves(mkdocs_config.load(root).nav or []))
    position = {page: index for index, page in enumerate(pages)}

    def key(task: str) -> tuple[int, str]:
        return position.get(f"{PAGES.name}/{task}.md", len(pages)), task

    return sorted(tasks, key=key)


def missing_parts(root: Path, task: str, nav: set[str] | None) -> list[str]:
    folder = f"snippets/{task}"
    missing = [
        f"{folder}/{framework}.py (the {framework} program; see snippets/README.md)"
        for framework in FRAMEWORKS
        if not (root / folder / f"{framework}.py").exists()
    ]
    page = PAGES / f"{task}.md"
    marker = f"<!-- example: {task} -->"
    if not (root / page).exists():
        missing.append(f"{page.as_posix()} (a title, a short intro and the line {marker})")
    elif marker not in (root / page).read_text(encoding="utf-8"):
        missing.append(f"the line {marker} in {page.as_posix()}")
    nav_entry = f"examples/{task}.md"
    if nav is not None and nav_entry not in nav:
        missing.append(f"the nav entry '      - {nav_entry}' under '  - Examples:' in mkdocs.yml")
    return missing


def check_tasks(root: Path) -> None:
    """Raise one :class:`SnippetError` listing every missing part of every task."""
    if not (root / "snippets").is_dir():
        return
    nav = nav_pages(root)
    report = []
    for folder in task_dirs(root):
        missing = missing_parts(root, folder.name, nav)
        if missing:
            report.append(f"snippets/{folder.name}/: the task is incomplete; add")
            report.extend(f"  - {item}" for item in missing)
    if report:
        raise SnippetError("\n".join(report))
