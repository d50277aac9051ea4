"""Shared fixtures: scratch project trees, and the real site built once per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.helpers.scratch import empty_project, write_program

from dlcompare.site.build import BuildError, build_once

ROOT = Path(__file__).resolve().parents[1]

# Re-exported for the tests that still import it from here (tests/snippets).
__all__ = ["ROOT", "write_program"]


#: pytest-timeout's limit for tests marked slow (framework runs, whole-site builds),
#: over pyproject's default of 300 s for the rest; a test's own timeout mark wins.
SLOW_TIMEOUT_S = 900


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        needs_site = "built_site" in getattr(item, "fixturenames", ())
        slow = item.get_closest_marker("slow") or item.get_closest_marker("browser")
        if (slow or needs_site) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT_S))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty dlcompare tree (mkdocs.yml + snippets/) as the project root."""
    monkeypatch.setenv("DLCOMPARE_ROOT", str(tmp_path))
    return empty_project(tmp_path, "snippets")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, strictly built ONCE per test run and shared by every test.

    Under pytest-xdist the first worker builds (into the run's shared temp folder,
    under a file lock) and the others wait and reuse the result, or the same
    error. (Not ``xdist_group``: with pytest 9.2 and pytest-xdist 3.8,
    ``--dist loadgroup`` silently ignores the mark, pytest-dev/pytest-xdist#1386;
    and one group would serialize the suite.)

    DLCOMPARE_TEST_SITE=<folder> tests an already built site instead (debugging
    the tests themselves; CI never sets it).
    """
    prebuilt = os.environ.get("DLCOMPARE_TEST_SITE")
    if prebuilt:
        return Path(prebuilt)
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    error = None
    try:
        return build_once(ROOT, shared / "dlcompare-site", strict=True)
    except BuildError as exc:
        error = str(exc)
    pytest.fail(error, pytrace=False)
