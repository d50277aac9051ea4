"""The local server: site under site_url's path, gzip like GitHub Pages, the site's 404 page."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dlcompare.site.serve import SiteServer, base_path_for


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<h1>home</h1>" + "x" * 2000)
    (tmp_path / "404.html").write_text("<h1>404 - Not found</h1>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<h1>a</h1>")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + b"\0" * 100)
    return tmp_path


def get(url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_serves_under_the_base_path(site: Path) -> None:
    with SiteServer(site, base_path="/proj/") as server:
        assert server.base_url.startswith("http://127.0.0.1:") and server.base_url.endswith(
            "/proj/"
        )
        assert get(server.url(""))[0] == 200
        status, _, body = get(server.url("a/"))
        assert status == 200 and body == b"<h1>a</h1>"
        root = server.base_url.removesuffix("proj/")
        status, _, body = get(root + "a/")
        assert status == 404 and b"404 - Not found" in body


def test_missing_paths_get_the_sites_404_page(site: Path) -> None:
    with SiteServer(site) as server:
        status, headers, body = get(server.url("nope/"))
        assert (
            status == 404
            and b"404 - Not found" in body
            and headers["Content-Type"].startswith("text/html")
        )


def test_text_is_gzipped_when_asked_binaries_never(site: Path) -> None:
    with SiteServer(site) as server:
        _, headers, body = get(server.url(""), gzip_ok=True)
        assert headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(body).startswith(b"<h1>home</h1>") and len(body) < 200
        assert get(server.url(""))[1].get("Content-Encoding") is None
        assert get(server.url("logo.png"), gzip_ok=True)[1].get("Content-Encoding") is None
    with SiteServer(site, compress=False) as server:
        assert get(server.url(""), gzip_ok=True)[1].get("Content-Encoding") is None


def test_refuses_a_folder_without_a_site(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make build"):
        SiteServer(tmp_path)


def test_base_path_for() -> None:
    assert base_path_for("https://dlcompare.github.io/dlcompare/") == "/dlcompare/"
    assert base_path_for("https://dlcompare.github.io/dlcompare") == "/dlcompare/"
    assert base_path_for("https://docs.example.org/") == "/"
    assert base_path_for(None) == "/"
