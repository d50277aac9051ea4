from pathlib import Path

import pytest

from dlcompare.render import markers
from dlcompare.render.markers import MarkerError, RenderContext, expand, iter_markers, parse_args


def test_parse_args() -> None:
    assert parse_args('cnn section=train title="A b"') == (
        ("cnn",),
        {"section": "train", "title": "A b"},
    )


def test_markers_inside_fences_are_left_alone() -> None:
    text = "<!-- example: a -->\n```md\n<!-- example: b -->\n```\n"
    assert [(m.args, m.line) for m in iter_markers(text)] == [(("a",), 1)]


def test_expand_replaces_marker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(markers.RENDERERS, "shout", _shout)
    out = expand("before <!-- shout: hi loud=yes --> after", RenderContext(root=tmp_path))
    assert out == "before HI! after"


def _shout(ctx: RenderContext, word: str, *, loud: str = "no") -> str:
    return word.upper() + ("!" if loud == "yes" else "")


def test_unknown_marker_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(
        MarkerError, match=r"docs/p.md:2: unknown marker 'exmaple'; known markers: "
    ):
        expand("x\n<!-- exmaple: cnn -->\n", RenderContext(root=tmp_path, page="p.md"))


def test_renderer_error_names_page_and_line(tmp_path: Path) -> None:
    (tmp_path / "snippets").mkdir()
    with pytest.raises(MarkerError, match=r"docs/p.md:1: example: no programs in snippets/nope/"):
        expand("<!-- example: nope -->", RenderContext(root=tmp_path, page="p.md"))
