"""MkDocs hooks: thin wiring from MkDocs events to the tested renderers.

* on config, register the Markdown extension that pastes program output into pages
  untouched (``dlcompare.render.raw_html``);
* before the build, validate data/ and stop with file:line messages if it is broken
  (never a half-built site), then create the build's one :class:`BuildData`;
* with the files, add each program's raw file (the "Run it" download) and one
  run-details page per task (``dlcompare.render.run_details``), kept out of the nav;
* on each page, replace ``<!-- name: args -->`` markers with rendered Markdown, and
  put the "Last verified" line under an example page's title;
* on each page's HTML, complete the renderers' tables (caption, column labels:
  ``dlcompare.render.tables``) and mark what search leaves out
  (``dlcompare.render.search_scope``).

Under ``mkdocs serve`` every edit rebuilds the site in this process; the validated
data and each page's expanded Markdown are kept across rebuilds while their inputs
are unchanged (``dlcompare.site.build_cache``; ``DLCOMPARE_BUILD_CACHE=off`` disables).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from dlcompare.render.context import BuildData, RenderContext
from dlcompare.render.markers import MarkerError, expand
from dlcompare.render.raw_html import RawHtmlExtension
from dlcompare.render.repository import Repository, branch_of
from dlcompare.render.run_details import published_files
from dlcompare.render.search_scope import exclude_from_search, exclude_page
from dlcompare.render.tables import finish_tables
from dlcompare.render.verified import add_verified
from dlcompare.site import build_cache, render_cache
from dlcompare.snippets import provenance

log = logging.getLogger("mkdocs.plugins.dlcompare")
#: The data of the build in progress; replaced at the start of every (re)build.
_build: BuildData | None = None
#: The build cache's key for that data (None when the cache is off).
_key: str | None = None


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_config(config: Any, **_: Any) -> Any:
    extensions = config["markdown_extensions"]
    if not any(isinstance(ext, RawHtmlExtension) for ext in extensions):
        extensions.append(RawHtmlExtension())
    render_cache.install_search_cache()
    return config


def on_env(env: Any, **_: Any) -> Any:
    """Compiled templates and finished pages survive the rebuild (each build makes a new
    Environment)."""
    env.bytecode_cache = render_cache.bytecode_cache()
    if render_cache.store() is not None:
        env.template_class = render_cache.PageOutputTemplate
    return env


def on_pre_build(config: Any, **_: Any) -> None:
    global _build, _key  # noqa: PLW0603 (one build at a time; MkDocs hooks are module functions)
    root = _root(config)
    renders = render_cache.store()
    if renders is not None:
        renders.begin_build(root, config.get("watch") or ())
    provenance.forget()  # commits made since the last (re)build count
    cache = build_cache.active()
    if cache is None:
        _build, _key = _validated(root, config), None
        return
    docs_dir = Path(config.get("docs_dir") or root / "docs")
    _key = cache.inputs_key(root, docs_dir, config.get("watch") or ())
    found = cache.get("build-data", _key)
    _build = found if isinstance(found, BuildData) else _validated(root, config)
    # Stored only once data/ passed (_validated raises otherwise), so an edit that
    # breaks the data is validated again on every rebuild until it is fixed.
    cache.put("build-data", _key, _build)


def _validated(root: Path, config: Any) -> BuildData:
    """Lint data/ (an error stops the build) and wrap the validated dataset."""
    from dlcompare.facts.lint import lint
    from dlcompare.matrix.lint import data_rules

    result = lint(root, rules=data_rules())
    if result.errors:
        errors = [str(problem) for problem in result.errors]
        raise PluginError("data/ is invalid, so the site was not built:\n  " + "\n  ".join(errors))
    # The renderers read the same data: hand them the validated copy instead of
    # parsing every YAML file a second time. Records, programs and the rest are
    # read on first use, once per BuildData.
    return BuildData(
        root,
        dataset_given=result.dataset,
        nav_given=list(config.get("nav") or []) or None,
        repository=_repository(config),
    )


def _repository(config: Any) -> Repository:
    return Repository(config.get("repo_url"), branch_of(config.get("edit_uri")))


def _data(config: Any) -> BuildData:
    root = _root(config)
    if _build is not None and _build.root == root:
        return _build
    return BuildData(root, repository=_repository(config))


def on_files(files: Files, config: Any, **_: Any) -> Files:
    ctx = RenderContext(root=_root(config), build=_data(config))
    for published in published_files(ctx):
        inclusion = InclusionLevel.NOT_IN_NAV if published.page else InclusionLevel.UNDEFINED
        files.append(
            File.generated(
                config, published.src_uri, content=published.content, inclusion=inclusion
            )
        )
    return files


# After mkdocs-jupyter's on_pre_page (priority 0), which takes notebook pages over.
@event_priority(-100)
def on_pre_page(page: Any, config: Any, files: Files, **_: Any) -> Any:
    """Route the page's Markdown-to-HTML render through the render cache."""
    store = render_cache.store()
    if store is None or "render" in vars(page):
        return page
    original, root = page.render, _root(config)

    def render(config: Any, files: Files) -> None:
        key = store.render_key(page, files, root)
        store.render(page, files, key, lambda: original(config, files))

    page.render = render
    return page


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    src, build = page.file.src_uri, _data(config)
    cache = build_cache.active()
    if cache is None or _key is None or build is not _build:
        return _expand(markdown, src, build)
    # Same data and same page text: the same Markdown as last build (a marker error
    # raises and stores nothing).
    key = build_cache.text_key(_key, markdown)
    return cache.remember(f"page:{src}", key, lambda: _expand(markdown, src, build))


def _expand(markdown: str, page: str, build: BuildData) -> str:
    ctx = RenderContext(root=build.root, page=page, build=build)
    try:
        return expand(add_verified(markdown, ctx), ctx)
    except MarkerError as exc:
        raise PluginError(str(exc)) from None


def on_page_content(html: str, page: Any, **_: Any) -> str:
    if exclude_page(page.file.src_uri):
        # Merged into what the page's front matter says (its own boost stays).
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return exclude_from_search(finish_tables(html))
