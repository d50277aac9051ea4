"""Inference on synthetic reports: added, removed, re-added, gaps of not-run, stale."""

from __future__ import annotations

from dlcompare.matrix.infer import Observation, infer, on_every_backend, ranges
from dlcompare.matrix.reports import CellResult, Report, ReportEnvironment


def obs(spec: str) -> list[Observation]:
    """'2.12:pass 2.13:fail' -> observations (fail gets ImportError)."""
    out = []
    for item in spec.split():
        version, status = item.split(":")
        error = "ImportError" if status == "fail" else ""
        out.append(Observation(version, status, error, f"broke in {version}" if error else ""))  # type: ignore[arg-type]
    return out


def test_added_is_start_of_final_passing_run() -> None:
    r = infer("torch", "p.py", None, obs("2.12.1:fail 2.13.0:pass 2.14.1:warn 2.15.0:pass"))
    assert r.added == "2.13.0"
    assert r.removed is None
    assert r.first_pass == "2.13.0" and r.last_pass == "2.15.0"
    assert r.breaks == []  # failing before the first pass is "not yet", not a break
    assert r.text("torch") == "runs on torch 2.13–2.15"


def test_removed_after_running() -> None:
    r = infer("keras", "p.py", "jax", obs("3.8.0:pass 3.9.2:pass 3.10.0:fail 3.11.3:fail"))
    assert r.added is None
    assert r.removed == "3.10.0"
    assert [b.version for b in r.breaks] == ["3.10.0", "3.11.3"]
    assert r.breaks[0].error == "ImportError"
    assert r.text("keras") == "runs on keras 3.8–3.9 (fails from 3.10)"


def test_readded_after_a_break() -> None:
    r = infer("tensorflow", "p.py", None, obs("2.16.2:pass 2.17.1:fail 2.18.1:pass 2.19.1:pass"))
    assert r.readded
    assert r.added == "2.18.1"
    assert [b.version for b in r.breaks] == ["2.17.1"]


def test_not_run_is_a_gap_not_a_failure() -> None:
    r = infer("jax", "p.py", "jax", obs("0.7.2:pass 0.8.3:not-run 0.9.2:pass 0.10.2:not-run"))
    assert r.added == "0.7.2"
    assert r.breaks == [] and r.removed is None
    assert "fails" not in r.text("jax")


def test_unordered_input_is_sorted_by_version_not_text() -> None:
    r = infer("keras", "p.py", "torch", obs("3.10.0:pass 3.9.2:fail 3.8.0:fail"))
    assert r.added == "3.10.0"
    assert [o.version for o in r.observations] == ["3.8.0", "3.9.2", "3.10.0"]


def test_never_passing_and_never_measured() -> None:
    assert infer("torch", "p", None, obs("2.12.1:fail 2.13.0:fail")).text("torch") == (
        "fails on every measured torch release"
    )
    assert infer("torch", "p", None, obs("2.12.1:not-run")).text("torch") == "not measured"


def _report(version: str, status: str, sha: str) -> Report:
    env = ReportEnvironment(name="x", python="3.11", platform="Linux", fingerprint="f")
    cell = CellResult(
        program="snippets/a/keras.py", backend="jax", source_sha256=sha, status=status
    )  # type: ignore[arg-type]
    return Report(framework="keras", version=version, backend="jax", date="2026-12-02",
                  environment=env, results=[cell])  # fmt: skip


def test_ranges_from_reports_mark_stale_cells() -> None:
    reports = [_report("3.8.0", "fail", "old"), _report("3.9.2", "pass", "new")]
    (r,) = ranges(reports, {"snippets/a/keras.py": "new"})
    assert r.added == "3.9.2"
    assert r.stale == ["3.8.0"]


def test_on_every_backend_runs_where_all_backends_run() -> None:
    tf = infer("keras", "k.py", "tensorflow", obs("3.10.0:pass 3.11.3:pass 3.12.4:pass"))
    torch = infer("keras", "k.py", "torch", obs("3.10.0:fail 3.11.3:fail 3.12.4:warn"))
    jax = infer("keras", "k.py", "jax", obs("3.10.0:pass 3.11.3:not-run 3.12.4:pass"))
    combined = on_every_backend([tf, torch, jax])
    assert combined is not None and combined.backend is None
    assert [o.status for o in combined.observations] == ["fail", "fail", "warn"]
    assert combined.added == "3.12.4"
    assert combined.text("keras") == "runs on keras 3.12"


def test_on_every_backend_a_release_one_backend_lacks_is_a_gap() -> None:
    tf = infer("keras", "k.py", "tensorflow", obs("3.10.0:pass 3.11.3:pass"))
    jax = infer("keras", "k.py", "jax", obs("3.11.3:pass"))
    combined = on_every_backend([tf, jax])
    assert combined is not None
    assert [o.status for o in combined.observations] == ["not-run", "pass"]
    assert combined.text("keras") == "runs on keras 3.11"
    assert on_every_backend([]) is None
