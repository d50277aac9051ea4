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


def git_blob_id(content: bytes) -> str:
    """The id git gives a file's content (what ``git hash-object`` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


@cache
def blob_commits(root: Path) -> dict[tuple[str, str], str]:
    """``(path, blob id) -> the newest commit that wrote that content``, in one git call.

    ``--root`` makes a shallow clone's single (grafted) commit list every file.
    """
    out = _git(root, "log", "--root", "--format=%H", "--raw", "--no-abbrev", "--no-renames")
    found: dict[tuple[str, str], str] = {}
    commit = ""
    for line in (out or b"").decode(errors="replace").splitlines():
        if line.startswith(":"):
            meta, _, path = line.partition("\t")
            blob = meta.split()[3]
            found.setdefault((path, blob), commit)  # the log is newest first
        elif line.strip():
            commit = line.strip()
    return found


def commit_with(root: Path, path: str, sha256: str) -> str | None:
    """The newest commit whose ``path`` has content hashing to ``sha256``, if git has one.

    The common case (the file on disk is the recorded content) is one lookup in
    :func:`blob_commits`; otherwise the file's history is searched by content.
    """
    file = root / path
    if file.is_file():
        content = file.read_bytes()
        if hashlib.sha256(content).hexdigest() == sha256:
            found = blob_commits(root).get((path, git_blob_id(content)))
            if found:
                return found
    return _search_history(root, path, sha256)


@cache
def _search_history(root: Path, path: str, sha256: str) -> str | None:
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


def forget() -> None:
    """Drop what was read from git, so a rebuild (``mkdocs serve``) sees new commits."""
    head_commit.cache_clear()
    blob_commits.cache_clear()
    _search_history.cache_clear()


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
