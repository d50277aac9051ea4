"""A tiny dlcompare tree for renderer tests: two sources, three facts, two claims, one page."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.scratch import write

from dlcompare.render.context import RenderContext

__all__ = [
    "CLAIMS",
    "CONCORDANCE",
    "FACTS",
    "HOOK",
    "MKDOCS_YML",
    "OTHER_FACTS",
    "PAGE",
    "SOURCES",
    "build_site",
    "context",
    "make_concordance_project",
    "make_project",
    "make_site",
    "write",
]

SOURCES = """
sources:
  - id: art-one
    title: Frameworks compared
    publisher: Some Blog
    kind: article
    accessed: 2026-11-25
    published: 2024-05-01
    note: A comparison article.
  - id: doc-a
    title: Exporter docs
    url: https://example.org/export
    publisher: Example Org
    kind: docs
    accessed: 2026-11-24
  - id: rel-b
    title: Release 2.0 notes
    url: https://example.org/rel
    publisher: Example Org
    kind: release-notes
    accessed: 2026-11-24
    published: 2023-03-15
"""

FACTS = """
topic: basics
title: Basics
facts:
  - id: latest-release
    question: Latest stable release
    values:
      pytorch: {text: "2.15.0", note: Released in October 2026.}
      tensorflow: {text: "2.21.0"}
      keras: {text: "3.15.1"}
    sources: [rel-b]
    as_of: 2026-11-20
  - id: data-parallel
    question: Data-parallel training
    values:
      pytorch: {value: "yes", note: DistributedDataParallel.}
      tensorflow: {value: "yes", since: "2.0"}
      keras:
        - {value: "yes", when: JAX backend}
        - {value: partial, when: PyTorch backend, note: Wrap it yourself.}
    sources: [doc-a]
    as_of: 2026-11-22
"""

OTHER_FACTS = """
topic: other
title: Other
facts:
  - id: unplaced
    question: A fact on no page
    values:
      pytorch: {value: "no"}
      tensorflow: {value: "no"}
      keras: {value: "no"}
    sources: [doc-a]
    as_of: 2026-11-23
"""

CLAIMS = """
claims:
  - id: claim-one
    claim: Keras needs TensorFlow.
    articles: [art-one]
    verdict: wrong
    now: It runs on three backends.
    facts: [data-parallel]
    sources: [doc-a]
    as_of: 2026-11-21
  - id: claim-two
    claim: The exporter is old.
    articles: [art-one]
    verdict: stale
    now: It was replaced.
    sources: [doc-a, rel-b]
    as_of: 2026-11-24
"""

PAGE = """
# Basics

<!-- facts: topic=basics -->
"""


def make_project(root: Path) -> Path:
    """Write the tree under ``root`` and return it."""
    write(root, "mkdocs.yml", "site_name: mini\n")
    write(root, "data/sources.yaml", SOURCES)
    write(root, "data/facts/basics.yaml", FACTS)
    write(root, "data/facts/other.yaml", OTHER_FACTS)
    write(root, "data/claims.yaml", CLAIMS)
    write(root, "docs/comparison/basics.md", PAGE)
    (root / "snippets").mkdir(exist_ok=True)
    return root


def context(root: Path, page: str = "guide.md") -> RenderContext:
    return RenderContext(root=root, page=page)


# --- a buildable site: the real site's Markdown extensions and our hook -------------------

HOOK = Path(__file__).resolve().parents[2] / "src" / "dlcompare" / "mkdocs_hooks.py"

MKDOCS_YML = f"""
site_name: mini
strict: true
theme:
  name: material
hooks:
  - {HOOK.as_posix()}
plugins: []
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight:
      line_spans: __span
      pygments_lang_class: true
  - pymdownx.inlinehilite
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
      dedent_subsections: true
"""


def make_site(root: Path, pages: dict[str, str]) -> Path:
    """``make_project`` plus an mkdocs.yml like the real one and the given docs pages."""
    make_project(root)
    write(root, "mkdocs.yml", MKDOCS_YML)
    for rel, text in pages.items():
        write(root, f"docs/{rel}", text)
    return root


def build_site(root: Path) -> Path:
    """Run a strict MkDocs build of ``root`` in this process (cwd must be ``root``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config)
    return root / "site"


#: A valid data/concordance.yaml for the scratch project: two rows, one verified call.
CONCORDANCE = """
groups:
  - id: basics
    title: Basics
    rows:
      - concept: Make a tensor
        task: t
        pytorch: torch.tensor([1])
        tensorflow:
          code: tf.constant([1])
          note: int32
        keras:
          code: null
          note: use keras.ops
      - concept: Launch
        sources: [doc-a]
        pytorch: torchrun
        tensorflow: {code: TF_CONFIG, sources: [rel-b]}
        keras: {code: "a | b"}
"""


def make_concordance_project(root: Path) -> Path:
    """The scratch project plus programs for task ``t`` and :data:`CONCORDANCE`."""
    root = make_project(root)
    write(root, "snippets/t/pytorch.py", "x = torch.tensor([1])\n")
    write(root, "snippets/t/tensorflow.py", "x = tf.constant([1])\n")
    write(root, "snippets/t/keras.py", "x = 1\n")
    write(root, "data/concordance.yaml", CONCORDANCE)
    return root
