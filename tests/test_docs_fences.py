"""Every code fence in docs/ is run by exactly one tool, or is plainly not code to run.

pytest-codeblocks 0.18 silently ignores ```py and ```python title="x" fences, and
*executes* ```bash / ```sh fences (a `make serve` there would hang the suite). So
the rules are: inline Python is a bare ```python fence (run by pytest-codeblocks);
example programs appear only through `<!-- example: ... -->` markers (run by the
snippet runner); shell commands use ```console; include lines never sit in a page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_file

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>.*)$")
PYTHONISH = re.compile(r"^\{?\s*\.?(py|python|python3|pycon|ipython)\b", re.I)
SHELLISH = re.compile(r"^(sh|bash|zsh|shell)\b", re.I)
MAX_SKIPPED = 2


def fences(path: Path) -> list[tuple[int, str, str]]:
    """(line, info string, body) of every fenced block in a Markdown file."""
    found, lines = [], path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        ticks, start, body = match["ticks"], i + 1, []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(ticks):
            body.append(lines[i])
            i += 1
        found.append((start, match["info"].strip(), "\n".join(body)))
        i += 1
    return found


def problems_in(path: Path, root: Path = ROOT) -> list[str]:
    rel = path.relative_to(root).as_posix()
    out = []
    text = path.read_text(encoding="utf-8")
    if "pytest-codeblocks:skip" in text:
        out.append(
            f"{rel}: <!--pytest-codeblocks:skip--> is deprecated; use <!--pytest.mark.skip-->"
        )
    for line, info, body in fences(path):
        if "--8<--" in body:
            out.append(
                f"{rel}:{line}: include line inside a fence; show programs with "
                "<!-- example: <task> --> instead"
            )
        if PYTHONISH.match(info) and info != "python":
            out.append(
                f"{rel}:{line}: fence '{info}' is never run by pytest-codeblocks; "
                "use a bare ```python fence"
            )
        if SHELLISH.match(info):
            out.append(
                f"{rel}:{line}: pytest-codeblocks would execute this '{info}' fence; "
                "use ```console for commands a reader types"
            )
    return out


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_fence_rules_hold_for_every_page() -> None:
    problems = [p for page in pages() for p in problems_in(page)]
    assert not problems, "\n".join(problems)


def test_every_python_fence_is_collected_by_pytest_codeblocks() -> None:
    for page in pages():
        ours = [line for line, info, _ in fences(page) if info == "python"]
        theirs = [b.lineno for b in extract_from_file(page) if b.syntax == "python"]
        assert ours == theirs, f"{page}: fences at {ours}, pytest-codeblocks collects {theirs}"


def test_skipped_blocks_are_rare() -> None:
    skipped = [
        (page, b.lineno)
        for page in pages()
        for b in extract_from_file(page)
        if any("skip" in m for m in b.marks)
    ]
    assert len(skipped) <= MAX_SKIPPED, f"too many skipped code blocks: {skipped}"


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("```py\nx = 1\n```\n", "fence 'py' is never run"),
        ('```python title="a.py"\nx = 1\n```\n', "fence 'python title=\"a.py\"' is never run"),
        ("```bash\nmake serve\n```\n", "would execute this 'bash' fence"),
        ('```text\n--8<-- "snippets/a/keras.py"\n```\n', "include line inside a fence"),
        ("<!--pytest-codeblocks:skip-->\n", "is deprecated"),
    ],
)
def test_guard_catches_each_bad_form(tmp_path: Path, markdown: str, message: str) -> None:
    page = tmp_path / "page.md"
    page.write_text(markdown)
    assert any(message in p for p in problems_in(page, tmp_path))
