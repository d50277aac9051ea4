"""The built site in headless Chromium: one strict build per test run, served locally.

* The site is built ONCE per run by ``built_site`` (tests/conftest.py), shared
  with every other test that needs the real site.
* Each worker serves it on 127.0.0.1 under the path of ``site_url`` (as GitHub
  Pages does) and drives the local Chromium. No page ever reaches the network:
  requests to other hosts are answered locally or aborted and reported.
* No Chromium is a failure, in CI and locally, with the install command
  (``make browser``): these tests are part of ``make test`` and never skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dlcompare import mkdocs_config
from dlcompare.site.browser import ChromiumNotFound, NetworkLog, find_chromium, isolate, launch
from dlcompare.site.serve import SiteServer, base_path_for

ROOT = Path(__file__).resolve().parents[2]
BASE_PATH = base_path_for(mkdocs_config.site_url(ROOT))


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[SiteServer]:
    with SiteServer(built_site, base_path=BASE_PATH) as srv:
        yield srv


@pytest.fixture(scope="session")
def chromium() -> Path:
    try:
        return find_chromium()
    except ChromiumNotFound as exc:
        # Never a skip: a green run must mean the reader experience was checked.
        where = "CI" if os.environ.get("CI") == "true" else "this machine"
        pytest.fail(f"browser tests need Chromium and {where} has none: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    with launch(chromium) as instance:
        yield instance


@dataclass
class Watch:
    """Everything that went wrong while a page was open."""

    network: NetworkLog
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught exception: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request left the machine (blocked): {u}" for u in self.network.blocked]
        )


class Reader:
    """A fresh browser context (own storage, cold cache) with a watched page."""

    def __init__(self, browser: Any, server: SiteServer, **context_options: Any) -> None:
        self.server = server
        self.context = browser.new_context(**context_options)
        self.watch = Watch(network=isolate(self.context))
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.watch.page_errors.append(str(exc)))
        self.page.on("requestfailed", self._on_failed)
        self.page.on("response", self._on_response)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.watch.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _on_failed(self, request: Any) -> None:
        if request.url in self.watch.network.blocked:
            return  # reported once, as blocked
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled by a navigation (instant loading); a missing file is an HTTP error
        self.watch.failed_requests.append(f"{request.url}: {request.failure}")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.watch.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def open(self, path: str, status: int = 200) -> Any:
        """Load a site path; fail unless the server answered ``status``."""
        response = self.page.goto(self.server.url(path), wait_until="load")
        got = response.status if response is not None else None
        assert got == status, f"{path}: HTTP {got}, expected {status}"
        return self.page

    def settle(self, network: bool = True) -> None:
        """Wait for pending requests (search index, sitemap) and CSS transitions."""
        if network:
            self.page.wait_for_load_state("networkidle")
        self.page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')"
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser: Any, server: SiteServer) -> Iterator[Reader]:
    """A desktop reader (1280×800, light scheme by system preference)."""
    r = Reader(browser, server, viewport={"width": 1280, "height": 800}, color_scheme="light")
    yield r
    r.close()


@pytest.fixture(scope="module")
def shared_reader(browser: Any, server: SiteServer) -> Iterator[Any]:
    """One reader per set of options for a whole module: for per-page checks that
    need no fresh storage (axe, layout), it saves a browser context per page."""
    readers: dict[str, Reader] = {}

    def get(**options: Any) -> Reader:
        key = repr(sorted(options.items()))
        if key not in readers:
            readers[key] = Reader(browser, server, **options)
        return readers[key]

    yield get
    for r in readers.values():
        r.close()


@pytest.fixture
def make_reader(browser: Any, server: SiteServer) -> Iterator[Any]:
    """Factory for readers with other options (dark scheme, phone viewport, clipboard)."""
    readers: list[Reader] = []

    def make(**options: Any) -> Reader:
        r = Reader(browser, server, **options)
        readers.append(r)
        return r

    yield make
    for r in readers:
        r.close()
