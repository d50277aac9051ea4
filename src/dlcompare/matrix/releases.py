"""The release registry: ``data/releases/<framework>.yaml``, refreshed from PyPI.

One file per framework (``torch``, ``tensorflow``, ``keras``, ``jax``: PyPI names),
one entry per minor release line (``2.15``), newest first. Everything in it is
computed from PyPI's JSON API by ``dlcompare releases refresh`` and committed; the
only hand-kept field is ``tested`` (whether the matrix measures the line), which a
refresh preserves.

Status, as this project defines it (PyPI has no such field; the rules are ours, so
they can be computed and re-checked):

* ``current``: the newest line that has a final (non pre-release) version;
* ``supported``: an older line that published a release in the
  :data:`SUPPORT_WINDOW_DAYS` days before the refresh (it is still being patched);
* ``retired``: an older line without a release in that window;
* ``release-candidate``: a line with only pre-releases so far (``2.22.0rc0``).

``python`` is the CPython versions the newest patch ships wheels for (the ``cp3XX``
tags of its wheels; for jax, those of the jaxlib release of the same version); it
is empty for pure-Python packages (Keras), whose range is ``requires_python`` alone.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict, Field, model_validator

from dlcompare.facts.loader import validate
from dlcompare.validation import Problem
from dlcompare.yamlio import YamlError, load_yaml_with_lines

ReleaseStatus = Literal["current", "supported", "retired", "release-candidate"]
RELEASES_DIR = Path("data/releases")
SUPPORT_WINDOW_DAYS = 180
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
#: The oldest line each registry keeps (older lines predate what the site covers).
OLDEST_LINE: dict[str, str] = {"torch": "2.0", "tensorflow": "2.12", "keras": "3.0", "jax": "0.4"}
_CP_TAG = re.compile(r"-cp3(\d+)-")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReleaseLine(_Strict):
    line: str = Field(pattern=r"^\d+\.\d+$", description="major.minor, e.g. 2.15")
    status: ReleaseStatus
    released: date | None = Field(description="date of the line's first final release")
    first: str | None = Field(description="first final version, e.g. 2.15.0")
    newest: str = Field(description="newest version (final, or pre-release for a candidate)")
    newest_released: date
    requires_python: str = ""
    python: list[str] = Field(default_factory=list, description="CPython versions, e.g. 3.11")
    versions: list[str] = Field(description="every version of the line on PyPI, newest first")
    tested: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> ReleaseLine:
        for version in self.versions:
            try:
                parsed = Version(version)
            except InvalidVersion:
                raise ValueError(f"{version!r} is not a version") from None
            if f"{parsed.major}.{parsed.minor}" != self.line:
                raise ValueError(f"version {version} does not belong to line {self.line}")
        if self.newest not in self.versions:
            raise ValueError(f"newest {self.newest} is not listed in versions")
        return self


class ReleaseFile(_Strict):
    framework: Literal["torch", "tensorflow", "keras", "jax"]
    package: str
    source: str
    refreshed: date
    lines: list[ReleaseLine]

    def versions(self) -> set[str]:
        return {v for line in self.lines for v in line.versions}

    def line_of(self, version: str) -> ReleaseLine | None:
        for line in self.lines:
            if version in line.versions:
                return line
        return None


# --------------------------------------------------------------------- loading


def load_registry(root: Path) -> tuple[dict[str, ReleaseFile], list[Problem]]:
    """Every ``data/releases/*.yaml``, validated; problems carry ``file:line``."""
    files: dict[str, ReleaseFile] = {}
    problems: list[Problem] = []
    for path in sorted((root / RELEASES_DIR).glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        try:
            data, lines = load_yaml_with_lines(path, rel)
        except YamlError as exc:
            file, line, message = str(exc).split(":", 2)
            problems.append(Problem(file, int(line), message.strip(), rule="releases"))
            continue
        model, found = validate(ReleaseFile, data, lines, rel)
        problems.extend(found)
        if model is None:
            continue
        if model.framework != path.stem:
            problems.append(
                Problem(rel, 1, f"framework {model.framework!r} in {path.name}: rename the "
                        f"file to {model.framework}.yaml", rule="releases")
            )  # fmt: skip
        files[model.framework] = model
    return files, problems


# --------------------------------------------------------------------- refresh


def _line_of(version: Version) -> str:
    return f"{version.major}.{version.minor}"


def _uploaded(files: list[dict[str, Any]]) -> date:
    return min(datetime.fromisoformat(f["upload_time"]).date() for f in files)


def _pythons(files: list[dict[str, Any]]) -> list[str]:
    tags = {int(m[1]) for f in files if (m := _CP_TAG.search(f["filename"]))}
    return [f"3.{minor}" for minor in sorted(tags)]


def lines_from_pypi(
    framework: str,
    project: dict[str, Any],
    today: date,
    *,
    binary_files: dict[str, list[dict[str, Any]]] | None = None,
    previous: ReleaseFile | None = None,
) -> list[ReleaseLine]:
    """Release lines from PyPI's project JSON (pure: tested on synthetic JSON).

    ``binary_files`` is the ``releases`` map of a companion binary package (jaxlib
    for jax) whose wheel tags say which CPythons a pure-Python release runs on;
    ``previous`` supplies the hand-kept ``tested`` flags.
    """
    oldest = Version(OLDEST_LINE.get(framework, "0.0"))
    grouped: dict[str, list[tuple[Version, str, list[dict[str, Any]]]]] = defaultdict(list)
    for text, files in project["releases"].items():
        live = [f for f in files if not f.get("yanked")]
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if not live or version.is_devrelease or Version(_line_of(version)) < oldest:
            continue
        grouped[_line_of(version)].append((version, text, live))
    tested = {line.line: line.tested for line in previous.lines} if previous else {}
    ordered = sorted(grouped, key=Version, reverse=True)
    current_seen = False
    result = []
    for name in ordered:
        items = sorted(grouped[name], reverse=True)
        finals = [i for i in items if not i[0].is_prerelease]
        newest = finals[0] if finals else items[0]
        newest_date = _uploaded(newest[2])
        last_activity = max(_uploaded(i[2]) for i in items)
        if not finals:
            status: ReleaseStatus = "release-candidate"
        elif not current_seen:
            status, current_seen = "current", True
        elif (today - last_activity).days <= SUPPORT_WINDOW_DAYS:
            status = "supported"
        else:
            status = "retired"
        first = min(finals) if finals else None
        result.append(
            ReleaseLine(
                line=name,
                status=status,
                released=_uploaded(first[2]) if first else None,
                first=first[1] if first else None,
                newest=newest[1],
                newest_released=newest_date,
                requires_python=str(newest[2][0].get("requires_python") or ""),
                python=_pythons(newest[2] + (binary_files or {}).get(newest[1], [])),
                versions=[i[1] for i in items],
                tested=tested.get(name, status in ("current",)),
            )
        )
    return result


def _get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=60) as response:
        data: dict[str, Any] = json.load(response)
    return data


def _dump_yaml(model: ReleaseFile) -> str:
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = None
    yaml.width = 100
    buffer = StringIO()
    buffer.write(
        "# Generated by `dlcompare releases refresh` from PyPI; only `tested` is kept by hand.\n"
        "# Status rules: src/dlcompare/matrix/releases.py and data/releases/README.md.\n"
    )
    yaml.dump(model.model_dump(mode="json"), buffer)
    return buffer.getvalue()


def refresh(root: Path, frameworks: list[str], today: date | None = None) -> list[Path]:
    """Rewrite ``data/releases/<framework>.yaml`` from PyPI (needs the network)."""
    today = today or date.today()
    existing, _ = load_registry(root)
    written = []
    package_of = {"tensorflow": "tensorflow"}
    for framework in frameworks:
        package = package_of.get(framework, framework)
        project = _get_json(PYPI_JSON.format(name=package))
        binary = None
        if framework == "jax":  # jax is pure Python; jaxlib's wheels say which CPythons
            binary = _get_json(PYPI_JSON.format(name="jaxlib"))["releases"]
        lines = lines_from_pypi(
            framework, project, today, binary_files=binary, previous=existing.get(framework)
        )
        model = ReleaseFile(
            framework=framework,  # type: ignore[arg-type]
            package=package,
            source=f"https://pypi.org/project/{package}/#history",
            refreshed=today,
            lines=lines,
        )
        path = root / RELEASES_DIR / f"{framework}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump_yaml(model), encoding="utf-8")
        written.append(path)
    return written
