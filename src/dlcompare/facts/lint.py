"""``dlcompare check``: every rule the data must satisfy, each a small function.

Schema errors come from the loader; the rules below look across files. Each rule
takes a :class:`LintContext` and yields :class:`Problem` objects whose message
names the fix. ``lint`` runs them all (and, when asked, the check programs);
``main`` prints the result for people; the MkDocs hook calls ``lint`` (without the
check programs) and stops the build on its errors.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dlcompare.facts.checks import CheckResult, run_checks
from dlcompare.facts.concordance import CONCORDANCE_FILE
from dlcompare.facts.concordance import check as check_concordance
from dlcompare.facts.loader import CLAIMS_FILE, SOURCES_FILE, Dataset, Located, load_dataset
from dlcompare.facts.models import Cell, Claim, Fact
from dlcompare.facts.page_index import FactsMarker, facts_markers
from dlcompare.facts.proofs import check_record, check_with_programs
from dlcompare.facts.releases import (
    NEWEST_FACT,
    PINNED_FACT,
    Releases,
    releases_of,
    same_release,
    version_dependent,
)
from dlcompare.facts.schema import schema_comment_for, stale_schemas
from dlcompare.inline_markup import check_inline_markup
from dlcompare.validation import Problem
from dlcompare.vocabulary import FRAMEWORKS
from dlcompare.yamlio import Path_

WARN_AFTER_DAYS = 180
FAIL_AFTER_DAYS = 365


def today_default() -> date:
    """Today, or ``DLCOMPARE_TODAY`` (YYYY-MM-DD) so runs can be reproduced."""
    override = os.environ.get("DLCOMPARE_TODAY")
    return date.fromisoformat(override) if override else date.today()


@dataclass
class LintContext:
    root: Path
    dataset: Dataset
    today: date
    markers: list[FactsMarker] = field(default_factory=list)


Rule = Callable[[LintContext], Iterable[Problem]]


def _close(word: str, options: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""


# --- rules ------------------------------------------------------------------------------


def rule_schema_comment(ctx: LintContext) -> Iterable[Problem]:
    """Each data file starts with the comment that wires its JSON Schema into editors."""
    for rel, first in ctx.dataset.first_lines.items():
        expected = schema_comment_for(rel)
        if expected and first.strip() != expected:
            yield Problem(
                rel,
                1,
                f"first line should be `{expected}` so editors validate the file as you type",
                severity="warning",
                rule="schema-comment",
            )


def rule_topic_matches_file(ctx: LintContext) -> Iterable[Problem]:
    for topic, located in ctx.dataset.topics.items():
        stem = Path(located.file).stem
        if topic != stem:
            yield Problem(
                located.file,
                located.line("topic"),
                f"topic '{topic}' does not match the file name; rename the file to {topic}.yaml "
                f"or set `topic: {stem}`",
                rule="topic-file",
            )


def rule_unique_fact_ids(ctx: LintContext) -> Iterable[Problem]:
    first: dict[str, tuple[str, int]] = {}
    for located in ctx.dataset.facts:
        fact_id = located.item.id
        here = (located.file, located.line("id"))
        if fact_id in first:
            file, line = first[fact_id]
            yield Problem(
                *here,
                f"duplicate fact id '{fact_id}' (also at {file}:{line}); ids must be unique "
                "across all facts files — rename one or merge the two facts",
                rule="unique-ids",
            )
        else:
            first[fact_id] = here


def rule_unique_claim_ids(ctx: LintContext) -> Iterable[Problem]:
    seen: dict[str, int] = {}
    for located in ctx.dataset.claims:
        if located.item.id in seen:
            yield Problem(
                located.file,
                located.line("id"),
                f"duplicate claim id '{located.item.id}' (first on line {seen[located.item.id]}); "
                "rename one",
                rule="unique-ids",
            )
        else:
            seen[located.item.id] = located.line("id")


def rule_sources_exist(ctx: LintContext) -> Iterable[Problem]:
    known = set(ctx.dataset.sources) | ctx.dataset.raw_source_ids
    for located in ctx.dataset.facts:
        fact = located.item
        for index, source in enumerate(fact.sources):
            if source not in known:
                yield _unknown_source(located.file, located.line("sources", index), source, known)
        for framework in FRAMEWORKS:
            raw = _raw_cells(located, framework)
            for position, cell in enumerate(fact.values.cells(framework)):
                for index, source in enumerate(cell.sources):
                    if source not in known:
                        keys = ("values", framework, *raw[position], "sources", index)
                        yield _unknown_source(located.file, located.line(*keys), source, known)
    for claim in ctx.dataset.claims:
        yield from _unknown_claim_sources(claim, known)


def _unknown_claim_sources(claim: Located[Claim], known: set[str]) -> Iterable[Problem]:
    for index, source in enumerate(claim.item.sources):
        if source not in known:
            yield _unknown_source(claim.file, claim.line("sources", index), source, known)
    for index, source in enumerate(claim.item.articles):
        if source not in known:
            yield _unknown_source(claim.file, _article_line(claim, index), source, known)


def _unknown_source(file: str, line: int, source: str, known: set[str]) -> Problem:
    return Problem(
        file,
        line,
        f"source '{source}' is not in data/sources.yaml{_close(source, known)} "
        "(add it there with title, url, publisher, kind and accessed)",
        rule="sources-exist",
    )


def _raw_cells(located: Located[Fact], framework: str) -> list[Path_]:
    """Key-path suffixes of a framework's cells: () for a single mapping, (i,) in a list."""
    count = len(located.item.values.cells(framework))
    probe = (*located.path, "values", framework, 0)
    if count == 1 and probe not in located.lines:
        return [()]
    return [(i,) for i in range(count)]


