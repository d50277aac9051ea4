"""One cached environment per (framework release, companion set), under ``.cache/matrix/envs/``.

Companion policy (documented for readers in docs/compatibility.md): **vary one
framework at a time; everything else stays at the project's pins**, except where
the varied release itself requires otherwise (TensorFlow 2.16/2.17 need numpy<2:
pip resolves that and the environment records what it took).

How: the pins are the project's main virtual environment (``.venv``). A matrix
environment is an *overlay*: a fresh ``python -m venv`` whose site-packages holds
only the varied framework and whatever pip had to add or change for it, with a
``.pth`` file that appends the main environment's site-packages *after* its own.
Python finds the overlay's packages first, so ``keras 3.10.0`` in the overlay
shadows the pinned ``keras 3.15.1`` (``python -m venv --system-site-packages``
would not do this: it exposes the *base interpreter's* packages, not those of
``.venv``). pip, run from the overlay, installs into the overlay only; a package
it upgrades in the base is "outside environment" and is never uninstalled there.

Where the varied release breaks a pinned package (TensorFlow 2.16 takes
``ml_dtypes 0.3``; the pinned ``jax 0.10.2`` needs ``>=0.5``), ``pip check`` says so
and that pinned package is **hidden**: the overlay sees the main site-packages
through a folder of symlinks (``pins/``) that leaves the broken distributions out,
so they are simply "not installed" there, as in a fresh environment that could
not hold both. The environment records them in ``hidden``, with pip's reason.

Each environment records two lists: ``overlay`` (exactly what was installed on
top of the pins) and ``packages`` (every distribution the programs can import,
first on ``sys.path`` wins, as ``importlib.metadata`` sees it). The pinned release
of each framework needs no overlay: its environment is ``.venv`` itself.

An environment is built once; ``env.json`` in its folder marks it complete (and
holds the lists, the build time and the disk it takes). ``dlcompare matrix clean``
removes them. A failed build is recorded too, so the cells that needed it become
"not run" with pip's reason instead of being retried on every run.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: Everything the matrix keeps locally (never in git).
MATRIX_CACHE = Path(".cache/matrix")
ENVS_DIR = MATRIX_CACHE / "envs"
#: Optional folder of pre-downloaded wheels pip may take from (``pip download -d``).
WHEELHOUSE = MATRIX_CACHE / "wheels"
MARKER = "env.json"
#: A pip that cannot resolve or download a release within this gives up.
BUILD_TIMEOUT_S = 1800

#: What pip installs into the overlay for a release of each registry framework.
REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "torch": ("torch=={v}",),
    "tensorflow": ("tensorflow=={v}",),
    "keras": ("keras=={v}",),
    "jax": ("jax=={v}", "jaxlib=={v}"),
}

_LIST_SCRIPT = r"""
import importlib.metadata as m, json, sys, platform
seen = {}
paths = sys.argv[1:] or None
for d in (m.distributions(path=paths) if paths else m.distributions()):
    name = (d.metadata["Name"] or "").lower().replace("_", "-")
    if name and name not in seen:
        seen[name] = d.version
print(json.dumps({"python": platform.python_version(),
                  "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
                  "packages": sorted(f"{k}=={v}" for k, v in seen.items())}))
"""


@dataclass(frozen=True)
class EnvSpec:
    """Which release an environment varies; no requirements means "the pins" (``.venv``)."""

    framework: str
    version: str
    requirements: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.framework}-{self.version}"

    @property
    def is_base(self) -> bool:
        return not self.requirements


def spec_for(framework: str, version: str, pinned: str | None) -> EnvSpec:
    """The environment for ``framework version``: the main venv when it is the pin."""
    if version == pinned:
        return EnvSpec(framework, version)
    return EnvSpec(framework, version, tuple(r.format(v=version) for r in REQUIREMENTS[framework]))


@dataclass
class BuiltEnv:
    """A ready (or failed) environment and what it holds."""

    name: str
    framework: str
    version: str
    interpreter: str  # the python that runs the programs
    python: str = ""
    platform: str = ""
    requirements: list[str] = field(default_factory=list)
    overlay: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    build_s: float = 0.0
    disk_bytes: int = 0
    error: str = ""  # why the build failed; the cells become "not run"
    hidden: list[str] = field(default_factory=list)  # pinned packages left out, with why
    conflicts: list[str] = field(default_factory=list)  # pip check lines left as they are

    @property
    def ok(self) -> bool:
        return not self.error

    def fingerprint(self) -> str:
        """Changes whenever anything a program could import changes."""
        text = json.dumps([self.python, self.platform, self.packages, self.error, self.hidden])
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def version_of(self, package: str) -> str | None:
        prefix = package.lower().replace("_", "-") + "=="
        for line in self.packages:
            if line.startswith(prefix):
                return line[len(prefix) :]
        return None


def base_python(root: Path) -> Path:
    """The main environment's interpreter (the pins); ``sys.executable`` outside one.

    ``DLCOMPARE_MATRIX_BASE_PYTHON`` names another one (tests use it for scratch trees).
    """
    chosen = os.environ.get("DLCOMPARE_MATRIX_BASE_PYTHON")
    if chosen:
        return Path(chosen)
    candidate = root / ".venv" / "bin" / "python"
    return candidate if candidate.exists() else Path(sys.executable)


def _site_packages(python: Path) -> str:
    done = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def describe(python: Path, only: str | None = None) -> dict[str, object]:
    """Python version, platform and ``name==version`` of every importable distribution."""
    done = subprocess.run(
        [str(python), "-c", _LIST_SCRIPT, *([only] if only else [])],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    data: dict[str, object] = json.loads(done.stdout)
    return data


def pip_env() -> dict[str, str]:
    """pip's environment for a build: the machine's pip config (and its caps) lifted.

    Only the env-building subprocess sees this; the main venv keeps its constraints.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_CONSTRAINT")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def disk_usage(path: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += (Path(folder) / name).lstat().st_size
            except OSError:
                continue
    return total


