"""Check the links of a built site: no network, stdlib only.

Every internal ``href``/``src`` must resolve to a file of the built site and
every ``#anchor`` must exist in the page it points to. Links are resolved the
way a browser does on the deployed site (``site_url``, e.g. under
``/dlcompare/``), so a root-relative link that would leave the site's folder is
caught too. External links are only collected here; ``--check-external`` (the
weekly canary) fetches them.

    dlcompare linkcheck site/ [--external-list links.txt] [--check-external]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

#: Where links live in HTML: tag -> attributes holding a URL.
URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "link": ("href",),
    "area": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
}
#: Schemes that are neither pages nor checked.
IGNORED_SCHEMES = frozenset({"javascript", "mailto", "tel", "data", "blob", "about"})
#: Used when the project has no site_url: any base works for relative links.
DEFAULT_SITE_URL = "http://site.invalid/"


@dataclass(frozen=True)
class Problem:
    page: str  # site-relative file, e.g. examples/cnn/index.html
    line: int
    url: str  # as written in the HTML
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.url} — {self.message}"


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    problems: list[Problem] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url -> pages

    @property
    def ok(self) -> bool:
        return not self.problems


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        line = self.getpos()[0]
        for attr in URL_ATTRS.get(tag, ()):
            value = values.get(attr)
            if value is None:
                continue
            if attr == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((line, candidate.split()[0]))
            else:
                self.links.append((line, value.strip()))

    handle_startendtag = handle_starttag


@dataclass
class _Page:
    ids: set[str]
    links: list[tuple[int, str]]


def parse_page(html: str) -> _Page:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return _Page(parser.ids, parser.links)


def page_url(rel: str, site_url: str) -> str:
    """The URL a built file is served at: ``a/index.html`` -> ``<site_url>a/``."""
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url + rel


def target_file(site_dir: Path, rel_url: str) -> Path | None:
    """The file a site-relative URL path serves, or None."""
    path = unquote(rel_url)
    candidate = site_dir / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


#: What :func:`_check_link` answers for a link to another host (listed, not checked).
_EXTERNAL = "external"


def _check_link(
    site_dir: Path, base: str, absolute: str, load: Callable[[Path], _Page]
) -> str | None:
    """Why the absolute URL of a link is broken, :data:`_EXTERNAL`, or None when fine."""
    base_parts = urlsplit(base)
    target, fragment = urldefrag(absolute)
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https"):
        return f"unsupported scheme {parts.scheme!r}"
    if parts.netloc != base_parts.netloc:
        return _EXTERNAL
    if not parts.path.startswith(base_parts.path):
        return f"leaves the site: on {base} it points to {parts.path}; use a relative link"
    file = target_file(site_dir, parts.path[len(base_parts.path) :])
    if file is None:
        return "no such file in the built site"
    if fragment and file.suffix == ".html":
        anchor = unquote(fragment)
        if anchor not in load(file).ids:
            return f"no id {anchor!r} in {file.relative_to(site_dir).as_posix()}"
    return None


def check_site(site_dir: Path, site_url: str | None = None) -> Report:
    """Check every ``*.html`` file under ``site_dir``; see the module docstring."""
    site_dir = Path(site_dir)
    base = (site_url or DEFAULT_SITE_URL).rstrip("/") + "/"
    report = Report()
    pages: dict[Path, _Page] = {}

    def load(path: Path) -> _Page:
        if path not in pages:
            pages[path] = parse_page(path.read_text(encoding="utf-8", errors="replace"))
        return pages[path]

    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        page = load(path)
        report.pages += 1
        here = page_url(rel, base)
        for line, raw in page.links:
            report.links += 1
            if not raw or raw == "#" or urlsplit(raw).scheme.lower() in IGNORED_SCHEMES:
                continue
            absolute = urljoin(here, raw)
            problem = _check_link(site_dir, base, absolute, load)
            if problem is None:
                continue
            if problem == _EXTERNAL:
                report.external[absolute].add(rel)
            else:
                report.problems.append(Problem(rel, line, raw, problem))
    report.external = dict(report.external)
    return report


# --- external links: the weekly canary only ----------------------------------------


@dataclass(frozen=True)
class ExternalResult:
    url: str
    status: int | None  # None: no HTTP answer
    error: str = ""

    @property
    def ok(self) -> bool:
        # 401/403/429: the server is there but refuses robots; not a broken link.
        return self.status is not None and (self.status < 400 or self.status in (401, 403, 429))


def fetch_status(url: str, timeout: float = 20.0) -> ExternalResult:
    headers = {"User-Agent": "dlcompare-linkcheck/1 (+https://github.com/dlcompare/dlcompare)"}
    last = ExternalResult(url, None, "not tried")
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(urldefrag(url)[0], method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return ExternalResult(url, response.status)
        except urllib.error.HTTPError as exc:
            last = ExternalResult(url, exc.code, exc.reason if isinstance(exc.reason, str) else "")
            if exc.code not in (403, 405, 501):
                return last
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = ExternalResult(url, None, str(getattr(exc, "reason", exc)))
    return last


def check_external(urls: list[str], workers: int = 8) -> list[ExternalResult]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fetch_status, sorted(urls)))


DESCRIPTION = "Check internal links and anchors of a built site."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``dlcompare linkcheck``."""
    parser.add_argument("site_dir", type=Path)
    parser.add_argument(
        "--site-url", help="default: site_url from mkdocs.yml in the current folder"
    )
    parser.add_argument(
        "--external-list", type=Path, help="write the external links, one per line, here"
    )
    parser.add_argument(
        "--check-external", action="store_true", help="also fetch every external link (network)"
    )


def run(args: argparse.Namespace) -> int:
    """Check ``args.site_dir``; exit 1 on a broken internal (or, if asked, external) link."""
    from dlcompare import mkdocs_config

    site_url = args.site_url or (
        mkdocs_config.site_url(Path("mkdocs.yml")) if Path("mkdocs.yml").is_file() else None
    )
    report = check_site(args.site_dir, site_url)
    for problem in report.problems:
        print(problem)
    print(
        f"{report.pages} pages, {report.links} links, {len(report.problems)} broken, "
        f"{len(report.external)} external"
    )
    if args.external_list:
        args.external_list.write_text(
            "".join(f"{url}\n" for url in sorted(report.external)), encoding="utf-8"
        )
    failed = not report.ok
    if args.check_external:
        results = check_external(list(report.external))
        bad = [r for r in results if not r.ok]
        for result in bad:
            pages = ", ".join(sorted(report.external[result.url]))
            print(f"{result.url} — {result.status or result.error} (linked from {pages})")
        print(f"{len(results)} external links fetched, {len(bad)} broken")
        failed = failed or bool(bad)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """:func:`run` with its own parser (tests; the CLI adds the same options)."""
    parser = argparse.ArgumentParser(prog="dlcompare linkcheck", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))
