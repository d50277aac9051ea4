"""axe-core on every page, light and dark: no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.site.a11y import failing, run_axe
from dlcompare.site.page_paths import doc_pages, page_id, run_detail_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
PAGES = [*doc_pages(ROOT / "docs"), *run_detail_pages(ROOT), "404.html"]
DESKTOP = {"width": 1280, "height": 800}


def audit(shared_reader, path: str, scheme: str) -> None:
    r = shared_reader(viewport=DESKTOP, color_scheme=scheme)
    r.open(path)
    r.settle(network=False)  # the search index may still be loading; the page is complete
    bad = failing(run_axe(r.page))
    assert not bad, f"{path} ({scheme}):\n  " + "\n  ".join(v.describe() for v in bad)


# One class per scheme: axe's colour-contrast check is slow (1–5 s a page), and
# pytest-xdist's --dist loadgroup/loadscope hands each class to its own worker.
class TestLight:
    @pytest.mark.parametrize("path", PAGES, ids=page_id)
    def test_no_serious_or_critical_violations(self, shared_reader, path: str) -> None:
        audit(shared_reader, path, "light")


class TestDark:
    @pytest.mark.parametrize("path", PAGES, ids=page_id)
    def test_no_serious_or_critical_violations(self, shared_reader, path: str) -> None:
        audit(shared_reader, path, "dark")
