"""One hermetic process runner for every program the project executes.

Examples (``dlcompare run``), fact checks, notebooks and benchmarks are all clients
of the same API: describe a :class:`ProcessJob`, get a :class:`ProcessResult` back
from :func:`run`. Every run happens in a bubblewrap sandbox (no network, read-only
filesystem, own PID namespace, fresh working directory, resource limits, bounded
output) unless the caller explicitly asks for ``sandbox="none"``.
"""

from __future__ import annotations

from dlcompare.executor.execute import (
    Ended,
    ProcessJob,
    ProcessResult,
    program_env,
    run,
    run_program,
)
from dlcompare.executor.sandbox import SandboxMode, SandboxUnavailable, default_mode

__all__ = [
    "Ended",
    "ProcessJob",
    "ProcessResult",
    "SandboxMode",
    "SandboxUnavailable",
    "default_mode",
    "program_env",
    "run",
    "run_program",
]
