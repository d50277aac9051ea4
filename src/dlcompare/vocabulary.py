"""The project's one vocabulary: frameworks, Keras backends, devices, run statuses.

Every list and label a renderer, the runner or a test needs comes from here, so a
new backend or status is added in one place and mypy finds every ``match`` that
forgot it. Values are plain strings (``Literal``), because they are also file names
(``data/runs/cpu/…/keras-jax.json``) and YAML keys.
"""

from __future__ import annotations

from typing import Literal, get_args

#: The frameworks the site compares, in the order tabs and table columns use.
Framework = Literal["pytorch", "tensorflow", "keras"]
FRAMEWORKS: tuple[Framework, ...] = get_args(Framework)
FRAMEWORK_LABELS: dict[Framework, str] = {
    "pytorch": "PyTorch",
    "tensorflow": "TensorFlow",
    "keras": "Keras",
}
#: The top-level module each framework's programs import: the skip guard's evidence
#: that a run really used its framework (``dlcompare.snippets.skip_guard``).
FRAMEWORK_MODULES: dict[Framework, str] = {
    "pytorch": "torch",
    "tensorflow": "tensorflow",
    "keras": "keras",
}

#: The Keras 3 backends; the value is what ``KERAS_BACKEND`` takes.
Backend = Literal["tensorflow", "torch", "jax"]
KERAS_BACKENDS: tuple[Backend, ...] = get_args(Backend)
BACKEND_LABELS: dict[Backend, str] = {
    "tensorflow": "TensorFlow",
    "torch": "PyTorch",
    "jax": "JAX",
}
#: The package each Keras backend runs on: what ``KERAS_BACKEND=<backend>`` imports.
BACKEND_MODULES: dict[Backend, str] = {"tensorflow": "tensorflow", "torch": "torch", "jax": "jax"}
#: Every framework module a run's exit probe reports as imported (or not).
FRAMEWORK_IMPORTS: tuple[str, ...] = tuple(
    sorted({*FRAMEWORK_MODULES.values(), *BACKEND_MODULES.values()})
)

#: Devices a run can ask for; ``cuda`` means "an NVIDIA GPU must really be used".
Device = Literal["cpu", "cuda"]
DEVICES: tuple[Device, ...] = get_args(Device)
DEVICE_LABELS: dict[Device, str] = {"cpu": "CPU", "cuda": "GPU"}

#: How a run ended, as the judge decides it (see ``dlcompare.snippets``).
RunStatus = Literal["passed", "failed", "timeout", "warnings", "no-gpu"]
RUN_STATUSES: tuple[RunStatus, ...] = get_args(RunStatus)
#: One glyph and a plain word for each status: terminal summary, reports and badges.
STATUS_GLYPHS: dict[RunStatus, str] = {
    "passed": "✓",
    "failed": "✗",
    "timeout": "⏱",
    "warnings": "⚠",
    "no-gpu": "∅",
}
STATUS_WORDS: dict[RunStatus, str] = {
    "passed": "passed",
    "failed": "failed",
    "timeout": "timeout",
    "warnings": "blocking warning",
    "no-gpu": "GPU unused",
}


def keras_label(backend: Backend) -> str:
    """``Keras · JAX``: how a Keras run on one backend is named to readers."""
    return f"{FRAMEWORK_LABELS['keras']} · {BACKEND_LABELS[backend]}"
