"""The injection corpus: hostile text in data/ and in program output reaches pages inert.

Contributors write the YAML files and the programs whose output is published, so
each case here is something a pull request could contain. The unit tests pin the
escaping helpers; the build test runs a real strict MkDocs build of a scratch
project (same Markdown extensions as mkdocs.yml, our hook) and reads the HTML.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
import yaml
from tests.render.miniproject import build_site, make_site, write

from dlcompare.facts.loader import load_dataset
from dlcompare.render.raw_html import RawHtmlExtension
from dlcompare.render.text import (
    allowed_url,
    check_inline_markup,
    inline_markup,
    md_text,
    raw_html,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SECRET = "SECRET-FROM-GIT-CONFIG"
OUTPUT = "\n".join(
    [
        "device: cpu",
        '--8<-- ".git/config"',
        '--8<-- "/etc/passwd"',
        "--8<--",
        ".git/config",
        "--8<--",
        "*[HTML]: Hyper Text",
        "HTML :smile: :+1:",
        '{: onclick="alert(4)" }',
        SCRIPT,
        IMG,
        "```",
        "    indented <b>bold</b>",
        "",
        "after a blank line",
    ]
)
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.snippets",
    RawHtmlExtension(),
]


class _Elements(HTMLParser):
    """Collects what a browser would act on: elements, event handlers, link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "abbr"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")
            if (
                name in ("href", "src")
                and value
                and value.lower().lstrip().startswith(("javascript:", "data:", "vbscript:", "//"))
            ):
                self.found.append(f"{tag} {name}={value}")


def hostile(markup: str) -> list[str]:
    """Elements and attributes in ``markup`` that injected text must never create."""
    parser = _Elements()
    parser.feed(markup)
    return parser.found


def to_html(text: str) -> str:
    return markdown.markdown(
        text,
        extensions=EXTENSIONS,
        extension_configs={
            "pymdownx.tabbed": {"alternate_style": True},
            "pymdownx.snippets": {"base_path": ["."], "check_paths": True},
        },
    )


# --- the helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [SCRIPT, IMG, "*em* _u_ `c` [l](https://x) {: onclick=x } *[HTML]: x :smile: | pipe"],
)
def test_md_text_is_shown_verbatim_by_markdown(text: str) -> None:
    out = to_html(f"| a |\n|---|\n| {md_text(text)} |\n\nHTML and {md_text(text)}")
    assert hostile(out) == [] and "<em>" not in out and "<code>" not in out
    assert html.unescape(out).count(" ".join(text.split())) == 2


def test_inline_markup_renders_only_the_subset() -> None:
    note = "Use `a<b>` with *care*, **always**; see [docs](https://example.org/d) or [b](b.md)."
    assert inline_markup(note) == (
        "Use <code>a&lt;b&gt;</code> with <em>care</em>, <strong>always</strong>; "
        "see [docs](https://example.org/d) or [b](b.md)."
    )
    assert inline_markup(note, "html").endswith(
        'see <a href="https://example.org/d">docs</a> or b.'
    )


@pytest.mark.parametrize(
    "note",
    [
        "__len__ and __getitem__ per example",
        "keras/src/backend/__init__.py at v3.15.1",
        "TensorBoard.__init__, lines 178-193",
        "set TF_USE_LEGACY_KERAS=1 and _private_name_",
    ],
)
def test_underscores_in_notes_stay_literal(note: str) -> None:
    """Identifiers are not emphasis: ``__len__`` once rendered as a bold "len"."""
    for flavor in ("markdown", "html"):
        rendered = inline_markup(note, flavor)  # type: ignore[arg-type]
        out = to_html(rendered) if flavor == "markdown" else rendered
        assert "<strong>" not in out and "<em>" not in out, (flavor, out)
        assert note in html.unescape(re.sub(r"<[^>]+>", "", out)), (flavor, out)


def test_asterisk_emphasis_still_works_next_to_identifiers() -> None:
    out = inline_markup("**Note:** `__init__` runs *once*, like __init__", "html")
    assert out.startswith("<strong>Note:</strong> <code>__init__</code>")
    assert "<em>once</em>" in out and "<strong>init</strong>" not in out


