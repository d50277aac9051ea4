"""Paths as results and records store them: never one machine's absolute paths.

Records are committed and published, so a path of the machine that ran a program
(the checkout, a temporary folder, the home folder, site-packages) must not reach
them. Every client of the executor stores paths through these two functions.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_SITE_PACKAGES = re.compile(r"[^\s'\"(<>=]*/site-packages/")


def portable_path(root: Path, filename: str) -> str:
    """Path as a record should store it: relative to the project or to site-packages.

    Records are committed, so they must not carry one machine's absolute paths.
    """
    marker = "site-packages/"
    if marker in filename:
        return filename[filename.index(marker) :]
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return portable_text(root, filename)


def portable_text(root: Path, text: str) -> str:
    """``text`` with this machine's paths replaced: site-packages, project, temp, home."""
    text = _SITE_PACKAGES.sub("site-packages/", text)
    for base in dict.fromkeys((str(root.resolve()), str(root))):
        text = text.replace(base + os.sep, "").replace(base, ".")
    temp = re.escape(tempfile.gettempdir().rstrip(os.sep))
    text = re.sub(
        rf"(?<![\w.]){temp}{re.escape(os.sep)}[^{re.escape(os.sep)}\s'\"]+", "<tmp>", text
    )
    home = str(Path.home())
    if len(home) > 1:
        text = re.sub(rf"(?<![\w.]){re.escape(home)}(?=[/\s'\"]|$)", "~", text)
    return text