def env_dir(root: Path, spec: EnvSpec) -> Path:
    return root / ENVS_DIR / spec.name


def load_built(root: Path, spec: EnvSpec) -> BuiltEnv | None:
    marker = env_dir(root, spec) / MARKER
    if not marker.is_file():
        return None
    built = BuiltEnv(**json.loads(marker.read_text(encoding="utf-8")))
    # The folder may have been recorded relative to another working directory.
    built.interpreter = str((env_dir(root, spec) / "bin" / "python").absolute())
    return built


def ensure(root: Path, spec: EnvSpec, *, log: Path | None = None) -> BuiltEnv:
    """The environment for ``spec``: the recorded one, else built now (once)."""
    base = base_python(root)
    if spec.is_base:
        info = describe(base)
        return BuiltEnv(
            name=spec.name,
            framework=spec.framework,
            version=spec.version,
            interpreter=str(base),
            python=str(info["python"]),
            platform=str(info["platform"]),
            packages=list(info["packages"]),  # type: ignore[call-overload]
        )
    built = load_built(root, spec)
    if built is not None and not pins_current(root, spec, built):
        built = rehide(root, spec)  # the main venv changed since: look at it again
    if built is not None:
        return built
    lock = root / ENVS_DIR / f"{spec.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # two runs never build the same environment
        built = load_built(root, spec)
        return built if built is not None else build(root, spec, base, log=log)


