"""Rendering the claims page from data/claims.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcompare.render.claims import relative_link, render_claims_marker
from dlcompare.render.context import RenderContext
from dlcompare.render.markers import expand


def test_claims_render_as_admonitions_with_links(facts_project: Path):
    ctx = RenderContext(root=facts_project, page="claims.md")
    text = render_claims_marker(ctx)
    assert "| Wrong | 1 |" in text
    assert '!!! failure "Wrong: Framework B cannot export models."' in text
    assert "    **What is true now:** It can, through its exporter." in text
    assert "    **Said in:** An article that compares frameworks (Some blog)" in text
    # the related fact links to the page whose marker shows it, with its row anchor
    assert "[Does it export?](page.md#fact-base-one)" in text
    assert "[Framework A documentation](https://example.org/a) (Example)" in text
    assert "*Checked on 2026-11-20.*" in text


def test_links_are_relative_to_the_rendering_page():
    assert relative_link("claims.md", "comparison/deployment.md", "fact-x") == (
        "comparison/deployment.md#fact-x"
    )
    assert relative_link("sub/claims.md", "comparison/a.md") == "../comparison/a.md"


def test_claims_marker_takes_no_arguments(facts_project: Path):
    with pytest.raises(ValueError, match="takes no arguments"):
        expand("<!-- claims: x -->", RenderContext(root=facts_project))
