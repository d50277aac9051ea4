"""MkDocs hooks: thin wiring from MkDocs events to the tested renderers.

* on config, register the Markdown extension that pastes program output into pages
  untouched (``dlcompare.render.raw_html``);
* before the build, validate data/ and stop with file:line messages if it is broken
  (never a half-built site), then create the build's one :class:`BuildData`;
* on each page, replace ``<!-- name: args -->`` markers with rendered Markdown.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from dlcompare.render.context import BuildData, RenderContext
from dlcompare.render.markers import MarkerError, expand
from dlcompare.render.raw_html import RawHtmlExtension

log = logging.getLogger("mkdocs.plugins.dlcompare")
#: The data of the build in progress; replaced at the start of every (re)build.
_build: BuildData | None = None


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_config(config: Any, **_: Any) -> Any:
    extensions = config["markdown_extensions"]
    if not any(isinstance(ext, RawHtmlExtension) for ext in extensions):
        extensions.append(RawHtmlExtension())
    return config


def on_pre_build(config: Any, **_: Any) -> None:
    global _build  # noqa: PLW0603 (one build at a time; MkDocs hooks are module functions)
    from dlcompare.facts.lint import lint

    root = _root(config)
    from dlcompare.matrix.lint import data_rules

    result = lint(root, rules=data_rules())
    if result.errors:
        errors = [str(problem) for problem in result.errors]
        raise PluginError("data/ is invalid, so the site was not built:\n  " + "\n  ".join(errors))
    # The renderers read the same data: hand them the validated copy instead of
    # parsing every YAML file a second time. Records, programs and the rest are
    # re-read on every (re)build, on first use.
    _build = BuildData(
        root, dataset_given=result.dataset, nav_given=list(config.get("nav") or []) or None
    )


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    root = _root(config)
    build = _build if _build is not None and _build.root == root else BuildData(root)
    ctx = RenderContext(root=root, page=page.file.src_uri, build=build)
    try:
        return expand(markdown, ctx)
    except MarkerError as exc:
        raise PluginError(str(exc)) from None
