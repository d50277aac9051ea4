"""The compat strips, table and deprecations view: escaping, not-run never "fails"."""

from __future__ import annotations

from dlcompare.matrix.infer import Observation, infer
from dlcompare.render.compat import page_link, render_deprecations, render_strips, render_table


def cell(spec: list[Observation], program: str = "snippets/cnn/pytorch.py"):  # type: ignore[no-untyped-def]
    return infer("torch", program, None, spec)


FAIL = Observation("2.12.1", "fail", "ImportError", "cannot import name '<x>'")
PASS = Observation("2.15.0", "pass")
WARN = Observation("2.14.1", "warn", warnings=("FutureWarning: old & busted",))
SKIP = Observation("2.13.0", "not-run", message="could not install")


def test_strip_shows_reason_in_title_and_text_escaped() -> None:
    html = render_strips("cnn", [cell([FAIL, SKIP, WARN, PASS])], "../../compatibility/")
    assert (
        'title="torch 2.12 (2.12.1): fails: ImportError: cannot import name &#x27;&lt;x&gt;&#x27;"'
        in html
    )
    assert "<code>ImportError</code> cannot import name &#x27;&lt;x&gt;&#x27;" in html
    assert "<x>" not in html
    assert "runs on torch 2.14–2.15" in html
    assert 'href="../../compatibility/"' in html


def test_not_run_is_never_rendered_as_fails() -> None:
    html = render_strips("cnn", [cell([SKIP, PASS])])
    assert "compat-not-run" in html and "— 2.13" in html
    assert "fails" not in html.replace("never a failure", "")
    assert "✗" not in html


def test_table_has_one_column_per_release_and_a_legend() -> None:
    html = render_table([cell([FAIL, PASS])])
    assert '<th scope="col">2.12</th><th scope="col">2.15</th>' in html
    assert 'data-framework="torch"' in html
    assert "not run" in html


def test_facts_are_not_example_strips() -> None:
    assert "Not yet measured" in render_strips("cnn", [cell([PASS], "snippets/facts/cnn.py")])


def test_deprecations_list_release_and_message_escaped() -> None:
    html = render_deprecations([cell([WARN, PASS])])
    assert "FutureWarning: old &amp; busted" in html and "2.14" in html


def test_page_link_for_directory_urls() -> None:
    assert page_link("examples/cnn.md") == "../../compatibility/"
    assert page_link("examples/index.md") == "../compatibility/"
    assert page_link("faq.md") == "../compatibility/"


def test_one_row_per_warning_lists_every_program_and_release() -> None:
    later = Observation("2.15.0", "warn", warnings=("FutureWarning: old & busted",))
    html = render_deprecations(
        [cell([WARN, later]), cell([WARN], "snippets/rnn/pytorch.py"),
         cell([later], "snippets/facts/jit.py")]
    )  # fmt: skip
    assert html.count("<tr><td>") == 1
    assert "2.14, 2.15" in html and "cnn, jit.py (fact check), rnn" in html
