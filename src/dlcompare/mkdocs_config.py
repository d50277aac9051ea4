"""The one reader of ``mkdocs.yml``: MkDocs' own config loader, with typed accessors.

``mkdocs.yml`` holds ``!!python/name:`` and ``!ENV`` tags, so a plain YAML reader
fails on it or, with tags ignored, reads a different configuration than the build
does. Going through :func:`mkdocs.config.load_config` means every tool sees the
values MkDocs builds with (defaults filled in, paths resolved, plugins validated).

Loading imports the hooks and plugins named in the file (about a second), so a
loaded config is cached per path and modification time; :func:`load` is the only
place that reads it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: Nav entries as MkDocs keeps them: a page path, ``{title: path}`` or ``{title: [...]}``.
NavEntry = str | dict[str, Any]


def nav_leaves(nav: object) -> list[str]:
    """Every page path in a MkDocs nav (as MkDocs keeps it), in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_leaves(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_leaves(value)]
    return []


class MkDocsConfigError(RuntimeError):
    """``mkdocs.yml`` could not be loaded; the message names the file and MkDocs' reason."""


@dataclass(frozen=True)
class MkDocsConfig:
    """The values dlcompare's tools read from ``mkdocs.yml``."""

    path: Path
    raw: Any  # mkdocs.config.defaults.MkDocsConfig, for the rare tool that needs more

    @property
    def site_url(self) -> str | None:
        value = self.raw["site_url"]
        return str(value) if value else None

    @property
    def docs_dir(self) -> Path:
        return Path(self.raw["docs_dir"])

    @property
    def nav(self) -> list[NavEntry]:
        return list(self.raw["nav"] or [])

    @property
    def pages(self) -> list[str]:
        """Every page path in the nav, in nav order, whatever the nesting."""
        return nav_leaves(self.nav)

    @property
    def hooks(self) -> list[str]:
        """The ``hooks:`` entries as written in mkdocs.yml (relative paths)."""
        return list(self.raw["hooks"].keys())

    def plugin(self, name: str) -> dict[str, Any]:
        """A plugin's settings with MkDocs' defaults filled in; KeyError names the fix."""
        plugins = self.raw["plugins"]
        if name not in plugins:
            raise KeyError(f"{self.path}: the {name} plugin is not configured under plugins:")
        return dict(plugins[name].config)


class _Errors(logging.Handler):
    """Collects the ERROR records MkDocs logs while loading."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@cache
def _load(path: Path, stamp: tuple[int, int]) -> MkDocsConfig:
    """``stamp`` (mtime, size) is only the cache key: an edited file is read again."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The loader logs each plugin it loads at INFO (tools print their own output)
    # and each invalid value at ERROR before it aborts: those become the message.
    log = logging.getLogger("mkdocs")
    errors = _Errors()
    level = log.level
    log.setLevel(max(level, logging.WARNING))
    log.addHandler(errors)
    try:
        raw = load_config(config_file=str(path))
    except (MkDocsException, OSError) as exc:
        reason = "; ".join(errors.messages) or str(exc)
        raise MkDocsConfigError(f"{path}: {reason}") from exc
    finally:
        log.removeHandler(errors)
        log.setLevel(level)
    return MkDocsConfig(path=path, raw=raw)


def load(root_or_file: Path) -> MkDocsConfig:
    """The config of the project at ``root_or_file`` (its folder, or the mkdocs.yml itself)."""
    path = Path(root_or_file)
    if path.is_dir():
        path = path / "mkdocs.yml"
    path = path.resolve()
    try:
        info = path.stat()
    except OSError as exc:
        raise MkDocsConfigError(f"{path}: cannot read it ({exc.strerror})") from exc
    return _load(path, (info.st_mtime_ns, info.st_size))


def site_url(root_or_file: Path) -> str | None:
    """``site_url`` of the project, or None when it has none."""
    return load(root_or_file).site_url
