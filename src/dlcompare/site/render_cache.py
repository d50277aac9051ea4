"""Reuse each page's rendered HTML, search entries and compiled templates across rebuilds.

``build_cache`` made the data and the markers cheap, but a prose edit under
``mkdocs serve`` still converted every page's Markdown (pymdownx, Pygments), parsed
every page's HTML again for Material's search index and recompiled every Jinja
template, although one page changed. This module keeps those three results in the
process, each under a key that changes whenever its inputs do:

* **a page's render** (``Page.render``: its HTML, table of contents, title from the
  first heading, anchors): the page's Markdown *after* the hooks expanded it (so
  whatever data/ and the records put on the page is in it), its source path and URL,
  the site's list of files (relative links are resolved against it), the digest of
  every file a ``--8<--`` line of the page names, and :func:`render_inputs` (mkdocs.yml,
  the ``watch:`` folders other than data/ and snippets/, the settings). data/ and
  snippets/ reach the HTML only through those two routes, so a data or program edit
  re-renders only the pages whose Markdown it changed. A render that logged a
  warning is never stored, so a strict build keeps failing until the page is fixed;
* **a page's search entries** (Material's ``SearchIndex.add_entry_from_context``): a
  pure function of the page's HTML, URL, title, table of contents and front matter;
* **compiled templates**: a Jinja bytecode cache, keyed by Jinja itself with the
  template's name and a checksum of its source;
* **a page's finished HTML** (the theme template rendered around it,
  :class:`PageOutputTemplate`): everything the theme's templates read of the page
  (URL, title, HTML, table of contents, front matter, edit and canonical URLs, its
  neighbours and ancestors), the whole navigation (titles and URLs; which item is
  active follows from the page's URL), the template's name, the MkDocs and Material
  versions and :func:`render_inputs`.

Notebook pages are left to mkdocs-jupyter, which caches their render by content.
``DLCOMPARE_BUILD_CACHE=off`` turns all of it off, as it does the build cache.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from dlcompare.site import build_cache

#: Inputs that reach a page's HTML only through its expanded Markdown or ``--8<--`` lines.
_REACHES_HTML_THROUGH_MARKDOWN = ("data", "snippets")
#: A pymdownx.snippets include line: ``--8<-- "path"`` or ``--8<-- "path:section"``.
_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']([^"':]+)""", re.MULTILINE)


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` sets on a page, as stored."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> {anchor: link}


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _warnings_counted() -> Iterator[_Count]:
    handler = _Count()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def files_signature(files: Any) -> str:
    """Every file's source path and URL: what relative links are checked against."""
    lines = sorted(f"{f.src_uri} {f.url}" for f in files)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def included_files(markdown: str, root: Path) -> list[Path]:
    """The files a page's ``--8<--`` lines include (relative to the project root)."""
    return sorted({root / match for match in _INCLUDE.findall(markdown)})


class RenderStore(build_cache.BuildCache):
    """Renders, search entries and finished pages of the latest build, one slot each
    per page (the slots, keys and hit counts of :class:`~dlcompare.site.build_cache.BuildCache`).
    """

    def __init__(self, hasher: build_cache.FileHasher | None = None) -> None:
        super().__init__(hasher)
        self._build_inputs = ""
        #: (id, signature) of this build's navigation and of its Files, each computed
        #: once per build; reset by :meth:`begin_build` (an id can be reused later).
        self._nav: tuple[int, str] = (0, "")
        self._files: tuple[int, str] = (0, "")

    def begin_build(self, root: Path, watched: Iterable[str | Path] = ()) -> None:
        """Called before each build: what every page's render reads besides its own text."""
        self._build_inputs = self.render_inputs(root, watched)
        self._nav = self._files = (0, "")

    def files_signature(self, files: Any) -> str:
        if self._files[0] != id(files):
            self._files = (id(files), files_signature(files))
        return self._files[1]

    def nav_signature(self, nav: Any) -> str:
        if self._nav[0] != id(nav):
            lines = list(_nav_lines(getattr(nav, "items", None) or ()))
            self._nav = (id(nav), hashlib.sha256("\n".join(lines).encode()).hexdigest())
        return self._nav[1]

    def output_key(self, template: str, context: dict[str, Any]) -> str:
        page = context["page"]
        meta = page.meta or {}
        neighbours = [
            f"{p.title} {p.url}" if p is not None else "-"
            for p in (page.previous_page, page.next_page)
        ]
        parts = (
            self._build_inputs,
            template,
            str(context.get("mkdocs_version")),
            _material_version(),
            self.nav_signature(context.get("nav")),
            str(context.get("base_url")),
            page.url,
            str(page.title),
            repr(sorted(meta.items(), key=lambda item: str(item[0]))),
            str(page.edit_url),
            str(page.canonical_url),
            str(page.is_homepage),
            " / ".join(str(a.title) for a in page.ancestors),
            *neighbours,
            "\n".join(_toc_lines(page.toc)),
            page.content or "",
        )
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def output(self, page: Any, key: str, compute: Callable[[], str]) -> str:
        return self.remember(f"output:{page.file.src_uri}", key, compute)

    def render_inputs(self, root: Path, watched: Iterable[str | Path] = ()) -> str:
        """What every page's render reads besides its own Markdown and includes.

        mkdocs.yml (extensions and their settings) and the ``watch:`` folders except
        data/ and snippets/ (here: the glossary that pymdownx.snippets appends to every
        page, and the package whose Markdown extension renders program output), plus
        the ``DLCOMPARE_*`` settings and the date.
        """
        skipped = {root / name for name in _REACHES_HTML_THROUGH_MARKDOWN}
        entries = [root / "mkdocs.yml"] + [root / w for w in watched if (root / w) not in skipped]
        digest = self.hasher.tree_digest(root, entries)
        return hashlib.sha256(f"{digest}\0{build_cache.settings()}".encode()).hexdigest()

    def render_key(self, page: Any, files: Any, root: Path) -> str:
        markdown = page.markdown or ""
        includes = [
            f"{path} {self.hasher.file_digest(path) if path.is_file() else 'missing'}"
            for path in included_files(markdown, root)
        ]
        parts = (
            self._build_inputs,
            page.file.src_uri,
            page.url,
            self.files_signature(files),
            *includes,
            markdown,
        )
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def render(self, page: Any, files: Any, key: str, original: Callable[..., None]) -> None:
        """Set what ``original(config, files)`` would set on ``page``, from the store if known."""
        slot = f"render:{page.file.src_uri}"
        found = self.get(slot, key)
        if isinstance(found, Rendered):
            _restore(page, found, files)
            return
        with _warnings_counted() as warnings:
            original()
        if warnings.count == 0:  # a warning must be seen again (strict builds fail on it)
            self.put(slot, key, _capture(page))

    def search_entries(
        self, page: Any, compute: Callable[[], list[dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """The search entries of ``page``: stored ones when its indexed inputs are unchanged."""
        slot, key = f"search:{page.file.src_uri}", search_key(page)
        found = self.get(slot, key)
        if isinstance(found, list):
            return copy.deepcopy(found)
        entries = compute()
        self.put(slot, key, copy.deepcopy(entries))
        return entries


def _capture(page: Any) -> Rendered:
    links = getattr(page, "links_to_anchors", None)
    return Rendered(
        content=page.content,
        toc=copy.deepcopy(page.toc),
        title=getattr(page, "_title_from_render", None),
        anchors=frozenset(getattr(page, "present_anchor_ids", None) or ()),
        links=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
    )


def _restore(page: Any, rendered: Rendered, files: Any) -> None:
    page.content = rendered.content
    page.toc = copy.deepcopy(rendered.toc)
    page._title_from_render = rendered.title
    page.present_anchor_ids = set(rendered.anchors)
    if rendered.links is not None:
        linked = {}
        for src_uri, anchors in rendered.links.items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                linked[target] = dict(anchors)
        page.links_to_anchors = linked


def _toc_lines(items: Any, depth: int = 0) -> Iterator[str]:
    for item in items or ():
        yield f"{depth} {item.id} {item.url} {item.title}"
        yield from _toc_lines(item.children, depth + 1)


def _nav_lines(items: Any, depth: int = 0) -> Iterator[str]:
    for item in items:
        yield f"{depth} {type(item).__name__} {item.title} {getattr(item, 'url', '')}"
        yield from _nav_lines(getattr(item, "children", None) or (), depth + 1)


@lru_cache(maxsize=1)
def _material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def search_key(page: Any) -> str:
    meta = page.meta or {}
    parts = (
        page.url,
        str(page.title),
        repr(meta.get("search")),
        repr(meta.get("tags")),
        repr(meta.get("title")),
        "\n".join(_toc_lines(page.toc)),
        page.content or "",
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's compiled templates kept in memory: each rebuild gets a new Environment."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


class PageOutputTemplate(jinja2.Template):
    """A theme template whose top-level render around a page goes through the store.

    Set as the environment's ``template_class`` (Jinja's documented extension point),
    so only MkDocs' own ``template.render(context)`` calls are affected: ``extends``
    and ``include`` inside the templates do not call ``render``. A render without a
    page (404, sitemap) is never stored.
    """

    def render(self, *args: Any, **kwargs: Any) -> str:
        active = store()
        context = dict(*args, **kwargs)
        page = context.get("page")
        if active is None or page is None or getattr(page, "file", None) is None:
            return super().render(*args, **kwargs)
        render = super().render
        key = active.output_key(str(self.name), context)
        return active.output(page, key, lambda: render(*args, **kwargs))


_STORE = RenderStore()
_BYTECODE = MemoryBytecodeCache()


def store() -> RenderStore | None:
    """The process's store, or None when ``DLCOMPARE_BUILD_CACHE`` is off."""
    return _STORE if build_cache.enabled() else None


def bytecode_cache() -> MemoryBytecodeCache | None:
    return _BYTECODE if build_cache.enabled() else None


def install_search_cache() -> None:
    """Route Material's search indexing of a page through :func:`store` (idempotent).

    Material offers no hook between "page rendered" and "page indexed", so this wraps
    its ``SearchIndex.add_entry_from_context`` once per process. The wrapper appends
    exactly the entries the original would (tests compare whole search indexes built
    with the cache on and off); with the cache off it calls the original.
    """
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

    if getattr(SearchIndex.add_entry_from_context, "_dlcompare_cached", False):
        return
    original = SearchIndex.add_entry_from_context

    def add_entry_from_context(self: Any, page: Any) -> None:
        active = store()
        if active is None:
            original(self, page)
            return

        def compute() -> list[dict[str, Any]]:
            start = len(self.entries)
            original(self, page)
            added = self.entries[start:]
            del self.entries[start:]
            return list(added)

        self.entries.extend(active.search_entries(page, compute))

    add_entry_from_context._dlcompare_cached = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_entry_from_context
