"""Search answers ordinary reader questions: the FIRST result is a page that answers.

A reader types a question into Material's search box (lunr, in the browser) and
opens the top hit. These queries are the kind of thing readers type: beginner
questions, a term from another article, an API name. Each lists the pages that
answer it; the first result must be one of them. Reference pages (sources,
claims, contributing, the all-facts table) are boosted down in their front matter
and answering pages up, so a question lands on the answer rather than on the
bibliography. Adding a query here is how a search regression gets caught.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: query -> site paths (without the base path) that answer it; the first result must be one.
#: A known miss is a strict xfail with its reason: it counts against the score, and the
#: test fails (XPASS) the day it starts passing, so the list stays honest.
QUESTIONS: dict[str, Any] = {
    # Beginners choosing
    "which framework should I learn first": ("faq/",),
    "do I need a GPU": ("faq/",),
    "is TensorFlow still worth learning": ("faq/",),
    "what is a tensor": pytest.param(
        ("primer/",),
        marks=pytest.mark.xfail(
            strict=True,
            reason="lunr expands the stop word 'a' to a*, which every long page matches; "
            "the FAQ outranks the primer's 'What is a tensor?'",
        ),
    ),
    "research": ("faq/", "decision-guide/"),
    "Hugging Face": ("decision-guide/", "faq/", "comparison/ecosystem/"),
    # Terms met in other articles
    "what is XLA": ("glossary/",),
    "what is ONNX": ("glossary/",),
    "LiteRT": ("glossary/", "lenses/deployment/", "migration/"),
    "ExecuTorch": ("glossary/", "lenses/deployment/"),
    "autograd": ("glossary/", "examples/autograd/", "primer/"),
    "tf.keras": ("faq/", "keras3/"),
    "KERAS_BACKEND": ("keras3/",),
    # Notebook pages are out of the index (their outputs matched every "2").
    "Keras 2": ("migration/", "faq/", "keras3/", "decision-guide/"),
    # Practitioners looking for a technique
    "GradientTape": pytest.param(
        ("examples/autograd/", "migration/"),
        marks=pytest.mark.xfail(
            strict=True,
            reason="code blocks are not indexed (the index budget), and the FAQ names "
            "GradientTape in prose, so it outranks the example",
        ),
    ),
    "early stopping": ("examples/callbacks/",),
    "mixed precision": ("examples/mixed_precision/",),
    "NaN": ("examples/nan_debugging/", "faq/"),
    # The migration page maps DataLoader to tf.data and PyDataset: also an answer.
    "DataLoader": ("examples/input_pipeline/", "migration/"),
    "data parallel": ("examples/data_parallel/",),
    "torch.compile": ("examples/compile/",),
    # Platforms and deployment
    "TorchServe": ("faq/", "decision-guide/"),
    "deploy PyTorch model": ("faq/", "lenses/deployment/", "examples/export/"),
    "Windows GPU": ("faq/", "comparison/hardware/"),
    "TPU": ("faq/", "comparison/hardware/"),
    "TensorBoard with PyTorch": ("faq/",),
    "TensorFlow Hub": ("faq/", "comparison/ecosystem/"),
    # History and licensing
    "when was PyTorch released": ("faq/", "overview/"),
    "license": ("faq/", "comparison/history/"),
    "benchmark": ("benchmarks/",),
}


def first_result_page(page, base_url: str) -> str:
    """Site path of the first result, once the list has settled for the whole query."""
    links = ".md-search-result__item > .md-search-result__link"
    page.wait_for_selector(links, timeout=15_000)
    previous, stable = None, 0
    for _ in range(40):  # results update per keystroke; wait until two reads agree
        href = page.eval_on_selector(links, "a => a.href")
        stable = stable + 1 if href == previous else 0
        if stable >= 2:
            break
        previous = href
        page.wait_for_timeout(150)
    return href.split("#", 1)[0].split("?", 1)[0].removeprefix(base_url)


def _expected(value: Any) -> tuple[str, ...]:
    return tuple(value.values[0]) if hasattr(value, "values") else tuple(value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(q, _expected(v), marks=v.marks, id=q)
        if hasattr(v, "marks")
        else pytest.param(q, v, id=q)
        for q, v in QUESTIONS.items()
    ],
)
def test_first_result_answers_the_question(reader, query: str, expected: tuple[str, ...]) -> None:
    page = reader.open("")
    box = page.get_by_role("combobox", name="Search").or_(page.locator(".md-search__input")).first
    box.click()
    # One keystroke for the whole query: Material searches on key events, so typing
    # letter by letter would leave results of a partial query on screen for a while.
    box.fill(query[:-1])
    box.press(query[-1])
    found = first_result_page(page, reader.server.base_url)
    assert found in expected, (
        f"searching {query!r}: the first result is {found or 'the home page'!r}, "
        f"expected one of {expected}"
    )


def test_there_are_at_least_twenty_questions() -> None:
    assert len(QUESTIONS) >= 20
