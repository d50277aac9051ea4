"""The site tools are `dlcompare` subcommands, each handing its options to the module's run()."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.cli import build_parser
from dlcompare.site import build, linkcheck, screenshots, weight


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["build", "--no-strict"], build),
        (["linkcheck", "site", "--check-external"], linkcheck),
        (["screenshots", "--out", "x"], screenshots),
        (["site-bench", "--repeats", "1"], weight),
    ],
)
def test_site_subcommands_delegate_to_their_module(argv: list[str], module: object) -> None:
    args = build_parser().parse_args(argv)
    assert args.func is module.run  # type: ignore[attr-defined]


def test_linkcheck_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dlcompare.cli import main

    (tmp_path / "index.html").write_text('<a href="missing/">x</a>', encoding="utf-8")
    assert main(["linkcheck", str(tmp_path), "--site-url", "https://x.test/"]) == 1
    assert "no such file in the built site" in capsys.readouterr().out
