"""Finding Chromium: the override, the fallbacks, and an error that says how to install it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site import browser
from dlcompare.site.browser import ChromiumNotFound, find_chromium, is_local


def fake_binary(folder: Path, name: str = "chromium") -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_env_override_wins(tmp_path: Path) -> None:
    binary = fake_binary(tmp_path, "my-chrome")
    assert find_chromium({"DLCOMPARE_CHROMIUM": str(binary), "PATH": ""}) == binary


def test_bad_override_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    with pytest.raises(
        ChromiumNotFound, match=r"DLCOMPARE_CHROMIUM=.*not an executable.*make browser"
    ):
        find_chromium({"DLCOMPARE_CHROMIUM": str(tmp_path / "missing")})


def test_path_lookup_and_install_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", tmp_path / "not-here")
    on_path = fake_binary(tmp_path)
    assert find_chromium({"PATH": str(tmp_path)}) == on_path
    on_path.unlink()
    with pytest.raises(ChromiumNotFound) as info:
        find_chromium({"PATH": str(tmp_path)})
    assert "make browser" in str(info.value) and "sudo apt-get install -y chromium" in str(
        info.value
    )


def test_is_local() -> None:
    assert (
        is_local("http://127.0.0.1:8000/x/")
        and is_local("http://localhost/")
        and is_local("data:,x")
    )
    assert not is_local("https://api.github.com/repos/x/y") and not is_local(
        "https://fonts.gstatic.com/a"
    )
