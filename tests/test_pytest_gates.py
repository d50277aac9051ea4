"""pytest's own gates (pyproject.toml): strict config, warnings as errors, a default timeout."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from tests.conftest import SLOW_TIMEOUT_S

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
    "ini_options"
]


def test_gates_are_configured() -> None:
    assert "--strict-config" in OPTIONS["addopts"] and "--strict-markers" in OPTIONS["addopts"]
    assert OPTIONS["filterwarnings"][0] == "error"
    assert OPTIONS["timeout"] == 300


def test_a_warning_fails_a_test() -> None:
    import warnings

    with pytest.raises(UserWarning):
        warnings.warn("any warning is an error in this suite", UserWarning, stacklevel=1)


@pytest.mark.slow
def test_slow_tests_get_the_longer_timeout(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("timeout")
    assert marker is not None and marker.args == (SLOW_TIMEOUT_S,)


def test_other_tests_keep_the_default(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("timeout") is None
