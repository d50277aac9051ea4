from pathlib import Path

import pytest
from tests.conftest import write_program

from dlcompare.snippets.discover import SnippetError, discover, jobs_for, parse_program
from dlcompare.vocabulary import KERAS_BACKENDS


def test_discovers_framework_files_only(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", "print(1)\n")
    write_program(project, "snippets/a/keras.py", "print(1)\n")
    write_program(project, "snippets/a/helper.py", "print(1)\n")
    write_program(project, "snippets/facts/license.py", "print(1)\n")
    programs = discover(project)
    assert [(p.task, p.framework) for p in programs] == [("a", "pytorch"), ("a", "keras")]


def test_keras_program_runs_once_per_backend(project: Path) -> None:
    write_program(project, "snippets/a/keras.py", "print(1)\n")
    jobs = jobs_for(discover(project), KERAS_BACKENDS)
    assert [j.backend for j in jobs] == ["tensorflow", "torch", "jax"]
    assert [j.record_name for j in jobs] == [
        "keras-tensorflow.json",
        "keras-torch.json",
        "keras-jax.json",
    ]


def test_backends_metadata_narrows_with_reason(project: Path) -> None:
    path = write_program(
        project,
        "snippets/a/keras.py",
        """
        # dlcompare: backends = tensorflow, jax
        # dlcompare: backends-reason = keras.distribution is None on torch
        print(1)
    """,
    )
    program = parse_program(project, path)
    assert program.backends == ("tensorflow", "jax")
    assert [j.backend for j in jobs_for([program], KERAS_BACKENDS)] == [
        "tensorflow",
        "jax",
    ]


def test_skipping_a_backend_without_reason_is_an_error(project: Path) -> None:
    path = write_program(project, "snippets/a/keras.py", "# dlcompare: backends = jax\n")
    with pytest.raises(SnippetError, match=r"snippets/a/keras.py:1: .*backends-reason"):
        parse_program(project, path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# dlcompare: timeout = soon", r"keras.py:1: timeout must be a number"),
        ("# dlcompare: backend = jax", r"keras.py:1: unknown dlcompare metadata key 'backend'"),
        ("# dlcompare: backends = theano", r"keras.py:1: unknown Keras backend"),
    ],
)
def test_bad_metadata_names_file_and_line(project: Path, line: str, message: str) -> None:
    path = write_program(project, "snippets/a/keras.py", line + "\n")
    with pytest.raises(SnippetError, match=message):
        parse_program(project, path)


def test_unknown_selector_lists_known_tasks(project: Path) -> None:
    write_program(project, "snippets/cnn/pytorch.py", "print(1)\n")
    with pytest.raises(SnippetError, match="no example program matches rnn; known tasks: cnn"):
        discover(project, ["rnn"])


@pytest.mark.parametrize(
    "selector", ["cnn", "cnn/pytorch", "snippets/cnn/pytorch.py", "snippets/cnn"]
)
def test_selectors(project: Path, selector: str) -> None:
    write_program(project, "snippets/cnn/pytorch.py", "print(1)\n")
    write_program(project, "snippets/mlp/pytorch.py", "print(1)\n")
    assert [p.task for p in discover(project, [selector])] == ["cnn"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-5", "1801"])
def test_timeout_must_be_positive_finite_and_bounded(project: Path, value: str) -> None:
    path = write_program(project, "snippets/a/pytorch.py", f"# dlcompare: timeout = {value}\n")
    with pytest.raises(SnippetError) as info:
        parse_program(project, path)
    assert str(info.value) == (
        "snippets/a/pytorch.py:1: timeout must be a number of seconds above 0 and at most 1800, "
        f"e.g. '# dlcompare: timeout = 300', not {value!r}"
    )


def test_unknown_directive_suggests_the_known_key(project: Path) -> None:
    path = write_program(project, "snippets/a/pytorch.py", "print(1)\n# dlcompare: timout = 5\n")
    with pytest.raises(SnippetError) as info:
        parse_program(project, path)
    assert str(info.value) == (
        "snippets/a/pytorch.py:2: unknown dlcompare metadata key 'timout'; did you mean "
        "'timeout'? use one of backends, backends-reason, timeout, varying"
    )


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            "# dlcompare: timeout 5",
            "snippets/a/pytorch.py:1: a dlcompare directive is "
            "'# dlcompare: <key> = <value>', e.g. '# dlcompare: timeout = 300'",
        ),
        (
            "# dlcompare: timeout = 5\n# dlcompare: timeout = 6",
            "snippets/a/pytorch.py:2: 'timeout' is already set on line 1; keep one",
        ),
        (
            "# dlcompare: varying = (",
            "snippets/a/pytorch.py:1: varying must be a regular expression",
        ),
        ("# dlcompare: varying = .*", "snippets/a/pytorch.py:1: varying = '.*' matches every line"),
    ],
)
def test_malformed_directives(project: Path, lines: str, message: str) -> None:
    path = write_program(project, "snippets/a/pytorch.py", lines + "\n")
    with pytest.raises(SnippetError) as info:
        parse_program(project, path)
    assert str(info.value).startswith(message)


def test_discovery_keeps_a_program_with_a_bad_directive_as_an_error(project: Path) -> None:
    write_program(project, "snippets/a/pytorch.py", "# dlcompare: timeout = nan\n")
    write_program(project, "snippets/b/pytorch.py", "print(1)\n")
    programs = discover(project)
    assert [p.error is not None for p in programs] == [True, False]
    assert programs[0].error and programs[0].error.startswith("snippets/a/pytorch.py:1: timeout")