def rule_cells_sourced(ctx: LintContext) -> Iterable[Problem]:
    """Every cell resolves to at least one source (its own, else the fact's)."""
    for located in ctx.dataset.facts:
        fact = located.item
        if fact.sources:
            continue
        for framework in FRAMEWORKS:
            raw = _raw_cells(located, framework)
            for position, cell in enumerate(fact.values.cells(framework)):
                if not cell.sources:
                    yield Problem(
                        located.file,
                        located.line("values", framework, *raw[position]),
                        f"{framework} has no source; add `sources: [...]` to this cell or to the "
                        f"fact '{fact.id}'",
                        rule="cells-sourced",
                    )


def other_citations(root: Path) -> set[str]:
    """Source ids cited under `sources:` by data files the dataset does not read."""
    from dlcompare.yamlio import YamlError, load_yaml_with_lines

    read_by_dataset = {p.name for p in (SOURCES_FILE, CLAIMS_FILE, CONCORDANCE_FILE)}

    found: set[str] = set()

    def walk(node: Any, key: Any = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                if key == "sources" and isinstance(item, str):
                    found.add(item)
                walk(item, key)

    for path in sorted((root / "data").glob("*.yaml")):
        if path.name in read_by_dataset:
            continue
        try:
            data, _ = load_yaml_with_lines(path)
        except YamlError:
            continue  # that file's own checks report it
        walk(data)
    return found


def rule_sources_used(ctx: LintContext) -> Iterable[Problem]:
    if ctx.dataset.unreadable:
        return  # citations in an unreadable file are unknown
    used = set(ctx.dataset.raw_refs) | other_citations(ctx.root)
    for located in ctx.dataset.facts:
        used.update(located.item.all_sources())
    for claim in ctx.dataset.claims:
        used.update(claim.item.sources)
        used.update(claim.item.articles)
    for source_id, source in ctx.dataset.sources.items():
        if source_id not in used:
            yield Problem(
                source.file,
                source.line("id"),
                f"source '{source_id}' is not cited by any fact or claim; cite it or remove it",
                rule="sources-used",
            )


def _article_line(located: Located[Claim], index: int) -> int:
    if located.item.said_in:
        return located.line("said_in", index, "article")
    return located.line("articles", index)


def rule_claim_articles(ctx: LintContext) -> Iterable[Problem]:
    for located in ctx.dataset.claims:
        for index, source_id in enumerate(located.item.articles):
            source = ctx.dataset.sources.get(source_id)
            if source is not None and source.item.kind != "article":
                yield Problem(
                    located.file,
                    _article_line(located, index),
                    f"'{source_id}' has kind {source.item.kind}, not article; `articles` lists "
                    "only the source articles that make the claim",
                    rule="claim-articles",
                )


def rule_claim_facts(ctx: LintContext) -> Iterable[Problem]:
    if ctx.dataset.unreadable:
        return
    ids = {located.item.id for located in ctx.dataset.facts} | ctx.dataset.raw_fact_ids
    for located in ctx.dataset.claims:
        for index, fact_id in enumerate(located.item.facts):
            if fact_id not in ids:
                yield Problem(
                    located.file,
                    located.line("facts", index),
                    f"fact '{fact_id}' does not exist{_close(fact_id, ids)}",
                    rule="claim-facts",
                )


def rule_as_of_fresh(ctx: LintContext) -> Iterable[Problem]:
    """Facts and claims go stale: warn after 180 days, fail after 365, refuse the future."""
    dated: list[Located[Fact] | Located[Claim]] = [*ctx.dataset.facts, *ctx.dataset.claims]
    for located in dated:
        as_of = located.item.as_of
        age = (ctx.today - as_of).days
        where = (located.file, located.line("as_of"))
        if age < 0:
            yield Problem(
                *where,
                f"as_of {as_of} is in the future (today is {ctx.today}); use the day you checked",
                rule="as-of",
            )
        elif age > FAIL_AFTER_DAYS:
            yield Problem(
                *where,
                f"as_of {as_of} is {age} days old (limit {FAIL_AFTER_DAYS}); re-check "
                f"'{located.item.id}' against its sources and set as_of to the day you did",
                rule="as-of",
            )
        elif age > WARN_AFTER_DAYS:
            yield Problem(
                *where,
                f"as_of {as_of} is {age} days old (over {WARN_AFTER_DAYS}); re-check "
                f"'{located.item.id}' soon",
                severity="warning",
                rule="as-of",
            )


def rule_check_exists(ctx: LintContext) -> Iterable[Problem]:
    for located in ctx.dataset.facts:
        program = located.item.check
        if program and not (ctx.root / program).is_file():
            available = sorted(
                p.relative_to(ctx.root).as_posix()
                for p in (ctx.root / "snippets/facts").glob("*.py")
            )
            yield Problem(
                located.file,
                located.line("check"),
                f"check program {program} does not exist; create it or remove `check:`"
                f"{_close(program, available)}",
                rule="check-exists",
            )


def rule_markers_valid(ctx: LintContext) -> Iterable[Problem]:
    """Facts markers in pages name known topics and ids (else the build would fail later)."""
    if ctx.dataset.unreadable:
        return  # a facts file that cannot be parsed hides its topic and ids
    topics = ctx.dataset.topics
    ids = {located.item.id for located in ctx.dataset.facts} | ctx.dataset.raw_fact_ids
    for marker in ctx.markers:
        where = (f"docs/{marker.page}", marker.line)
        if marker.unknown_args:
            yield Problem(
                *where,
                f"facts marker: unknown argument(s) {', '.join(marker.unknown_args)}; "
                "use topic=<topic> or ids=<id>,<id>",
                rule="markers",
            )
        if not marker.topic and not marker.ids:
            yield Problem(
                *where,
                "facts marker selects nothing; add topic=<topic> or ids=<id>,<id>",
                rule="markers",
            )
        if marker.topic and marker.topic not in topics:
            yield Problem(
                *where,
                f"facts marker: topic '{marker.topic}' does not exist"
                f"{_close(marker.topic, topics)}",
                rule="markers",
            )
        for fact_id in marker.ids:
            if fact_id not in ids:
                yield Problem(
                    *where,
                    f"facts marker: fact '{fact_id}' does not exist{_close(fact_id, ids)}",
                    rule="markers",
                )


def rule_fact_on_page(ctx: LintContext) -> Iterable[Problem]:
    if ctx.dataset.unreadable:
        return
    placed: set[str] = set()
    for marker in ctx.markers:
        placed.update(marker.ids)
        if marker.topic:
            placed.update(f.id for f in ctx.dataset.facts_of(marker.topic))
    for located in ctx.dataset.facts:
        fact = located.item
        if fact.id not in placed:
            topic = Path(located.file).stem
            yield Problem(
                located.file,
                located.line("id"),
                f"fact '{fact.id}' appears on no page; add `<!-- facts: topic={topic} -->` or "
                f"`<!-- facts: ids={fact.id} -->` to a page under docs/",
                rule="fact-on-page",
            )


def rule_concordance_calls(ctx: LintContext) -> Iterable[Problem]:
    """Concordance calls appear in the example programs they name, or cite sources."""
    loaded = ctx.dataset.concordance
    if loaded is None or ctx.dataset.unreadable:
        return []
    known = set(ctx.dataset.sources) | ctx.dataset.raw_source_ids
    return check_concordance(loaded, ctx.root, known)


# --- ranges, releases and attribution ---------------------------------------------------

_LAST_WITH = re.compile(
    r"(\d+\.\d+(?:\.\d+)?) was the last|last (?:release )?(?:with|in) \S*? ?(\d+\.\d+)"
)


def _next_minor(version: str) -> str:
    parts = version.split(".")
    return f"{parts[0]}.{int(parts[1]) + 1}" if len(parts) > 1 and parts[1].isdigit() else version


def fact_cells(located: Located[Fact]) -> Iterable[tuple[str, int, Cell]]:
    """(framework, line, cell) for every cell of a fact, with the cell's own line."""
    for framework in FRAMEWORKS:
        raw = _raw_cells(located, framework)
        for position, cell in enumerate(located.item.values.cells(framework)):
            yield framework, located.line("values", framework, *raw[position]), cell


def rule_ranges(ctx: LintContext) -> Iterable[Problem]:
    """``since``/``until`` mean one thing (see models): until = first release without it."""
    for located in ctx.dataset.facts:
        for framework, line, cell in fact_cells(located):
            where = (located.file, line)
            label = cell.status or "text"
            if cell.until and cell.status not in ("no", "removed"):
                yield Problem(
                    *where,
                    f"{framework}: `until: '{cell.until}'` is the first release without the "
                    f"feature, but the value is {label}; write `value: removed` (or no) if it "
                    "is gone, or drop `until`",
                    rule="ranges",
                )
            if cell.status in ("no", "removed") and cell.since and not cell.until:
                yield Problem(
                    *where,
                    f"{framework}: '{cell.status}' with only `since: '{cell.since}'` reads both "
                    "ways (gone from then, or arrived then); if that release removed it, write "
                    f"`until: '{cell.since}'` (the first release without it)",
                    rule="ranges",
                )
            match = _LAST_WITH.search(cell.note or "") if cell.until else None
            last = (match.group(1) or match.group(2)) if match else None
            if last and cell.until and same_release(last, cell.until):
                yield Problem(
                    *where,
                    f"{framework}: the note says {last} was the last release with it, but "
                    f"`until` is the first release without it; write `until: "
                    f"'{_next_minor(last)}'`",
                    rule="ranges",
                )


def known_release(releases: Releases, framework: str) -> bool:
    """Whether the data says which release is newest or pinned for ``framework``."""
    return framework in releases.newest or framework in releases.pinned


def rule_describes(ctx: LintContext) -> Iterable[Problem]:
    """Version-dependent cells say which release they describe, and it is a current one."""
    if ctx.dataset.unreadable:
        return
    releases = releases_of(f.item for f in ctx.dataset.facts)
    for located in ctx.dataset.facts:
        if located.item.id in (NEWEST_FACT, PINNED_FACT):
            continue  # these two define newest and pinned
        for framework, line, cell in fact_cells(located):
            where = (located.file, line)
            if cell.describes is None:
                if version_dependent(cell):
                    yield Problem(
                        *where,
                        f"{framework} depends on a version; say which release it was checked "
                        "against: `describes: newest`, `describes: pinned` or "
                        "`describes: '<version>'`",
                        rule="describes",
                    )
                continue
            version = releases.resolve(framework, cell.describes)
            if version is None:
                yield Problem(
                    *where,
                    f"{framework}: describes {cell.describes}, but the '{NEWEST_FACT}' and "
                    f"'{PINNED_FACT}' facts give no such version; write the version itself",
                    rule="describes",
                )
            elif known_release(releases, framework) and not releases.labels(framework, version):
                yield Problem(
                    *where,
                    f"{framework}: describes {version}, which is neither the newest "
                    f"({releases.newest.get(framework, '?')}) nor the pinned "
                    f"({releases.pinned.get(framework, '?')}) release; re-check the cell and "
                    "update `describes`",
                    severity="warning",
                    rule="describes",
                )


def rule_claim_attribution(ctx: LintContext) -> Iterable[Problem]:
    """Each article credited with a claim has the section it makes it in."""
    for located in ctx.dataset.claims:
        if not located.item.said_in:
            yield Problem(
                located.file,
                located.line("articles"),
                f"claim '{located.item.id}' names no sections; replace `articles:` with "
                "`said_in: [{article: <id>, section: <heading>}]`, one entry per article",
                rule="claim-attribution",
            )


def rule_json_schema_current(ctx: LintContext) -> Iterable[Problem]:
    for rel in stale_schemas(ctx.root):
        exists = (ctx.root / rel).is_file()
        state = "is out of date with the models" if exists else "is missing"
        yield Problem(rel, 1, f"{state}; run `dlcompare schema` and commit it", rule="json-schema")


def _markup_problems(file: str, line: int, field: str, text: str | None) -> Iterable[Problem]:
    for problem in check_inline_markup(text or ""):
        yield Problem(file, line, f"{field}: {problem}", rule="inline-markup")


def rule_inline_markup(ctx: LintContext) -> Iterable[Problem]:
    """Notes and claims use only the inline subset; anything else would show literally."""
    for located in ctx.dataset.facts:
        for framework in FRAMEWORKS:
            raw = _raw_cells(located, framework)
            for position, cell in enumerate(located.item.values.cells(framework)):
                line = located.line("values", framework, *raw[position], "note")
                yield from _markup_problems(located.file, line, "note", cell.note)
    for claim in ctx.dataset.claims:
        yield from _markup_problems(claim.file, claim.line("now"), "now", claim.item.now)
    for source in ctx.dataset.sources.values():
        yield from _markup_problems(source.file, source.line("note"), "note", source.item.note)


RULES: tuple[Rule, ...] = (
    rule_schema_comment,
    rule_topic_matches_file,
    rule_unique_fact_ids,
    rule_unique_claim_ids,
    rule_sources_exist,
    rule_cells_sourced,
    rule_sources_used,
    rule_claim_articles,
    rule_claim_facts,
    rule_as_of_fresh,
    rule_check_exists,
    rule_markers_valid,
    rule_fact_on_page,
    rule_concordance_calls,
    rule_ranges,
    rule_describes,
    rule_claim_attribution,
    rule_json_schema_current,
    rule_inline_markup,
)


def check_problems(ctx: LintContext, results: dict[str, CheckResult]) -> Iterable[Problem]:
    """A failing check program is an error on the fact's `check:` line."""
    for located in ctx.dataset.facts:
        program = located.item.check
        result = results.get(program) if program else None
        if result is not None and not result.passed:
            yield Problem(
                located.file,
                located.line("check"),
                f"check {program} failed: {result.message}; the fact may have changed — "
                "re-check it, update value and as_of, or fix the program",
                rule="check-passes",
            )


@dataclass
class LintResult:
    dataset: Dataset
    problems: list[Problem]
    checks: dict[str, CheckResult] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def lint(
    root: Path,
    *,
    today: date | None = None,
    run_programs: bool = False,
    jobs: int = 2,
    use_cache: bool = True,
    rules: tuple[Rule, ...] = RULES,
) -> LintResult:
    """Load data/ under ``root`` and apply every rule (and the check programs if asked)."""
    dataset = load_dataset(root)
    ctx = LintContext(root, dataset, today or today_default(), facts_markers(root))
    problems = list(dataset.problems)
    for rule in rules:
        problems.extend(rule(ctx))
    checks: dict[str, CheckResult] = {}
    if run_programs:
        programs = [
            f.item.check for f in dataset.facts if f.item.check and (root / f.item.check).is_file()
        ]
        checks = run_checks(root, programs, jobs=jobs, use_cache=use_cache)
        problems.extend(check_problems(ctx, checks))
        proven, proof_results = check_with_programs(
            root, dataset.concordance, jobs=jobs, use_cache=use_cache
        )
        problems.extend(proven)
        checks.update(proof_results)
    else:
        problems.extend(check_record(root, dataset.concordance))
    problems.sort(key=lambda p: (p.file, p.line, p.severity != "error"))
    return LintResult(dataset, problems, checks)


# --- reporting --------------------------------------------------------------------------


def summary_counts(result: LintResult) -> dict[str, int]:
    facts = [f.item for f in result.dataset.facts]
    return {
        "facts": len(facts),
        "topics": len(result.dataset.topics),
        "sources": len(result.dataset.sources),
        "claims": len(result.dataset.claims),
        "facts with a check": sum(1 for f in facts if f.check),
        "concordance rows proven": _proven_rows(result.dataset),
        "check programs run": sum(1 for r in result.checks.values() if not r.cached),
        "check programs cached": sum(1 for r in result.checks.values() if r.cached),
        "errors": len(result.errors),
        "warnings": len(result.warnings),
    }


def _proven_rows(dataset: Dataset) -> int:
    loaded = dataset.concordance
    if loaded is None or loaded.data is None:
        return 0
    return sum(1 for group in loaded.data.groups for row in group.rows if row.proof)


def markdown_report(result: LintResult) -> str:
    counts = summary_counts(result)
    lines = ["# dlcompare check", "", "| | |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in counts.items()]
    lines += ["", "## Problems", ""]
    if result.problems:
        lines += [f"- `{problem}`" for problem in result.problems]
    else:
        lines.append("None.")
    if result.checks:
        lines += ["", "## Check programs", "", "| program | result | time |", "|---|---|---:|"]
        for program, check in sorted(result.checks.items()):
            state = "cached pass" if check.cached else ("pass" if check.passed else "**FAIL**")
            detail = check.message.replace("|", "\\|")
            lines.append(f"| `{program}` | {state}: {detail} | {check.duration_s:.1f} s |")
    by_rule = Counter(p.rule for p in result.problems)
    if by_rule:
        lines += ["", "## By rule", ""] + [f"- {rule}: {n}" for rule, n in sorted(by_rule.items())]
    return "\n".join(lines) + "\n"


def main(
    root: Path,
    *,
    run_checks: bool,
    report: Path | None,
    today: date | None = None,
    rules: tuple[Rule, ...] = RULES,
) -> int:
    """Print every problem as ``file:line: message``, then a summary; 1 when any error."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    result = lint(root, today=today, run_programs=run_checks, rules=rules)
    for problem in result.problems:
        style = "red" if problem.severity == "error" else "yellow"
        console.print(str(problem), style=style, markup=False)
    table = Table(title="dlcompare check", show_header=False)
    for name, value in summary_counts(result).items():
        table.add_row(name, str(value))
    if not run_checks:
        table.add_row("check programs", "skipped (--no-programs)")
    console.print(table)
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(markdown_report(result), encoding="utf-8")
        console.print(f"report written to {report}", markup=False)
    if result.errors:
        console.print(
            f"{len(result.errors)} error(s): fix them before building the site",
            style="bold red",
            markup=False,
        )
        return 1
    console.print("data OK", style="bold green", markup=False)
    return 0


__all__ = ["RULES", "LintResult", "lint", "main"]
