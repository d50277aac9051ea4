"""linkcheck on tiny synthetic sites: what counts as broken, what is collected."""

from __future__ import annotations

from pathlib import Path

from dlcompare.site.linkcheck import check_external, check_site, main, target_file
from dlcompare.site.serve import SiteServer

SITE_URL = "https://example.org/proj/"


def write(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>\n{body}\n</body></html>", encoding="utf-8")


def problems(site: Path, site_url: str | None = SITE_URL) -> list[str]:
    return [f"{p.page}:{p.line}: {p.url}" for p in check_site(site, site_url).problems]


def test_good_links_pass(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<a href="a/">A</a> <a href="a/#sec">sec</a> <a href="#top">top</a>'
        '<h1 id="top">t</h1><link href="css/x.css" rel="stylesheet"><img src="img/p%20q.png">',
    )
    write(
        tmp_path,
        "a/index.html",
        '<h2 id="sec">S</h2><a href="../">home</a><a href="../index.html#top">t</a>'
        '<a name="old-anchor"></a><a href="#old-anchor">o</a>',
    )
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "x.css").write_text("")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "p q.png").write_bytes(b"")
    report = check_site(tmp_path, SITE_URL)
    assert report.ok, report.problems
    assert report.pages == 2 and report.links == 8


def test_missing_file_and_missing_anchor_are_reported_with_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<a href="gone/">x</a>\n<a href="a/#nope">y</a>\n<a href="#also-nope">z</a>',
    )
    write(tmp_path, "a/index.html", '<h2 id="sec">S</h2>')
    found = check_site(tmp_path, SITE_URL).problems
    assert [(p.line, p.url) for p in found] == [(2, "gone/"), (3, "a/#nope"), (4, "#also-nope")]
    assert "no such file" in found[0].message
    assert "no id 'nope' in a/index.html" in found[1].message


def test_root_relative_links_must_stay_under_site_url(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="/proj/a/">ok</a><a href="/a/">leaves</a>')
    write(tmp_path, "a/index.html", "")
    found = check_site(tmp_path, SITE_URL).problems
    assert [p.url for p in found] == ["/a/"]
    assert "leaves the site" in found[0].message


def test_absolute_links_to_the_site_itself_are_internal(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<link rel="canonical" href="https://example.org/proj/">'
        '<a href="https://example.org/proj/missing/">m</a>',
    )
    assert problems(tmp_path) == ["index.html:2: https://example.org/proj/missing/"]


def test_external_links_are_collected_not_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<a href="https://pytorch.org/docs/">t</a><a href="mailto:x@y.z">m</a>'
        '<a href="javascript:void(0)">j</a><img srcset="https://cdn.test/a.png 1x, b.png 2x">',
    )
    write(tmp_path, "a/index.html", '<a href="https://pytorch.org/docs/">again</a>')
    report = check_site(tmp_path, SITE_URL)
    assert [p.url for p in report.problems] == ["b.png"]  # srcset candidates are checked too
    assert report.external == {
        "https://pytorch.org/docs/": {"index.html", "a/index.html"},
        "https://cdn.test/a.png": {"index.html"},
    }


def test_target_file_maps_urls_to_files(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "")
    write(tmp_path, "a/index.html", "")
    assert target_file(tmp_path, "") == tmp_path / "index.html"
    assert target_file(tmp_path, "a") == tmp_path / "a" / "index.html"
    assert target_file(tmp_path, "a/") == tmp_path / "a" / "index.html"
    assert target_file(tmp_path, "b/") is None


def test_check_external_against_a_local_server(tmp_path: Path) -> None:
    """The canary's fetcher, exercised without the internet."""
    write(tmp_path, "index.html", "")
    write(tmp_path, "404.html", "")
    with SiteServer(tmp_path) as server:
        results = {
            r.url: r
            for r in check_external([server.url(""), server.url("gone/"), "http://127.0.0.1:9/x"])
        }
    assert results[server.url("")].ok and results[server.url("")].status == 200
    assert not results[server.url("gone/")].ok and results[server.url("gone/")].status == 404
    refused = results["http://127.0.0.1:9/x"]
    assert not refused.ok and refused.status is None and refused.error


def test_cli_exit_code_and_external_list(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    write(site, "index.html", '<a href="https://pytorch.org/">t</a><a href="b/">b</a>')
    listing = tmp_path / "external.txt"
    assert main([str(site), "--site-url", SITE_URL, "--external-list", str(listing)]) == 1
    assert "index.html:2: b/ — no such file" in capsys.readouterr().out
    assert listing.read_text() == "https://pytorch.org/\n"
    write(site, "b/index.html", "")
    assert main([str(site), "--site-url", SITE_URL]) == 0