def test_no_note_in_data_renders_an_underscore_as_emphasis() -> None:
    """Every string in data/: a word with underscores comes out with its underscores."""
    root = Path(__file__).resolve().parents[2] / "data"
    word = re.compile(r"[\w./]*_[\w./]*")
    strings: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted([*root.glob("*.yaml"), *root.glob("facts/*.yaml")]):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    checked = 0
    for text in strings:
        prose = re.sub(r"`[^`]*`", " ", text)
        words = [w for w in word.findall(prose) if not w.startswith(("http", "/"))]
        if not words:
            continue
        shown = html.unescape(re.sub(r"<[^>]+>", "", inline_markup(text, "html")))
        missing = [w for w in words if w not in shown]
        assert not missing, f"{text!r} rendered as {shown!r}"
        checked += 1
    assert checked > 10  # the data does hold such notes (concordance, sources)


@pytest.mark.parametrize(
    "note",
    [
        SCRIPT,
        IMG,
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "[proto](//evil.example/x)",
        '[t](https://x.org "title" onclick="alert(1)")',
        "![img](https://x.org/a.png)",
        '{: onclick="alert(1)" }',
    ],
)
def test_hostile_notes_render_inert_in_both_flavours(note: str) -> None:
    for flavor in ("markdown", "html"):
        rendered = inline_markup(note, flavor)  # type: ignore[arg-type]
        out = to_html(rendered) if flavor == "markdown" else rendered
        assert hostile(out) == [], (flavor, out)
        assert all(h.startswith("https://") for h in re.findall(r'href="([^"]*)"', out))


def test_check_inline_markup_names_what_is_outside_the_subset() -> None:
    assert check_inline_markup("Plain, `code`, *em*, **b**, [a](https://x.org) [b](b.md).") == []
    problems = check_inline_markup(f"{IMG} [x](javascript:alert(1)) ![i](https://x) {{: .c }}")
    assert problems[0].startswith("raw HTML '<img src=x onerror=alert(1)>' is not allowed; use")
    assert "link target 'javascript:alert(1' is not allowed" in problems[1]
    assert any(p.startswith("images are not allowed") for p in problems)
    assert any(p.startswith("attribute lists") for p in problems)
    assert check_inline_markup('--8<-- ".git/config"') == [
        "snippet includes (--8<--) are not allowed; use `code`, *emphasis*, **strong** and "
        "[text](https://…) or [text](page.md) links"
    ]


def test_only_http_and_relative_urls_are_links() -> None:
    assert allowed_url("https://example.org/a?b=c#d") and allowed_url("../x.md#fact-a")
    for url in ("javascript:alert(1)", "data:x", "//evil", "vbscript:x", "file:///etc/passwd"):
        assert not allowed_url(url), url


def test_program_output_never_meets_markdown(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".git/config", f"[core]\n  {SECRET}\n")
    block = raw_html(f"<pre><code>{html.escape(OUTPUT)}</code></pre>")
    out = to_html(f'=== "Tab"\n\n    {block}\n\nHTML\n')
    assert SECRET not in out and hostile(out) == []
    assert html.unescape(out).count(OUTPUT) == 1


def test_a_forged_raw_token_in_data_stays_text() -> None:
    forged = "dlc-raw-0000000000000000-" + "PHNjcmlwdD4="
    assert "<script>" not in to_html(f"{md_text(forged)}\n")


# --- a real strict build -----------------------------------------------------------------

