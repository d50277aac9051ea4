"""The Makefile and mk/*.mk: every target is listed by `make help`, tools go through the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKEFILES = [ROOT / "Makefile", *sorted((ROOT / "mk").glob("*.mk"))]
#: A rule line `name: ...` or `a b c: ...` (not `:=`, not a pattern, not a variable target).
RULE_RE = re.compile(r"^(?P<targets>[A-Za-z0-9][A-Za-z0-9_. -]*?)\s*:(?![=:])")


def defined_targets() -> dict[str, str]:
    """Every explicit target of the Makefiles -> the file:line that first names it."""
    found: dict[str, str] = {}
    for path in MAKEFILES:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = RULE_RE.match(line)
            if m and not line.startswith(".PHONY"):
                for target in m["targets"].split():
                    found.setdefault(target, f"{path.relative_to(ROOT)}:{lineno}")
    return found


@pytest.fixture(scope="module")
def help_text() -> str:
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is not installed (apt-get install -y make)")
    proc = subprocess.run(
        [make, "--no-print-directory", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_parser_finds_the_known_targets() -> None:
    targets = defined_targets()
    assert {"help", "setup", "test", "build", "lint-code", "sandbox", "browser", "bench"} <= set(
        targets
    )
    assert "PIP" not in targets and ".PHONY" not in targets


def test_make_help_lists_every_target(help_text: str) -> None:
    listed = {line.split()[1] for line in help_text.splitlines() if line.startswith("make ")}
    missing = {t: where for t, where in defined_targets().items() if t not in listed}
    assert not missing, (
        "targets without a `## description` comment on their rule line (make help "
        f"lists only those): {missing}"
    )


def test_every_tool_is_called_through_the_cli() -> None:
    """`dlcompare <subcommand>`, never `python -m dlcompare....` (one entry point)."""
    calls = [
        f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}"
        for path in MAKEFILES
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "-m dlcompare" in line
    ]
    assert not calls, "call `$(BIN)/dlcompare <subcommand>` instead:\n" + "\n".join(calls)


def test_make_test_runs_the_code_lint_first() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    (prereqs,) = re.findall(r"^test:([^#\n]*)", text, re.M)
    assert prereqs.split()[0] == "lint-code"
    assert "--dist loadgroup" not in text, "nothing uses xdist groups (see tests/conftest.py)"
