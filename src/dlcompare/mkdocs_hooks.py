"""MkDocs hooks: thin wiring from MkDocs events to the tested renderers.

* before the build, validate data/ and stop with file:line messages if it is broken
  (never a half-built site);
* on each page, replace ``<!-- name: args -->`` markers with rendered Markdown.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from dlcompare.render.markers import MarkerError, RenderContext, expand

log = logging.getLogger("mkdocs.plugins.dlcompare")
_store: dict[str, Any] = {}


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_pre_build(config: Any, **_: Any) -> None:
    _store.clear()  # records, facts and programs are re-read on every (re)build
    from dlcompare.facts.lint import lint

    result = lint(_root(config))
    if result.errors:
        errors = [str(problem) for problem in result.errors]
        raise PluginError("data/ is invalid, so the site was not built:\n  " + "\n  ".join(errors))
    # The renderers read the same data: hand them the validated copy instead of
    # parsing every YAML file a second time.
    _store["facts"] = result.dataset


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    ctx = RenderContext(root=_root(config), page=page.file.src_uri, store=_store)
    try:
        return expand(markdown, ctx)
    except MarkerError as exc:
        raise PluginError(str(exc)) from None
