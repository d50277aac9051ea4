"""``dlcompare notebooks``: execute the notebooks (cached), or list them.

Wired into the main CLI by ``add_parser``; ``python -m dlcompare.notebooks`` runs the
same command on its own.
"""

from __future__ import annotations

import argparse
import sys

from dlcompare.paths import find_root

DESCRIPTION = (
    "Execute every docs/notebooks/*.nb.py in a fresh 'dlcompare' Jupyter kernel, reusing "
    "the cached result of any notebook whose source and environment are unchanged. A failing "
    "cell or a blocking warning fails the command with file:line of the cell."
)


def _cmd_notebooks(args: argparse.Namespace) -> int:
    from dlcompare.notebooks.source import NotebookNotFound, discover

    root = find_root()
    if args.list:
        from dlcompare.notebooks.cache import NotebookCache, cache_key

        try:
            notebooks = discover(root, args.select)
        except NotebookNotFound as exc:
            print(exc, file=sys.stderr)
            return 2
        cache = NotebookCache(root)
        for notebook in notebooks:
            state = "cached" if cache.path(cache_key(notebook)).exists() else "not executed"
            print(f"{notebook.rel}  ({state})")
        return 0
    from dlcompare.notebooks.suite import main_run

    return main_run(root, args.select, use_cache=not args.no_cache)


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "select", nargs="*", help="notebook names (pytorch-digits) or paths; default: all"
    )
    parser.add_argument("--no-cache", action="store_true", help="execute even unchanged notebooks")
    parser.add_argument(
        "--list", action="store_true", help="list the notebooks and whether they are cached"
    )
    parser.set_defaults(func=_cmd_notebooks)
    return parser


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add ``notebooks`` to the main ``dlcompare`` command."""
    return _configure(
        subparsers.add_parser(
            "notebooks",
            help="execute the notebooks in docs/notebooks/ (unchanged ones come from the cache)",
            description=DESCRIPTION,
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = _configure(
        argparse.ArgumentParser(prog="python -m dlcompare.notebooks", description=DESCRIPTION)
    )
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
