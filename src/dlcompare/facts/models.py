"""What the data files may contain: facts, sources and claims, as pydantic models.

The models are the single definition of the data format: the loader validates
with them, the JSON Schema for editors is generated from them, and the renderers
read them. Validators here only check one value at a time; rules that need more
than one file (unique ids, known sources, page coverage) live in ``lint``.

A cell says one of two things, and says which: ``value:`` takes a word of the
status vocabulary (``yes``, ``partial``, ``no``, ``deprecated``, ``removed``) and
nothing else, so a misspelling such as ``partialy`` is an error with a "did you
mean"; ``text:`` takes a name, version or short text such as ``Apache-2.0``. In the
real data about a third of the cells are text, and none of those texts could be
told from a misspelt status word by looking at it (``eager``, ``torch``, ``keras``),
hence the two keys. YAML 1.2 keeps ``yes``/``no`` as strings, so only
``true``/``false`` arrive here as booleans, and those are rejected with a hint.

Ranges mean one thing, as in MDN's browser-compatibility data: ``since`` is the
first release (or day) from which the cell's value holds, and ``until`` is the first
release (or day) *without* the feature the row asks about, i.e. the release that
removed it; the last release with it is the one before. So "native-Windows GPU in
TensorFlow" is ``value: "no"``, ``until: "2.11"`` (2.10 was the last with it), shown
as "no (removed in 2.11)". ``until`` therefore belongs on ``no``/``removed`` cells
only, and lint checks that (see ``rule_ranges``). ``describes`` says which release
of the column's framework a version-dependent cell was checked against: ``newest``,
``pinned`` (what this site's examples run) or an explicit version such as
``'2.15.0'``; the renderer shows it as "as of PyTorch 2.15.0 (newest)".

Every text field has a length limit (:data:`LONG_TEXT` for notes and claims,
:data:`SHORT_TEXT` for titles, questions and cell texts): a page shows these
strings in table cells, so a 5 MB note would become several 5 MB pages.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, NoReturn, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from dlcompare.validation import did_you_mean, shorten
from dlcompare.vocabulary import FRAMEWORKS

#: Status words a cell's ``value`` may hold; a name, version or text goes in ``text``.
Status = Literal["yes", "partial", "no", "deprecated", "removed"]
STATUS_VALUES: tuple[Status, ...] = get_args(Status)

#: Longest note, claim or other sentence-sized text, in characters.
LONG_TEXT = 2000
#: Longest title, question, condition or cell text, in characters.
SHORT_TEXT = 300

#: How a claim in an article compares with what is true now.
VERDICTS: tuple[str, ...] = (
    "wrong",
    "stale",
    "imprecise",
    "partly-true",
    "unverifiable",
    "correct",
)

#: The one rule for each verdict; docs/claims.md and the claims page quote these.
VERDICT_RULES: dict[str, str] = {
    "wrong": "false when the article was written (whatever is true now)",
    "stale": "true when the article was written, false now",
    "imprecise": "true in substance, then and now, but worded so that a reader would "
    "act on it wrongly: it overgeneralises, or leaves out a step or condition that matters",
    "partly-true": "the claim joins several statements (or a comparison); some hold now "
    "and some do not",
    "unverifiable": "no measure, setup or definition is given, so it can be shown "
    "neither true nor false as stated",
    "correct": "true when the article was written and still true now",
}

#: ``describes:`` words; anything else must be a version.
DESCRIBES_WORDS: tuple[str, ...] = ("newest", "pinned")

#: What kind of document a source is (``article`` marks the five source articles).
SOURCE_KINDS: tuple[str, ...] = (
    "docs",
    "release-notes",
    "repository",
    "license",
    "package-index",
    "announcement",
    "issue",
    "press",
    "article",
)

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_VERSION = re.compile(r"^\d+(\.\d+){0,3}([a-z]+\d*)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CHECK_PATH = r"^snippets/facts/[a-z0-9_]+\.py$"


def _words(value: Any, field: str) -> Any:
    """Reject YAML booleans and numbers where words are expected, saying what to write."""
    if isinstance(value, bool):
        word = "yes" if value else "no"
        if field == "value":
            return _fail(
                f"{str(value).lower()} is a YAML boolean; write a word instead: "
                f"`value: {word}` (or partial, deprecated, removed; other text goes in `text:`)"
            )
        return _fail(f"{str(value).lower()} is a YAML boolean; write text instead")
    if isinstance(value, (int, float)):
        return _fail(
            f'{value!r} is a number; quote it ("{value}") so YAML keeps it as text '
            "(unquoted 2.10 would become 2.1)"
        )
    return value


def _fail(message: str) -> NoReturn:
    raise ValueError(message)


def _version_or_date(value: Any) -> Any:
    """``since``/``until``: a version such as ``'2.16'`` or a date such as 2022-09-12."""
    if isinstance(value, bool):
        return _fail(f"{str(value).lower()} is a YAML boolean; write a version such as '2.16'")
    if isinstance(value, (int, float)):
        return _fail(
            f'{value!r} is a number; quote versions ("{value}") because YAML turns '
            "unquoted ones into numbers, and 2.10 into 2.1"
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _version_or_date_text(value.strip())
    return value


def _version_or_date_text(text: str) -> str:
    if _ISO_DATE.match(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            _fail(f"{text} is not a real date (YYYY-MM-DD)")
        return text
    if _VERSION.match(text):
        return text
    _fail(f"'{shorten(text)}' is not a version (like '2.16' or '3.0.0') or a date (YYYY-MM-DD)")


def _describes(value: Any) -> Any:
    """``describes``: ``newest``, ``pinned`` or a quoted version such as ``'2.15.0'``."""
    if isinstance(value, str) and value.strip() in DESCRIBES_WORDS:
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _fail(f'{value!r} is a number; quote the version ("{value}")')
    if isinstance(value, str) and _VERSION.match(value.strip()):
        return value.strip()
    return _fail(f"'{shorten(str(value))}' is not newest, pinned or a version such as '2.15.0'")


Text = Annotated[str, Field(min_length=1, max_length=LONG_TEXT)]
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT)]
Slug = Annotated[str, Field(pattern=SLUG)]
VersionOrDate = Annotated[str, BeforeValidator(_version_or_date)]
Describes = Annotated[str, BeforeValidator(_describes)]


def _status_word(value: Any) -> Any:
    """``value`` holds a status word; a misspelt one gets a "did you mean"."""
    value = _words(value, "value")
    if not isinstance(value, str) or value in STATUS_VALUES:
        return value
    word = shorten(value.strip())
    if word in STATUS_VALUES:
        return word
    if word.lower() in STATUS_VALUES:
        return _fail(f"write status words in lower case: '{word.lower()}'")
    hint = did_you_mean(word.lower(), STATUS_VALUES) or (
        f"; a name, version or other text goes in `text: {word}`"
    )
    return _fail(f"'{word}' is not a status word ({', '.join(STATUS_VALUES)}){hint}")


def _version_key(text: str) -> tuple[int, Any]:
    if _ISO_DATE.match(text):
        return (1, text)
    parts = re.match(r"^([\d.]+)", text)
    numbers = tuple(int(p) for p in parts.group(1).split(".") if p) if parts else ()
    return (0, numbers)


class MeasuredOverride(BaseModel):
    """Why a typed ``since``/``until`` stands although the release matrix disagrees.

    The matrix runs the fact's check on real releases; where the typed range and
    the runs disagree, ``dlcompare check`` fails unless the cell says why the runs
    do not settle it (the check tests more than this cell, say) and cites a source.
    """

    model_config = ConfigDict(extra="forbid")

    reason: Text = Field(description="why the typed range is right and the measurement is not")
    source: Slug = Field(description="an id from data/sources.yaml that backs the typed range")


class Cell(BaseModel):
    """What one framework says about one fact."""

    model_config = ConfigDict(extra="forbid")

    status: Annotated[Status | None, BeforeValidator(_status_word)] = Field(
        default=None,
        alias="value",
        description="a status word: yes, partial, no, deprecated or removed "
        "(for a name, version or other text use `text`)",
    )
    text: ShortText | None = Field(
        default=None,
        description="a name, version or short text shown instead of a status word "
        "(e.g. '2.21.0', 'Apache-2.0', 'tf.data')",
    )
    note: Text | None = Field(default=None, description="one sentence of context shown in the cell")
    since: VersionOrDate | None = Field(
        default=None,
        description="first release (quoted, e.g. '2.16') or day from which this value holds",
    )
    until: VersionOrDate | None = Field(
        default=None,
        description="first release (quoted) or day WITHOUT the feature, i.e. the one that "
        "removed it (the last release with it is the one before); only on no/removed cells",
    )
    describes: Describes | None = Field(
        default=None,
        description="which release of this framework the cell was checked against: newest, "
        "pinned (the version this site's examples run) or a quoted version such as '2.15.0'; "
        "required when the cell depends on a version",
    )
    when: ShortText | None = Field(
        default=None, description="condition, e.g. 'JAX backend' or 'Linux only'"
    )
    measured_override: MeasuredOverride | None = Field(
        default=None,
        description="keep since/until although the release matrix's runs of the fact's "
        "check disagree: a reason and a source id (see the Compatibility page)",
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="ids from data/sources.yaml backing this cell (default: the fact's sources)",
    )

    @field_validator("text", "note", "when", mode="before")
    @classmethod
    def _no_booleans(cls, value: Any, info: ValidationInfo) -> Any:
        return _words(value, info.field_name or "text")

    @field_validator("text")
    @classmethod
    def _text_is_not_a_status(cls, value: str | None) -> str | None:
        if value is not None and value.strip().lower() in STATUS_VALUES:
            raise ValueError(f"'{value}' is a status word; write `value: {value.strip().lower()}`")
        return value.strip() if value is not None else None

    @model_validator(mode="after")
    def _value_or_text(self) -> Cell:
        if self.status is None and self.text is None:
            raise ValueError(
                "a cell needs `value:` (yes, partial, no, deprecated or removed) "
                "or `text:` (a name, version or short text)"
            )
        if self.status is not None and self.text is not None:
            raise ValueError("a cell holds `value:` or `text:`, not both; move the text to `note:`")
        return self

    @property
    def value(self) -> str:
        """What the cell shows: its status word, else its text."""
        return self.status or self.text or ""

    @model_validator(mode="after")
    def _since_before_until(self) -> Cell:
        if self.since and self.until:
            a, b = _version_key(self.since), _version_key(self.until)
            if a[0] == b[0] and a[1] > b[1]:
                raise ValueError(f"since '{self.since}' is after until '{self.until}'; swap them")
        return self


def _as_variants(value: Any) -> Any:
    """A framework holds one cell, or a list of cells that each say ``when``."""
    return [value] if isinstance(value, dict) else value


Variants = Annotated[list[Cell], BeforeValidator(_as_variants), Field(min_length=1)]


class Values(BaseModel):
    """One entry per framework; all three are required."""

    model_config = ConfigDict(extra="forbid")

    pytorch: Variants
    tensorflow: Variants
    keras: Variants

    @model_validator(mode="after")
    def _variants_say_when(self) -> Values:
        for framework in FRAMEWORKS:
            cells = getattr(self, framework)
            if len(cells) > 1 and any(cell.when is None for cell in cells):
                raise ValueError(
                    f"{framework} lists {len(cells)} values; give each one a `when:` "
                    "(e.g. when: JAX backend) so readers know which applies"
                )
        return self

    def cells(self, framework: str) -> list[Cell]:
        cells: list[Cell] = getattr(self, framework)
        return cells


class Fact(BaseModel):
    """One question answered for PyTorch, TensorFlow and Keras, with sources and a date."""

    model_config = ConfigDict(extra="forbid")

    id: Slug = Field(description="unique, lower-case words joined by hyphens")
    question: ShortText = Field(description="the row label, phrased as a short question")
    values: Values
    sources: list[Slug] = Field(
        default_factory=list,
        description="ids from data/sources.yaml; cells without their own sources use these",
    )
    as_of: date = Field(description="the day someone last checked this fact (YYYY-MM-DD)")
    check: Annotated[str, Field(pattern=CHECK_PATH)] | None = Field(
        default=None,
        description="optional program (snippets/facts/<name>.py) that exits 0 while the fact holds",
    )

    @field_validator("question", mode="before")
    @classmethod
    def _question_words(cls, value: Any) -> Any:
        return _words(value, "question")

    def cell_sources(self, framework: str) -> list[str]:
        """Source ids a framework's cells cite (their own, else the fact's)."""
        ids: list[str] = []
        for cell in self.values.cells(framework):
            for source in cell.sources or self.sources:
                if source not in ids:
                    ids.append(source)
        return ids

    def all_sources(self) -> list[str]:
        ids = list(self.sources)
        for framework in FRAMEWORKS:
            for source in self.cell_sources(framework):
                if source not in ids:
                    ids.append(source)
        return ids


class FactsFile(BaseModel):
    """``data/facts/<topic>.yaml``: the facts of one topic, in display order."""

    model_config = ConfigDict(extra="forbid")

    topic: Slug = Field(description="must equal the file name without .yaml")
    title: ShortText = Field(description="heading used for this topic's table")
    order: int = Field(default=100, description="position of the topic in the overall table")
    facts: list[Fact] = Field(min_length=1)


class Source(BaseModel):
    """One entry of the bibliography, ``data/sources.yaml``."""

    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: ShortText
    url: Annotated[str, Field(pattern=r"^https://\S+$")] | None = Field(
        default=None, description="https URL; required for every kind except article"
    )
    publisher: ShortText
    kind: Literal[SOURCE_KINDS]  # type: ignore[valid-type]
    accessed: date = Field(description="the day the source was read (YYYY-MM-DD)")
    published: date | None = Field(default=None, description="publication date, if known")
    locator: ShortText | None = Field(
        default=None,
        description="where in the source the cited statement is: a section heading, a URL "
        "fragment, or file:line at a tag",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _url_unless_article(self) -> Source:
        if self.url is None and self.kind != "article":
            raise ValueError(
                f"'url' is missing; every {self.kind} source needs an https URL "
                "(only kind: article may go without one)"
            )
        return self


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[Source] = Field(min_length=1)


class Attribution(BaseModel):
    """Where exactly one article makes a claim: its section, and what it says there."""

    model_config = ConfigDict(extra="forbid")

    article: Slug = Field(description="source id of kind: article")
    section: ShortText = Field(description="the heading (or table) the article says it under")
    says: Text | None = Field(
        default=None, description="what this article says there, paraphrased in our words"
    )


class Claim(BaseModel):
    """A statement from the source articles, checked against current facts.

    The verdict follows one rule each (:data:`VERDICT_RULES`): *wrong* is false when
    written; *stale* was true when written and is false now; *imprecise* is true in
    substance but misleading as worded; *partly-true* joins statements of which only
    some hold; *unverifiable* gives nothing to check against; *correct* was true when
    written and still is. ``said_in`` names each article and the section that makes
    the claim, so no article is credited with a claim it did not make.
    """

    model_config = ConfigDict(extra="forbid")

    id: Slug
    claim: Text = Field(description="what the article(s) say, paraphrased in our words")
    said_in: list[Attribution] = Field(
        default_factory=list,
        description="each article that makes the claim, with the section it makes it in",
    )
    articles: list[Slug] = Field(
        default_factory=list,
        description="source ids of kind: article (filled from said_in when omitted)",
    )
    verdict: Literal[VERDICTS]  # type: ignore[valid-type]
    now: Text = Field(description="what is true now, in one or two sentences")
    facts: list[Slug] = Field(default_factory=list, description="related fact ids")
    sources: list[Slug] = Field(min_length=1, description="ids from data/sources.yaml")
    as_of: date

    @field_validator("claim", "now", mode="before")
    @classmethod
    def _claim_words(cls, value: Any, info: ValidationInfo) -> Any:
        return _words(value, info.field_name or "text")

    @model_validator(mode="after")
    def _articles_from_attribution(self) -> Claim:
        said = [a.article for a in self.said_in]
        if not self.articles:
            self.articles = list(dict.fromkeys(said))
        elif said and set(said) != set(self.articles):
            raise ValueError(
                "`articles` and `said_in` name different articles; drop `articles:` "
                "(it is filled from said_in)"
            )
        if not self.articles:
            raise ValueError("add `said_in:` with each article and the section making the claim")
        return self

    def section_of(self, article: str) -> str | None:
        """The section in which ``article`` makes the claim, if recorded."""
        return next((a.section for a in self.said_in if a.article == article), None)


class ClaimsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: list[Claim] = Field(min_length=1)
