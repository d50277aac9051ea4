"""The GPU lock (``requirements/gpu.txt``): parsed, and checked against the project's pins.

The CPU suite and the GPU suite must run the same releases, or a GPU record would
describe other code than the CPU record beside it. So every pin in the lock has the
public version pyproject.toml pins in ``[frameworks]``; only the build may differ
(``torch==2.13.0+cu126`` against ``torch==2.13.0``), and the lock must really ask for
the CUDA builds (the torch CUDA wheel, ``tensorflow[and-cuda]``, ``jax[cuda12]``).
:func:`installed_problems` then compares the lock with what this interpreter has, so
a GPU run on a CPU build is named before the suite starts rather than after it.
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

GPU_LOCK = Path("requirements/gpu.txt")
PYPROJECT = Path("pyproject.toml")
#: The pyproject extra whose pins the lock must agree with.
FRAMEWORKS_EXTRA = "frameworks"
#: Plugins the lock adds that must be the same release as another pin.
SAME_RELEASE_AS = {"jax-cuda12-plugin": "jaxlib", "jax-cuda12-pjrt": "jaxlib"}
#: pip options a lock may use (anything else would change the install behind our back).
ALLOWED_OPTIONS = ("--extra-index-url",)


class LockError(ValueError):
    """The lock cannot be read; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Pin:
    name: str  # canonical (PEP 503) name
    version: str  # as pinned, with any local build label (2.13.0+cu126)
    extras: frozenset[str]
    line: int

    @property
    def public(self) -> str:
        return Version(self.version).public


@dataclass(frozen=True)
class Lock:
    pins: dict[str, Pin]
    index_urls: tuple[str, ...]


def parse_lock(root: Path) -> Lock:
    """Every ``name[extras]==version`` line and index option of the lock."""
    path = root / GPU_LOCK
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LockError(f"{GPU_LOCK}: cannot be read ({exc.strerror})") from None
    pins: dict[str, Pin] = {}
    urls: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        where = f"{GPU_LOCK}:{number}"
        if line.startswith("-"):
            option, _, value = line.partition(" ")
            if option not in ALLOWED_OPTIONS or not value.strip():
                raise LockError(
                    f"{where}: only {', '.join(ALLOWED_OPTIONS)} <url> may appear as an option"
                )
            urls.append(value.strip())
            continue
        pin = _pin(where, line, number)
        if pin.name in pins:
            raise LockError(f"{where}: {pin.name} is already pinned on line {pins[pin.name].line}")
        pins[pin.name] = pin
    if not pins:
        raise LockError(f"{GPU_LOCK}: pins nothing; it must pin the CUDA builds of the frameworks")
    return Lock(pins, tuple(urls))


def _pin(where: str, line: str, number: int) -> Pin:
    try:
        requirement = Requirement(line)
    except InvalidRequirement as exc:
        raise LockError(f"{where}: not a requirement ({exc})") from None
    specs = list(requirement.specifier)
    if len(specs) != 1 or specs[0].operator != "==" or requirement.marker or requirement.url:
        raise LockError(f"{where}: pin one exact version, e.g. 'torch==2.13.0+cu126', not {line!r}")
    try:
        Version(specs[0].version)
    except InvalidVersion:
        raise LockError(f"{where}: {specs[0].version!r} is not a version") from None
    return Pin(
        canonicalize_name(requirement.name),
        specs[0].version,
        frozenset(requirement.extras),
        number,
    )


def project_pins(root: Path) -> dict[str, str]:
    """``name -> version`` of the ``[frameworks]`` extra in pyproject.toml."""
    data = tomllib.loads((root / PYPROJECT).read_text(encoding="utf-8"))
    entries = data["project"]["optional-dependencies"][FRAMEWORKS_EXTRA]
    pins: dict[str, str] = {}
    for entry in entries:
        requirement = Requirement(entry)
        for spec in requirement.specifier:
            if spec.operator == "==":
                pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def plan_problems(root: Path, lock: Lock) -> list[str]:
    """Where the lock disagrees with pyproject.toml or does not ask for the CUDA builds."""
    project = project_pins(root)
    problems = []
    for pin in lock.pins.values():
        where = f"{GPU_LOCK}:{pin.line}"
        if pin.name in project and pin.public != Version(project[pin.name]).public:
            problems.append(
                f"{where}: {pin.name}=={pin.version}, but pyproject.toml pins "
                f"{pin.name}=={project[pin.name]}; the GPU lock must pin the same release"
            )
        same_as = SAME_RELEASE_AS.get(pin.name)
        if same_as and same_as in project and pin.public != Version(project[same_as]).public:
            problems.append(
                f"{where}: {pin.name}=={pin.version} must be the release of {same_as} "
                f"({project[same_as]})"
            )
    return problems + _cuda_build_problems(lock)


def _cuda_build_problems(lock: Lock) -> list[str]:
    pins = lock.pins
    problems = []
    torch = pins.get("torch")
    local = Version(torch.version).local if torch else None
    if torch is None or not (local or "").startswith("cu"):
        problems.append(
            f"{GPU_LOCK}: pin torch's CUDA build, e.g. torch==2.13.0+cu126 (a CPU or PyPI torch "
            "is not the build the lock is for)"
        )
    elif not any(url.rstrip("/").endswith(f"/whl/{local}") for url in lock.index_urls):
        problems.append(
            f"{GPU_LOCK}:{torch.line}: torch=={torch.version} comes from PyTorch's {local} index: "
            f"add '--extra-index-url https://download.pytorch.org/whl/{local}'"
        )
    tensorflow = pins.get("tensorflow")
    if tensorflow is None or "and-cuda" not in tensorflow.extras:
        problems.append(
            f"{GPU_LOCK}: pin tensorflow[and-cuda] (without the extra TensorFlow brings no CUDA "
            "libraries and runs on the CPU)"
        )
    jax = pins.get("jax")
    if jax is None or not any(extra.startswith("cuda") for extra in jax.extras):
        problems.append(
            f"{GPU_LOCK}: pin jax[cuda12] (without the extra JAX has no CUDA plugin and runs on "
            "the CPU)"
        )
    return problems


def installed_problems(lock: Lock) -> list[str]:
    """Where this interpreter's packages differ from the lock (the lock was not installed)."""
    problems = []
    for pin in lock.pins.values():
        try:
            have = importlib.metadata.version(pin.name)
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"{pin.name}=={pin.version} is not installed: run `make setup-gpu`")
            continue
        if Version(have) != Version(pin.version):
            problems.append(
                f"{pin.name} {have} is installed, the GPU lock pins {pin.version}: run "
                "`make setup-gpu`"
            )
            continue
        problems += _missing_extras(pin)
    return problems


def _missing_extras(pin: Pin) -> list[str]:
    """Requirements that the pin's extras add (``and-cuda``'s nvidia-* packages) but are absent."""
    missing = []
    for entry in importlib.metadata.requires(pin.name) or ():
        requirement = Requirement(entry)
        marker = requirement.marker
        if marker is None or not any(marker.evaluate({"extra": e}) for e in pin.extras):
            continue
        if marker.evaluate({"extra": ""}):
            continue  # required without the extra too: not the extra's business
        try:
            importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(requirement.name)
    if not missing:
        return []
    extras = ",".join(sorted(pin.extras))
    names = sorted(set(missing))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return [f"{pin.name}[{extras}] lacks {shown}: run `make setup-gpu`"]
