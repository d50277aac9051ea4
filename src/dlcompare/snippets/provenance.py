"""Where a recorded run's program can be seen: the git commit that holds it, the CI run.

A badge links to the program "at that commit", which must be the program that ran:
the record stores the sha256 of the source it ran, so the commit is found by
content, not assumed: the newest commit in which the file has exactly that hash.
A shallow clone (CI checks out one commit) can only offer ``HEAD``; it is used when
its copy of the file matches, and otherwise no commit link is given rather than a
wrong one. Everything here reads git through subprocesses and never fails a build:
no git, no repository or a file git does not know all mean "no commit".
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Mapping
from functools import cache
from pathlib import Path

#: How many commits of one file's history are searched for the recorded source.
MAX_COMMITS = 50


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


@cache
def head_commit(root: Path) -> str | None:
    """The commit being built: ``GITHUB_SHA`` in GitHub Actions, else git's ``HEAD``."""
    sha = os.environ.get("GITHUB_SHA", "").strip()
    if len(sha) == 40:
        return sha
    out = _git(root, "rev-parse", "HEAD")
    return out.decode().strip() if out else None


@cache
def commit_with(root: Path, path: str, sha256: str) -> str | None:
    """The newest commit whose ``path`` has content hashing to ``sha256``, if git has one."""
    log = _git(root, "log", f"-{MAX_COMMITS}", "--format=%H", "--", path)
    commits = log.decode().split() if log else []
    head = head_commit(root)
    if head and head not in commits:
        commits.insert(0, head)  # a shallow clone's log may still name HEAD only
    for commit in commits:
        blob = _git(root, "show", f"{commit}:{path}")
        if blob is not None and hashlib.sha256(blob).hexdigest() == sha256:
            return commit
    return None


def ci_run_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The GitHub Actions run building this site, from the variables every job gets."""
    env = os.environ if environ is None else environ
    server, repo, run = (
        env.get("GITHUB_SERVER_URL"),
        env.get("GITHUB_REPOSITORY"),
        env.get("GITHUB_RUN_ID"),
    )
    if not (server and repo and run):
        return None
    attempt = env.get("GITHUB_RUN_ATTEMPT")
    suffix = f"/attempts/{attempt}" if attempt and attempt != "1" else ""
    return f"{server.rstrip('/')}/{repo}/actions/runs/{run}{suffix}"
