from pathlib import Path

import pytest

from dlcompare.render import markers
from dlcompare.render.markers import (
    MarkerError,
    RenderContext,
    expand,
    iter_markers,
    marker_problems,
    parse_args,
)


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


def test_registry_is_a_plain_dict_of_functions() -> None:
    assert all(callable(renderer) for renderer in markers.RENDERERS.values())


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        (
            "<!-- facts: colums=x -->",
            r'docs/p.md:1: marker "facts": unknown argument "colums"; use "facts: \[topic=…\] '
            r'\[ids=…\]"',
        ),
        (
            "<!-- example: cnn sectoin=train -->",
            r'docs/p.md:1: marker "example": unknown argument "sectoin" — did you mean "section"\?',
        ),
        ("<!-- example: -->", r'marker "example": missing argument "task"; use "example: <task>'),
        ("<!-- cite: a b -->", r'marker "cite": unexpected argument "b"; use "cite: <source_id>'),
        ("<!-- claims: x -->", r'marker "claims" takes no arguments \(got x\)'),
    ],
)
def test_arguments_are_checked_against_the_renderer_signature(
    tmp_path: Path, marker: str, message: str
) -> None:
    with pytest.raises(MarkerError, match=message):
        expand(marker, RenderContext(root=tmp_path, page="p.md"))


def test_marker_problems_for_a_lint() -> None:
    [good, typo, unknown] = list(
        iter_markers("<!-- fact: a pytorch -->\n<!-- fact: a lnk=yes -->\n<!-- nope: x -->")
    )
    assert marker_problems(good) == []
    assert marker_problems(typo) == ['marker "fact": unknown argument "lnk" — did you mean "link"?']
    assert marker_problems(unknown)[0].startswith("unknown marker 'nope'; known markers: ")