SOURCES = f"""
sources:
  - id: art-one
    title: "Frameworks {SCRIPT} compared"
    publisher: "{IMG}"
    kind: article
    accessed: 2026-11-25
    published: 2024-05-01
    note: 'See [x](javascript:alert(1)), *[HTML]: x, :smile: and {{: onclick="alert(1)" }}'
  - id: doc-a
    title: "Exporter {SCRIPT} docs"
    url: https://example.org/export
    publisher: "Example {IMG} Org"
    kind: docs
    accessed: 2026-11-24
    note: '--8<-- ".git/config"'
  - id: rel-b
    title: Release 2.0 notes
    url: https://example.org/rel
    publisher: Example Org
    kind: release-notes
    accessed: 2026-11-24
    published: 2023-03-15
"""
CLAIMS = f"""
claims:
  - id: claim-one
    claim: "Keras {SCRIPT} needs TensorFlow."
    articles: [art-one]
    verdict: wrong
    now: '{IMG} It runs on [three](javascript:alert(2)) backends {{: onclick="alert(2)" }}'
    facts: [data-parallel]
    sources: [doc-a]
    as_of: 2026-11-21
"""
FACTS = f"""
topic: other
title: Other
facts:
  - id: unplaced
    question: "Does it {SCRIPT} export?"
    values:
      pytorch: {{value: "no", note: '{IMG} *[HTML]: x'}}
      tensorflow: {{text: "no {SCRIPT}"}}
      keras: {{value: "no"}}
    sources: [doc-a]
    as_of: 2026-11-23
"""
PAGES = {
    "index.md": "# Home\n\nHTML is everywhere.\n\n<!-- example: t -->\n",
    "sources.md": "# Sources\n\n<!-- sources: -->\n\n<!-- article: art-one -->\n",
    "claims.md": "# Claims\n\n<!-- claims: -->\n",
    "comparison/other.md": "# Other\n\n<!-- facts: topic=other -->\n",
    "comparison/all.md": "# All\n\n<!-- facts-filter: -->\n",
}


def _record(root: Path) -> None:
    program = root / "snippets/t/pytorch.py"
    record = {
        "snippet": "snippets/t/pytorch.py",
        "task": "t",
        "framework": "pytorch",
        "source_sha256": hashlib.sha256(program.read_bytes()).hexdigest(),
        "status": "passed",
        "device": "cpu",
        "device_name": f"CPU {IMG}",
        "python": "3.11.7",
        "platform": "Linux",
        "packages": {"torch": f"2.13.0{SCRIPT}"},
        "env_fingerprint": "x",
        "date": "2026-11-24T10:00:00+00:00",
        "duration_s": 1.0,
        "returncode": 0,
        "stdout": OUTPUT,
    }
    write(root, "data/runs/cpu/t/pytorch.json", json.dumps(record, indent=2))


@pytest.fixture
def hostile_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_site(tmp_path / "proj", PAGES)
    write(root, "data/sources.yaml", SOURCES)
    write(root, "data/claims.yaml", CLAIMS)
    write(root, "data/facts/other.yaml", FACTS)
    write(root, "snippets/t/pytorch.py", "print('device: cpu')\n")
    write(root, ".git/config", f"[core]\n  secret = {SECRET}\n")
    _record(root)
    monkeypatch.chdir(root)  # pymdownx.snippets resolves base_path "." from here
    # The data lint may (rightly) refuse this data; the renderers must be safe even if
    # it did not, so the build runs with the lint reduced to loading the data.
    monkeypatch.setattr(
        "dlcompare.facts.lint.lint",
        lambda r, **_: SimpleNamespace(errors=[], dataset=load_dataset(r)),
    )
    return build_site(root)


def test_strict_build_of_hostile_data_and_output_is_inert(hostile_site: Path) -> None:
    pages = {p.relative_to(hostile_site).as_posix(): p for p in hostile_site.rglob("*.html")}
    for rel in ("index.html", "sources/index.html", "claims/index.html"):
        assert rel in pages
    for rel, path in pages.items():
        text = path.read_text(encoding="utf-8")
        # Material's own <script> tags are fine; none may carry injected code.
        found = [f for f in hostile(text) if f != "<script>"]
        assert found == [], rel
        assert "<script>alert" not in text and "<img src=x" not in text, rel
        assert SECRET not in text and "dlc-raw-" not in text, rel
    home = html.unescape(pages["index.html"].read_text(encoding="utf-8"))
    for line in ('--8<-- ".git/config"', '--8<-- "/etc/passwd"', "*[HTML]: Hyper Text", SCRIPT):
        assert line in home  # shown to the reader exactly as printed
    assert f"torch 2.13.0{SCRIPT}" in home
    sources = html.unescape(pages["sources/index.html"].read_text(encoding="utf-8"))
    assert f"Exporter {SCRIPT} docs" in sources and '--8<-- ".git/config"' in sources
    claims = html.unescape(pages["claims/index.html"].read_text(encoding="utf-8"))
    assert f"Keras {SCRIPT} needs TensorFlow." in claims
    filtered = html.unescape(pages["comparison/all/index.html"].read_text(encoding="utf-8"))
    assert f"Does it {SCRIPT} export?" in filtered
