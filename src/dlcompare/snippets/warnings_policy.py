"""Decide which captured warnings fail a run.

Deprecation and Future warnings fail, wherever they were raised, unless the
allowlist (``snippets/warnings-allowlist.yaml``) names them with a reason; a
warning of any kind raised at a line of the program itself fails too. A blanket
``-W error`` is not an option: torch's own imports raise deprecation warnings
(see NOTES.md), and that would make every torch.compile example fail.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dlcompare.yamlio import YamlError, load_yaml_with_lines

ALLOWLIST = Path("snippets/warnings-allowlist.yaml")
BLOCKING_CATEGORIES = {"DeprecationWarning", "FutureWarning"}


class AllowEntry(BaseModel):
    """One tolerated warning. ``reason`` is required: an allowlist without reasons rots."""

    model_config = ConfigDict(extra="forbid")

    category: str
    message: str = Field(description="regular expression searched in the warning text")
    filename: str = Field(default=".*", description="regular expression on the file that warned")
    programs: list[str] = Field(default_factory=lambda: ["*"], description="globs on program paths")
    reason: str = Field(min_length=10)

    def matches(self, warning: dict, program: str) -> bool:
        return (
            warning.get("category") == self.category
            and re.search(self.message, warning.get("message", "")) is not None
            and re.search(self.filename, warning.get("filename", "")) is not None
            and any(fnmatch.fnmatch(program, pattern) for pattern in self.programs)
        )


@dataclass(frozen=True)
class Verdict:
    blocking: list[dict]  # fail the run
    allowed: list[dict]  # would fail, but the allowlist gives a reason
    other: list[dict]  # informational (UserWarning from a library, ...)

    def annotated(self) -> list[dict]:
        """All unique warnings, each tagged with how the policy treated it."""
        return (
            [{**w, "verdict": "blocking"} for w in self.blocking]
            + [{**w, "verdict": "allowed"} for w in self.allowed]
            + [{**w, "verdict": "shown"} for w in self.other]
        )


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


def judge(warnings: list[dict], program: str, allowlist: list[AllowEntry]) -> Verdict:
    """Split warnings into those that fail the run and those that are tolerated."""
    blocking, allowed, other = [], [], []
    seen: set[tuple] = set()
    for warning in warnings:
        key = (warning.get("category"), warning.get("message"), warning.get("filename"), warning.get("lineno"))
        if key in seen:
            continue
        seen.add(key)
        own_line = warning.get("filename", "") == program
        if warning.get("category") not in BLOCKING_CATEGORIES and not own_line:
            other.append(warning)
            continue
        if any(entry.matches(warning, program) for entry in allowlist):
            allowed.append(warning)
        else:
            blocking.append(warning)
    return Verdict(blocking=blocking, allowed=allowed, other=other)
