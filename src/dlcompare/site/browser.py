"""Find and launch Chromium for the browser tests, screenshots and page weights.

Playwright's own browser download does not work on our machines (and is not
needed): we drive the distribution's Chromium through ``executable_path``.
Every page a test opens is kept off the network by :func:`isolate`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Where Debian puts the ``chromium`` package's binary.
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

#: How to get a browser, said by every error that finds none.
INSTALL_HINT = (
    "install it with `make browser` (runs `sudo apt-get install -y chromium`), "
    "or point DLCOMPARE_CHROMIUM at a Chromium or Chrome binary"
)

#: Headless flags: no sandbox (CI and our machines run as root), no GPU, and none
#: of Chromium's own background traffic (updates, sync, QUIC probes), which would
#: otherwise flood a machine without network access.
LAUNCH_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: Third-party hosts the deployed site is expected to contact, with the reason.
#: Tests answer them with a canned response (never the network); any other
#: non-local request is a failure.
EXPECTED_THIRD_PARTY: dict[str, str] = {
    "api.github.com": "Material's repository widget (repo_url) reads the star and fork counts",
}

#: What :func:`isolate` answers for an expected third-party request.
_CANNED = {
    "api.github.com": '{"stargazers_count": 0, "forks_count": 0, "tag_name": "v0.0.0"}',
}


class ChromiumNotFound(RuntimeError):
    """No Chromium binary: the message says how to install one."""


def find_chromium(env: Mapping[str, str] | None = None) -> Path:
    """The Chromium binary to drive: $DLCOMPARE_CHROMIUM, /usr/bin/chromium, or PATH."""
    env = os.environ if env is None else env
    override = env.get("DLCOMPARE_CHROMIUM")
    if override:
        path = Path(override)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ChromiumNotFound(
            f"DLCOMPARE_CHROMIUM={override} is not an executable file: fix the path or unset it "
            f"to use {DEBIAN_CHROMIUM}; to get Chromium, {INSTALL_HINT}"
        )
    if DEBIAN_CHROMIUM.is_file() and os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    found = shutil.which("chromium", path=env.get("PATH"))
    if found:
        return Path(found)
    raise ChromiumNotFound(
        f"Chromium not found (looked at $DLCOMPARE_CHROMIUM, {DEBIAN_CHROMIUM} and PATH): "
        f"{INSTALL_HINT}"
    )


@contextmanager
def launch(executable: Path | None = None, headless: bool = True) -> Iterator[Any]:
    """A Playwright ``Browser`` on the local Chromium (found if not given), closed on exit."""
    from playwright.sync_api import sync_playwright

    executable = executable or find_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=headless, args=list(LAUNCH_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    """True for URLs the tests may load: the local server and browser-internal schemes."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


@dataclass
class NetworkLog:
    """What the pages of one browser context asked the network for."""

    blocked: list[str] = field(default_factory=list)  # unexpected hosts: failures
    stubbed: list[str] = field(default_factory=list)  # EXPECTED_THIRD_PARTY, answered locally


def isolate(context: Any, *, stub_third_party: bool = True) -> NetworkLog:
    """Route every request of ``context``: local ones pass, the rest never leave the machine.

    Expected third-party hosts get a canned answer (so the page behaves as online
    and logs no error) unless ``stub_third_party`` is false (screenshots: the
    widget then stays empty, as offline); anything else is aborted and recorded
    in ``blocked``.
    """
    log = NetworkLog()

    def handle(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
            return
        host = urlsplit(url).hostname or ""
        if host in EXPECTED_THIRD_PARTY and stub_third_party:
            log.stubbed.append(url)
            route.fulfill(status=200, content_type="application/json", body=_CANNED.get(host, "{}"))
            return
        if host not in EXPECTED_THIRD_PARTY:
            log.blocked.append(url)
        route.abort("blockedbyclient")

    context.route("**/*", handle)
    return log
