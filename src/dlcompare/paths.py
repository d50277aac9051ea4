"""Where things live in a dlcompare checkout.

Everything is resolved from the project root so that the CLI, the MkDocs hook and
the tests agree on locations whatever the current directory is.
"""

from __future__ import annotations

import os
from pathlib import Path

# Re-exported for older imports; the lists live in dlcompare.vocabulary.
from dlcompare.vocabulary import FRAMEWORKS, KERAS_BACKENDS

__all__ = ["FRAMEWORKS", "KERAS_BACKENDS", "find_root"]


def find_root(start: Path | None = None) -> Path:
    """Return the project root: the nearest folder above ``start`` holding mkdocs.yml.

    ``DLCOMPARE_ROOT`` overrides the search so tests can point at a scratch tree.
    """
    env = os.environ.get("DLCOMPARE_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    # Fall back to the source checkout this package was installed from (editable install).
    pkg_root = Path(__file__).resolve().parents[2]
    if (pkg_root / "mkdocs.yml").is_file():
        return pkg_root
    raise FileNotFoundError(
        f"no mkdocs.yml found in {here} or above: run dlcompare from inside the project "
        "or set DLCOMPARE_ROOT"
    )
