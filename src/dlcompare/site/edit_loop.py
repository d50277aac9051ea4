"""Edit-to-reload time under ``mkdocs serve``, with the build cache off and on.

``dlcompare edit-loop`` copies the project to a scratch folder (the checkout is never
edited), starts the real ``mkdocs serve`` there with livereload, and for each kind of
edit — one line of prose on a page, a data file, an example program — writes the
edit and waits for what a browser waits for: livereload's long poll answering with
a newer build. For prose it also fetches the page and checks the new line is on it.
Each edit is undone afterwards (that rebuild is waited for, not counted). The same
run measures ``DLCOMPARE_BUILD_CACHE=off`` and ``on`` one after the other, so the two
medians come from the same machine in the same state.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DESCRIPTION = "Edit-to-reload seconds under mkdocs serve, build cache off and on."

#: What is copied: everything a build reads (src/ for the hooks mkdocs.yml names).
COPIED = ("mkdocs.yml", "docs", "data", "snippets", "src", "includes", ".cache/dlcompare")


@dataclass(frozen=True)
class Edit:
    """One kind of edit: which file, what line is appended, and what page shows it."""

    kind: str
    path: str
    line: str  # ``{n}`` becomes the repetition's number
    page: str | None = None  # a site path whose HTML must contain the line's text


EDITS = (
    Edit("prose", "docs/faq.md", "\nEdit-loop probe {n}: one more sentence.\n", "faq/"),
    Edit("data", "data/facts/history.yaml", "# edit-loop probe {n}\n"),
    Edit("program", "snippets/tensors/pytorch.py", "# edit-loop probe {n}\n"),
)


@dataclass
class Result:
    mode: str
    kind: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def copy_project(root: Path, dest: Path) -> Path:
    """The parts of ``root`` a build reads, copied under ``dest``."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for rel in COPIED:
        source = root / rel
        if source.is_dir():
            shutil.copytree(source, dest / rel, ignore=skip)
        elif source.is_file():
            dest.joinpath(rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """A running ``mkdocs serve`` of ``project`` and the livereload epoch it shows."""

    def __init__(self, project: Path, mode: str, mount: str, timeout: float) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.mount = mount
        self.timeout = timeout
        package_src = Path(__file__).resolve().parents[2]  # the dlcompare being measured
        env = {
            **os.environ,
            "DLCOMPARE_BUILD_CACHE": mode,
            "PYTHONPATH": os.pathsep.join(
                [str(package_src), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        }
        self.log = (project / f"serve-{mode}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.epoch = self._wait_until_up()

    def _get(self, path: str, timeout: float) -> str:
        with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
            return str(response.read().decode("utf-8", "replace"))

    def _wait_until_up(self) -> int:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited: see {self.log.name}")
            try:
                return int(self._get("/livereload/0/0", timeout=5))
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        raise TimeoutError(f"mkdocs serve did not come up in {self.timeout:.0f} s")

    def wait_for_reload(self) -> float:
        """Block until livereload announces a newer build, as a browser's long poll does."""
        start = time.monotonic()
        while time.monotonic() - start < self.timeout:
            answer = int(self._get(f"/livereload/{self.epoch}/1", timeout=self.timeout))
            if answer > self.epoch:
                self.epoch = answer
                return time.monotonic()
        raise TimeoutError(f"no reload within {self.timeout:.0f} s: see {self.log.name}")

    def page(self, site_path: str) -> str:
        return self._get(self.mount + site_path, timeout=self.timeout)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def time_edit(server: Served, project: Path, edit: Edit, n: int) -> float:
    """Seconds from writing ``edit`` to the reload that shows it; the edit is then undone."""
    path = project / edit.path
    original = path.read_bytes()
    line = edit.line.format(n=n)
    start = time.monotonic()
    path.write_bytes(original + line.encode())
    end = server.wait_for_reload()
    if edit.page is not None:
        probe = line.strip().split(":")[0]
        while probe not in server.page(edit.page):  # a rebuild that began before the edit
            end = server.wait_for_reload()
    path.write_bytes(original)
    server.wait_for_reload()
    return end - start


@contextmanager
def serving(project: Path, mode: str, mount: str, timeout: float) -> Iterator[Served]:
    server = Served(project, mode, mount, timeout)
    try:
        yield server
    finally:
        server.stop()


def measure(
    root: Path, *, repeats: int, kinds: list[str], modes: list[str], timeout: float
) -> list[Result]:
    """Every (mode, kind) timed ``repeats`` times, in a scratch copy of ``root``."""
    from dlcompare import mkdocs_config
    from dlcompare.site.serve import base_path_for

    mount = base_path_for(mkdocs_config.site_url(root))
    edits = [e for e in EDITS if e.kind in kinds]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="dlcompare-edit-loop-") as tmp:
        project = copy_project(root, Path(tmp))
        for mode in modes:
            with serving(project, mode, mount, timeout) as server:
                for edit in edits:
                    result = Result(mode, edit.kind)
                    for n in range(repeats):
                        result.seconds.append(time_edit(server, project, edit, n))
                        print(f"  cache {mode:3} {edit.kind:7} {result.seconds[-1]:6.2f} s")
                    results.append(result)
    return results


def report(results: list[Result]) -> str:
    """A Markdown table: median (min–max) seconds per edit kind, cache off and on."""
    kinds = list(dict.fromkeys(r.kind for r in results))
    modes = list(dict.fromkeys(r.mode for r in results))
    by = {(r.mode, r.kind): r for r in results}
    lines = [
        "| Edit | " + " | ".join(f"cache {m}: median (min–max) s" for m in modes) + " |",
        "|---" * (1 + len(modes)) + "|",
    ]
    for kind in kinds:
        cells = []
        for mode in modes:
            r = by[(mode, kind)]
            cells.append(f"{r.median:.2f} ({min(r.seconds):.2f}–{max(r.seconds):.2f})")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeats", type=int, default=3, help="edits per kind and mode")
    parser.add_argument(
        "--kinds", default=",".join(e.kind for e in EDITS), help="comma-separated edit kinds"
    )
    parser.add_argument("--modes", default="off,on", help="DLCOMPARE_BUILD_CACHE values")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per wait")
    parser.add_argument("--json", type=Path, help="also write the raw samples here")


def run(args: argparse.Namespace) -> int:
    from dlcompare.paths import find_root

    root = find_root()
    kinds = [k for k in args.kinds.split(",") if k]
    modes = [m for m in args.modes.split(",") if m]
    load = os.getloadavg()[0]
    results = measure(root, repeats=args.repeats, kinds=kinds, modes=modes, timeout=args.timeout)
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    print(f"\nedit -> reload under mkdocs serve, {when}, {os.cpu_count()} CPUs, load {load:.1f}")
    print(report(results))
    if args.json:
        raw: dict[str, Any] = {
            "measured": when,
            "cpus": os.cpu_count(),
            "load_at_start": load,
            "results": [
                {"mode": r.mode, "kind": r.kind, "median": r.median, "seconds": r.seconds}
                for r in results
            ],
        }
        args.json.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dlcompare edit-loop", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
