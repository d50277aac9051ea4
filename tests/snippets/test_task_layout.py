"""A half-added task gets one message listing everything missing, before anything runs."""

from pathlib import Path

import pytest
from tests.conftest import write_program

from dlcompare.cli import main
from dlcompare.snippets.discover import SnippetError
from dlcompare.snippets.task_layout import check_tasks, learning_order
from dlcompare.vocabulary import FRAMEWORKS

NAV = "site_name: scratch\nnav:\n  - Examples:\n      - examples/cnn.md\n"


def complete(project: Path, task: str) -> None:
    for framework in FRAMEWORKS:
        write_program(project, f"snippets/{task}/{framework}.py", "print(1)\n")
    write_program(project, f"docs/examples/{task}.md", f"# {task}\n\n<!-- example: {task} -->\n")


def test_complete_tasks_pass(project: Path) -> None:
    (project / "mkdocs.yml").write_text(NAV)
    complete(project, "cnn")
    write_program(project, "snippets/facts/license.py", "print(1)\n")  # not a task
    check_tasks(project)


def test_incomplete_task_lists_everything_missing(project: Path) -> None:
    (project / "mkdocs.yml").write_text(NAV)
    complete(project, "cnn")
    write_program(project, "snippets/rnn/pytorch.py", "print(1)\n")
    with pytest.raises(SnippetError) as info:
        check_tasks(project)
    assert str(info.value) == (
        "snippets/rnn/: the task is incomplete; add\n"
        "  - snippets/rnn/tensorflow.py (the tensorflow program; see snippets/README.md)\n"
        "  - snippets/rnn/keras.py (the keras program; see snippets/README.md)\n"
        "  - docs/examples/rnn.md (a title, a short intro and the line <!-- example: rnn -->)\n"
        "  - the nav entry '      - examples/rnn.md' under '  - Examples:' in mkdocs.yml"
    )


def test_page_without_its_marker_is_named(project: Path) -> None:
    (project / "mkdocs.yml").write_text(NAV + "      - examples/rnn.md\n")
    complete(project, "rnn")
    (project / "docs/examples/rnn.md").write_text("# RNN\n")
    with pytest.raises(
        SnippetError, match=r"the line <!-- example: rnn --> in docs/examples/rnn.md"
    ):
        check_tasks(project)


@pytest.mark.parametrize("command", [["run", "--no-records"], ["check", "--no-programs"]])
def test_cli_stops_early_with_the_message(
    project: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mkdocs.yml").write_text(NAV)
    (project / "docs").mkdir(exist_ok=True)  # MkDocs refuses a config without its docs_dir
    write_program(project, "snippets/rnn/pytorch.py", "print(1)\n")
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: snippets/rnn/: the task is incomplete; add\n")
    assert "docs/examples/rnn.md" in err


def test_learning_order_follows_the_nav_then_names(project: Path) -> None:
    nav = NAV.replace("      - examples/cnn.md\n", "      - examples/tensors.md\n") + (
        "      - examples/cnn.md\n"
    )
    (project / "mkdocs.yml").write_text(nav)
    (project / "docs").mkdir(exist_ok=True)
    tasks = ["cnn", "zeta", "tensors", "alpha"]
    assert learning_order(project, tasks) == ["tensors", "cnn", "alpha", "zeta"]
