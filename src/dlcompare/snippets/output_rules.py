"""The output rules of ``snippets/README.md``, checked on what a program printed.

The site shows a program's output under its code, so the output is judged as a
reader would read it: it says where it ran (first line ``device: cpu``, or
``backend: jax`` for Keras), it is plain short text (no colour codes, progress bars
or timings, which also differ on every run), and it is the same every time.

Determinism is checked cheaply: instead of running twice, the output is compared
with the committed record's when the program and the package versions are
unchanged. A difference there means an unseeded generator, or a line that really
varies and must be declared with ``# dlcompare: varying = <regex>``.

Each rule returns a message that names the file, the rule and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dlcompare.snippets.discover import Program
from dlcompare.snippets.records import Record

#: The longest real output is 13 lines and 388 characters; README asks for about 15.
MAX_LINES = 30
MAX_CHARS = 2_000
RULES = "see the output rules in snippets/README.md"
_DRIFT = "the output differs from the committed record"

_ANSI = re.compile(r"\x1b[\[\]()#;?]*[0-9;]*[A-Za-z@-~]?")
_DEVICE_LINE = re.compile(r"^device: (cpu|cuda|gpu)\b")
#: Progress bars: Keras 3 (━━━), Keras 2 / tf.keras 2 (12/50 [====>...]), tqdm (40%|███ |), ETA.
_PROGRESS = re.compile(r"━━|\d+/\d+ \[[=>.]+\]|\d+%\|[█▉▊▋▌▍▎▏ #]*\||\bETA\b")
#: Timings: 12ms/step, 3s/epoch, 25.3it/s, 1.3s, 250 ms, 0.02 sec, took 3 seconds.
_TIMING = re.compile(
    r"\d+(\.\d+)?\s?(ms|us|µs|s)/(step|epoch|sample|it|batch)\b"
    r"|\d+(\.\d+)?\s?(it|steps?|samples?)/s\b"
    r"|(?<![\w.])\d+(\.\d+)?\s?(ns|us|µs|ms|s|sec|secs|seconds|minutes)(?![\w/])"
)


def _numbered(text: str) -> Iterator[tuple[int, str]]:
    return enumerate(text.split("\n"), start=1)


def check_form(program: Program, backend: str | None, raw: str) -> list[str]:
    """Rules on the text itself: not empty, device line, plain, short."""
    path = program.path.as_posix()
    text = raw.replace("\r\n", "\n").strip("\n")
    if not text.strip():
        hint = f"'backend: {backend}'" if backend else "'device: cpu'"
        return [
            f"{path}: printed nothing; print a short summary whose first line is {hint} ({RULES})"
        ]
    problems: list[str] = []
    first = text.split("\n", 1)[0].strip()
    if backend:
        if not first.startswith(f"backend: {backend}"):
            problems.append(
                f"{path}: the first line printed must name the Keras backend, e.g. "
                f"print(f\"backend: {{keras.backend.backend()}}\") giving 'backend: {backend}'; "
                f"it was {first[:80]!r}"
            )
    elif not _DEVICE_LINE.match(first):
        problems.append(
            f"{path}: the first line printed must name the device, e.g. "
            f"print(f\"device: {{device}}\") giving 'device: cpu'; it was {first[:80]!r}"
        )
    problems += _plain_text(path, text)
    lines = text.split("\n")
    if len(lines) > MAX_LINES or len(text) > MAX_CHARS:
        problems.append(
            f"{path}: printed {len(lines)} lines, {len(text)} characters; the output rule is "
            f"a short summary (at most {MAX_LINES} lines and {MAX_CHARS} characters): print "
            "fewer, rounded results"
        )
    return problems


def _plain_text(path: str, text: str) -> list[str]:
    checks = (
        (_ANSI, "an ANSI escape code (colour or cursor control)", "print plain text"),
        (re.compile(r"\r"), "a carriage return (a progress bar redrawing itself)", "use verbose=0"),
        (_PROGRESS, "a progress bar", "pass verbose=0 (Keras) or drop the progress bar"),
        (_TIMING, "a timing", "do not print durations: they differ on every run"),
    )
    problems = []
    for pattern, what, fix in checks:
        for number, line in _numbered(text):
            if found := pattern.search(line):
                problems.append(
                    f"{path}: output line {number} has {what} ({found.group(0)!r}); {fix} ({RULES})"
                )
                break
    return problems


def _comparable(text: str, varying: str | None) -> list[str]:
    lines = text.split("\n")
    if varying:
        pattern = re.compile(varying)
        return ["<varying>" if pattern.search(line) else line for line in lines]
    return lines


def output_drift(program: Program, stdout: str, committed: Record) -> str | None:
    """First differing line between this output and the committed one (None: same)."""
    old = _comparable(committed.stdout, program.varying)
    new = _comparable(stdout, program.varying)
    if old == new:
        return None
    for number, (before, after) in enumerate(zip(old, new, strict=False), start=1):
        if before != after:
            return f"line {number} was {before!r}, now {after!r}"
    return f"it had {len(old)} lines, now {len(new)}"


def check_determinism(
    program: Program, stdout: str, packages: dict[str, str], committed: Record | None
) -> list[str]:
    """Same program, same versions, different output: the output is not reproducible."""
    if (
        committed is None
        or not committed.passed
        or committed.source_sha256 != program.source_sha256
        or committed.packages != packages
    ):
        return []
    drift = output_drift(program, stdout, committed)
    if drift is None:
        return []
    return [
        f"{program.path.as_posix()}: {_DRIFT} although the "
        f"program and the package versions are unchanged ({drift}); seed every random "
        "generator, or declare the lines that vary with '# dlcompare: varying = <regex>'"
    ]


def only_drift(problems: list[str]) -> bool:
    """True when every problem is unreproducible output (the committed record stays)."""
    return bool(problems) and all(_DRIFT in problem for problem in problems)
