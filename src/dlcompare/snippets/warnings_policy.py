"""Decide which captured warnings fail a run, judging them as a reader would.

A reader who copies an example sees every warning its lines lead to, whatever
``stacklevel`` a library chose: Keras charges its ``input_shape=`` UserWarning to
its own ``dense.py``, yet the fix is in the program. So the bootstrap records, for
each warning, ``program_line``: the innermost frame of the program on the stack.

* A warning of any category whose call chain starts in the program
  (``program_line`` is set) fails the run, unless the allowlist
  (``snippets/warnings-allowlist.yaml``) names it with a reason.
* A Deprecation or Future warning fails wherever it came from (same allowlist).
* Anything else (a library's own import-time or background-thread noise, with no
  program frame) is recorded and shown, but does not fail the run.

A blanket ``-W error`` is not an option: torch's own imports raise deprecation
warnings, and that would make every torch.compile example fail.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dlcompare.yamlio import YamlError, load_yaml_with_lines

ALLOWLIST = Path("snippets/warnings-allowlist.yaml")
BLOCKING_CATEGORIES = {"DeprecationWarning", "FutureWarning"}
#: Bump when the judging rules change, so cached runs are judged again.
RULES_VERSION = b"3: program lines, output rules, skip guard"


class AllowEntry(BaseModel):
    """One tolerated warning. ``reason`` is required: an allowlist without reasons rots."""

    model_config = ConfigDict(extra="forbid")

    category: str
    message: str = Field(description="regular expression searched in the warning text")
    filename: str = Field(default=".*", description="regular expression on the file that warned")
    programs: list[str] = Field(default_factory=lambda: ["*"], description="globs on program paths")
    reason: str = Field(min_length=10)

    def matches(self, warning: dict[str, Any], program: str) -> bool:
        return (
            warning.get("category") == self.category
            and re.search(self.message, warning.get("message", "")) is not None
            and re.search(self.filename, warning.get("filename", "")) is not None
            and any(fnmatch.fnmatch(program, pattern) for pattern in self.programs)
        )


@dataclass(frozen=True)
class Verdict:
    blocking: list[dict[str, Any]]  # fail the run
    allowed: list[dict[str, Any]]  # would fail, but the allowlist gives a reason
    other: list[dict[str, Any]]  # informational (a library's own noise, no program frame)

    def annotated(self) -> list[dict[str, Any]]:
        """All unique warnings, each tagged with how the policy treated it."""
        return (
            [{**w, "verdict": "blocking"} for w in self.blocking]
            + [{**w, "verdict": "allowed"} for w in self.allowed]
            + [{**w, "verdict": "shown"} for w in self.other]
        )


def policy_hash(root: Path, *, skip_guard: bool = True) -> str:
    """Hash of the rules and the allowlist: part of the cache key, so editing either
    re-judges every run. A run judged without the skip guard is never reused for one
    judged with it (nor the reverse)."""
    path = root / ALLOWLIST
    rules = RULES_VERSION + (b"" if skip_guard else b"; skip guard off")
    return hashlib.sha256(rules + (path.read_bytes() if path.exists() else b"")).hexdigest()


def load_allowlist(root: Path) -> list[AllowEntry]:
    path = root / ALLOWLIST
    if not path.exists():
        return []
    data, lines = load_yaml_with_lines(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise YamlError(f"{ALLOWLIST}:1: the allowlist must be a list of entries")
    entries = []
    for index, item in enumerate(data):
        try:
            entries.append(AllowEntry.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "entry"
            raise YamlError(
                f"{ALLOWLIST}:{lines.get((index,), 1)}: {field}: {first['msg']} "
                "(each entry needs category, message and a reason of at least 10 characters)"
            ) from None
    return entries


def blocks(warning: dict[str, Any], program: str) -> bool:
    """Would this warning fail the run if no allowlist entry covered it?"""
    return (
        warning.get("program_line") is not None
        or warning.get("category") in BLOCKING_CATEGORIES
        or warning.get("filename", "") == program
    )


def judge(warnings: list[dict[str, Any]], program: str, allowlist: list[AllowEntry]) -> Verdict:
    """Split warnings into those that fail the run and those that are tolerated."""
    blocking: list[dict[str, Any]] = []
    allowed: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for warning in warnings:
        key = tuple(
            warning.get(k) for k in ("category", "message", "filename", "lineno", "program_line")
        )
        if key in seen:
            continue
        seen.add(key)
        if not blocks(warning, program):
            other.append(warning)
        elif any(entry.matches(warning, program) for entry in allowlist):
            allowed.append(warning)
        else:
            blocking.append(warning)
    return Verdict(blocking=blocking, allowed=allowed, other=other)


def where(warning: dict[str, Any], program: str) -> str:
    """``program:line`` a reader should look at (the library's own frame in brackets)."""
    raised = f"{warning.get('filename', '')}:{warning.get('lineno', 0)}"
    line = warning.get("program_line")
    if line is None:
        return raised
    here = f"{program}:{line}"
    if raised == here or not warning.get("lineno"):  # lineno 0: the runner's loss guard
        return here
    return f"{here} (raised in {raised})"
