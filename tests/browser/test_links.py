"""No broken internal link or anchor in the built site; external links are only listed
here (no network in normal tests) and fetched by the weekly canary."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dlcompare import mkdocs_config
from dlcompare.site.linkcheck import check_site

pytestmark = [pytest.mark.slow]
SITE_URL = mkdocs_config.site_url(Path(__file__).resolve().parents[2])


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    report = check_site(built_site, SITE_URL)
    assert report.pages > 5 and report.links > 100
    assert report.ok, f"{len(report.problems)} broken links:\n" + "\n".join(
        map(str, report.problems)
    )


def test_external_links_are_listed_for_the_canary(built_site: Path) -> None:
    external = check_site(built_site, SITE_URL).external
    assert external, "no external links found: the collector is broken"
    for url in external:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https"), url
        assert parts.hostname not in ("127.0.0.1", "localhost"), (
            f"{url}: a local address in the built site"
        )
