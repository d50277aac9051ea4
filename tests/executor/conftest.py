"""Executor tests run tiny scratch programs (no frameworks), so each takes about a second."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dlcompare.executor import ProcessJob, ProcessResult, SandboxUnavailable, program_env, run
from dlcompare.executor.sandbox import ensure_bwrap


@pytest.fixture
def bwrap() -> str:
    """The sandbox must work here: a missing bwrap FAILS these tests, with the fix."""
    try:
        return ensure_bwrap()
    except SandboxUnavailable as exc:
        pytest.fail(str(exc))


def run_source(
    tmp_path: Path, body: str, *, timeout_s: float = 30, sandbox: str = "bwrap", **job: object
) -> ProcessResult:
    """Write ``body`` to ``tmp_path/prog.py`` and run it with the program environment."""
    program = tmp_path / "prog.py"
    program.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return run(
        ProcessJob(
            argv=[str(program)],
            env=program_env(device="cpu"),
            timeout_s=timeout_s,
            sandbox=sandbox,  # type: ignore[arg-type]
            **job,  # type: ignore[arg-type]
        )
    )
