"""Resource limits for a sandboxed program: rlimits always, cgroups where writable.

What holds where (checked on the development machine, root in a container with
cgroup v1 memory and pids hierarchies writable):

* CPU time (``RLIMIT_CPU``, a bit above the timeout), file size (``RLIMIT_FSIZE``)
  and no core dumps: set with util-linux ``prlimit`` on the sandbox, inherited by
  every process in it. Always available.
* Memory and process count: a cgroup per run (v2 ``memory.max``/``pids.max``, or v1
  ``memory.limit_in_bytes``/``pids.max``), joined before bwrap starts. Only where
  the cgroup tree is writable (root, or a delegated systemd scope); elsewhere these
  two are *not* limited, and the result's ``limits`` says so. ``RLIMIT_AS`` is not
  used: JAX and TensorFlow reserve tens of GB of address space and fail under it;
  ``RLIMIT_NPROC`` counts every process of the user (and root ignores it).
"""

from __future__ import annotations

import contextlib
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

CGROUP_FS = Path("/sys/fs/cgroup")
MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 8 * 1024 * MiB
    pids: int = 2048  # threads count: TensorFlow starts a few hundred on a big machine
    file_bytes: int = 256 * MiB
    cpu_slack_s: float = 30.0  # CPU time allowed beyond the wall-clock timeout

    def prlimit_args(self, timeout_s: float, cores: int) -> list[str]:
        """``prlimit`` options; CPU time is per process, so allow every core."""
        prlimit = shutil.which("prlimit")
        if prlimit is None:
            return []
        cpu = int(timeout_s * max(1, cores) + self.cpu_slack_s)
        return [prlimit, f"--cpu={cpu}", f"--fsize={self.file_bytes}", "--core=0", "--"]

    def describe_rlimits(self, timeout_s: float, cores: int) -> list[str]:
        if shutil.which("prlimit") is None:
            return ["cpu/file size: not limited (prlimit from util-linux is missing)"]
        cpu = int(timeout_s * max(1, cores) + self.cpu_slack_s)
        return [f"cpu {cpu} s", f"file size {self.file_bytes // MiB} MiB"]


def _own_cgroups() -> dict[str, str]:
    """Controller (``memory``, ``pids``, or ``""`` for v2) to this process's cgroup path."""
    found: dict[str, str] = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(","):
                found[controller] = parts[2]
    return found


@dataclass
class Cgroup:
    """The cgroup folders of one run; ``procs`` are the files a new process joins by."""

    dirs: list[Path] = field(default_factory=list)
    procs: list[Path] = field(default_factory=list)
    described: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, limits: Limits) -> Cgroup:
        group = cls()
        name = f"dlcompare-{uuid.uuid4().hex[:12]}"
        own = _own_cgroups()
        settings = {
            "memory": (limits.memory_bytes, f"memory {limits.memory_bytes // MiB} MiB"),
            "pids": (limits.pids, f"processes {limits.pids}"),
        }
        unified = CGROUP_FS / "cgroup.controllers"
        v2 = unified.is_file() and set(unified.read_text().split())
        for controller, (value, label) in settings.items():
            if v2 and controller in v2 and "" in own:
                parent, files = CGROUP_FS / own[""].lstrip("/"), (f"{controller}.max",)
                kind = "cgroup v2"
            elif controller in own and (CGROUP_FS / controller).is_dir():
                parent = CGROUP_FS / controller / own[controller].lstrip("/")
                files = ("memory.limit_in_bytes",) if controller == "memory" else ("pids.max",)
                kind = "cgroup v1"
            else:
                group.described.append(f"{controller}: not limited (no cgroup controller)")
                continue
            folder = parent / name
            try:
                folder.mkdir(exist_ok=True)
                if folder not in group.dirs:
                    group.dirs.append(folder)
                for file in files:
                    (folder / file).write_text(str(value))
            except OSError as exc:
                group.described.append(f"{controller}: not limited ({kind} not writable: {exc})")
                continue
            if folder / "cgroup.procs" not in group.procs:
                group.procs.append(folder / "cgroup.procs")
            group.described.append(f"{label} ({kind})")
        return group

    def oom_killed(self) -> bool:
        """Whether the kernel killed a process of this run for exceeding its memory."""
        for folder in self.dirs:
            for name in ("memory.events", "memory.oom_control"):
                with contextlib.suppress(OSError):
                    for line in (folder / name).read_text().splitlines():
                        key, _, count = line.partition(" ")
                        if key == "oom_kill" and count.strip() not in ("", "0"):
                            return True
        return False

    def remove(self) -> None:
        """Remove the folders (empty once every process of the run is gone)."""
        for folder in self.dirs:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)  # the kernel frees a killed process's cgroup a bit later