def build(root: Path, spec: EnvSpec, base: Path, *, log: Path | None = None) -> BuiltEnv:
    """Create the overlay venv for ``spec`` and pip-install its requirements into it."""
    folder = env_dir(root, spec)
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    python = (folder / "bin" / "python").absolute()
    result = BuiltEnv(
        name=spec.name,
        framework=spec.framework,
        version=spec.version,
        interpreter=str(python),
        requirements=list(spec.requirements),
    )
    logpath = log or folder.parent / f"{spec.name}.log"
    logfile = logpath.open("a", encoding="utf-8")
    try:
        subprocess.run(
            [str(base), "-m", "venv", "--without-pip", str(folder)],
            check=True,
            stdout=logfile,
            stderr=subprocess.STDOUT,
        )
        own_site = _site_packages(python)
        base_site = _site_packages(base)
        link_pins(folder, own_site, base_site, set())
        wheelhouse = root / WHEELHOUSE
        extra = ["--find-links", str(wheelhouse)] if wheelhouse.is_dir() else []
        # The Makefile's TORCH_INDEX (PyTorch's CPU index on GitHub's runners).
        if index := os.environ.get("TORCH_INDEX"):
            extra += ["--extra-index-url", index]
        command = [str(python), "-m", "pip", "install", "--progress-bar", "off", *extra]
        logfile.write(f"$ {' '.join(command + list(spec.requirements))}\n")
        logfile.flush()
        done = subprocess.run(
            [*command, *spec.requirements],
            env=pip_env(),
            stdout=logfile,
            stderr=subprocess.STDOUT,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            result.error = _pip_reason(logpath)
        else:
            post_install(result, folder, python, own_site, base_site)
            info = describe(python)
            result.python = str(info["python"])
            result.platform = str(info["platform"])
            result.packages = list(info["packages"])  # type: ignore[call-overload]
            result.overlay = list(describe(python, only=own_site)["packages"])  # type: ignore[call-overload]
    except (OSError, subprocess.SubprocessError) as exc:
        result.error = f"could not build the environment: {exc}"
    finally:
        logfile.close()
    result.build_s = round(time.monotonic() - start, 1)
    result.disk_bytes = disk_usage(folder) if folder.exists() else 0
    if folder.exists():
        (folder / MARKER).write_text(json.dumps(asdict(result), indent=1), encoding="utf-8")
    return result


_PIP_CHECK = re.compile(r"^(?P<name>\S+) \S+ (?:has requirement|requires) ")


def _skipped(base_site: str, hidden: set[str]) -> set[str]:
    """Entries of the main site-packages that belong to the ``hidden`` distributions."""
    skip = set()
    for dist_info in Path(base_site).glob("*.dist-info"):
        name = dist_info.name.split("-")[0].lower().replace("_", "-")
        if name not in hidden:
            continue
        skip.add(dist_info.name)
        record = dist_info / "RECORD"
        lines = record.read_text(encoding="utf-8").splitlines() if record.is_file() else []
        for line in lines:
            top = line.split(",", 1)[0].split("/", 1)[0]
            if top and not top.startswith(".."):
                skip.add(top)
    return skip


def link_pins(folder: Path, own_site: str, base_site: str, hidden: set[str]) -> None:
    """Point the overlay at the main site-packages, minus the ``hidden`` distributions."""
    mirror = folder / "pins"
    shutil.rmtree(mirror, ignore_errors=True)
    mirror.mkdir()
    skip = _skipped(base_site, hidden)
    for entry in sorted(Path(base_site).iterdir()):
        if entry.name not in skip:
            (mirror / entry.name).symlink_to(entry)
    Path(own_site, "_dlcompare_pins.pth").write_text(
        f"import site; site.addsitedir({str(mirror)!r})\n", encoding="utf-8"
    )


def pip_check(python: Path) -> list[str]:
    done = subprocess.run(
        [str(python), "-m", "pip", "check"], capture_output=True, text=True, env=pip_env(),
        check=False,
    )  # fmt: skip
    return [line.strip() for line in done.stdout.splitlines() if _PIP_CHECK.match(line)]


#: Frameworks whose environments keep every pin visible (see :func:`post_install`).
KEEP_PINS = frozenset({"keras"})


def post_install(
    built: BuiltEnv, folder: Path, python: Path, own_site: str, base_site: str
) -> None:
    """Hide the pins the overlay broke, except in Keras environments.

    A Keras line keeps the pinned backends (TensorFlow 2.21 declares keras>=3.12,
    yet hiding it would turn every TF-backend cell of Keras 3.8-3.11 into "no
    module named tensorflow"); the declared conflict is recorded in ``conflicts``.
    """
    if built.framework in KEEP_PINS:
        built.conflicts = pip_check(python)
        return
    built.hidden = hide_broken_pins(folder, python, own_site, base_site)
    built.conflicts = pip_check(python)


def hide_broken_pins(folder: Path, python: Path, own_site: str, base_site: str) -> list[str]:
    """Hide pinned packages that the overlay broke, until ``pip check`` is clean."""
    own = {line.split("==")[0] for line in describe(python, only=own_site)["packages"]}  # type: ignore[attr-defined]
    hidden: dict[str, str] = {}
    for _round in range(6):
        broken: dict[str, str] = {}
        for line in pip_check(python):
            match = _PIP_CHECK.match(line)
            name = match["name"].lower().replace("_", "-") if match else ""
            if name and name not in own and name not in hidden:
                broken.setdefault(name, line.strip())
        if not broken:
            break
        hidden.update(broken)
        link_pins(folder, own_site, base_site, set(hidden))
    return [f"{name}: {why}" for name, why in sorted(hidden.items())]


def pins_current(root: Path, spec: EnvSpec, built: BuiltEnv) -> bool:
    """Whether the overlay's ``pins/`` still mirrors the main site-packages entry for entry."""
    if not built.ok:
        return True
    mirror = env_dir(root, spec) / "pins"
    if not mirror.is_dir():
        return False
    links = list(mirror.iterdir())
    if any(not link.exists() for link in links):  # a target vanished (reinstalled venv)
        return False
    base_site = _site_packages(base_python(root))
    hidden = {h.split(":", 1)[0] for h in built.hidden}
    expected = {e.name for e in Path(base_site).iterdir()} - _skipped(base_site, hidden)
    return {link.name for link in links} == expected


def rehide(root: Path, spec: EnvSpec) -> BuiltEnv | None:
    """Re-apply the pins link (and hiding) to an environment built before it existed."""
    built = load_built(root, spec)
    if built is None or not built.ok:
        return built
    folder = env_dir(root, spec)
    python = Path(built.interpreter)
    own_site, base_site = _site_packages(python), _site_packages(base_python(root))
    link_pins(folder, own_site, base_site, set())
    built.hidden = []
    post_install(built, folder, python, own_site, base_site)
    built.packages = list(describe(python)["packages"])  # type: ignore[call-overload]
    (folder / MARKER).write_text(json.dumps(asdict(built), indent=1), encoding="utf-8")
    return built


def _pip_reason(log: Path) -> str:
    """pip's own first ERROR line: why the release cannot be installed here."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "pip failed (no log)"
    errors = [line.strip() for line in lines if line.startswith("ERROR:")]
    return (errors[0] if errors else "pip failed")[:300]


def clean(root: Path, names: list[str] | None = None) -> list[str]:
    """Remove cached environments (all, or those named); return what was removed."""
    folder = root / ENVS_DIR
    if not folder.is_dir():
        return []
    removed = []
    for child in sorted(folder.iterdir()):
        stem = child.name.removesuffix(".log").removesuffix(".lock")
        if names and stem not in names:
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
        removed.append(child.name)
    return removed
