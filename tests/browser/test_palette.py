"""Dark/light toggle: follows the system at first, then the reader's choice, everywhere."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_toggle_switches_and_persists(reader) -> None:
    page = reader.open("")
    assert scheme(page) == "default"
    light_bg = background(page)

    page.get_by_title("Switch to dark mode").click()
    assert scheme(page) == "slate"
    assert background(page) != light_bg, "the scheme changed but the page did not"

    page.reload(wait_until="load")
    assert scheme(page) == "slate", "dark mode was forgotten on reload"
    page.goto(reader.server.url("comparison/"), wait_until="load")
    assert scheme(page) == "slate", "dark mode was forgotten on another page"

    page.get_by_title("Switch to light mode").click()
    assert scheme(page) == "default"
    page.reload(wait_until="load")
    assert scheme(page) == "default"
    assert not reader.watch.problems(), "\n".join(reader.watch.problems())


def test_dark_system_preference_starts_dark(make_reader) -> None:
    r = make_reader(color_scheme="dark")
    assert scheme(r.open("")) == "slate"
