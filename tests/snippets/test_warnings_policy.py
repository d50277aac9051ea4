"""Warnings judged as a reader would: by the program line that led to them."""

from dlcompare.snippets.warnings_policy import AllowEntry, judge, where

PROGRAM = "snippets/a/keras.py"


def warning(category: str, program_line: int | None) -> dict[str, object]:
    return {
        "category": category,
        "message": "m",
        "filename": "site-packages/lib.py",
        "lineno": 7,
        "program_line": program_line,
    }


def test_any_category_from_a_program_line_blocks() -> None:
    verdict = judge([warning("UserWarning", 4)], PROGRAM, [])
    assert len(verdict.blocking) == 1


def test_library_noise_without_a_program_frame_is_only_shown() -> None:
    verdict = judge([warning("UserWarning", None)], PROGRAM, [])
    assert verdict.blocking == [] and len(verdict.other) == 1


def test_deprecations_block_even_without_a_program_frame() -> None:
    assert judge([warning("DeprecationWarning", None)], PROGRAM, []).blocking


def test_allowlist_still_applies() -> None:
    entry = AllowEntry(
        category="UserWarning", message="^m$", reason="an upstream call we cannot avoid"
    )
    verdict = judge([warning("UserWarning", 4)], PROGRAM, [entry])
    assert verdict.blocking == [] and len(verdict.allowed) == 1


def test_where_names_the_program_line_and_the_library_frame() -> None:
    assert (
        where(warning("UserWarning", 4), PROGRAM)
        == "snippets/a/keras.py:4 (raised in site-packages/lib.py:7)"
    )
    assert where(warning("UserWarning", None), PROGRAM) == "site-packages/lib.py:7"
