"""The build cache reuses work only while its inputs are unchanged, and never a failure."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from tests.helpers.miniproject import build_site, write

from dlcompare.site import build_cache
from dlcompare.site.build_cache import BuildCache, FileHasher

OLD = time.time() - 3600  # an mtime old enough to be trusted by the pre-check


def _age(path: Path) -> None:
    os.utime(path, (OLD, OLD))


# --- file hashing -------------------------------------------------------------------------


def test_an_unchanged_old_file_is_hashed_once(tmp_path: Path) -> None:
    path = write(tmp_path, "data/a.yaml", "a: 1\n")
    _age(path)
    hasher = FileHasher()
    first = hasher.file_digest(path)
    assert hasher.file_digest(path) == first
    assert hasher.files_read == 1


def test_a_changed_size_or_mtime_is_hashed_again(tmp_path: Path) -> None:
    path = write(tmp_path, "data/a.yaml", "a: 1\n")
    _age(path)
    hasher = FileHasher()
    first = hasher.file_digest(path)
    path.write_text("a: 22\n")
    _age(path)  # same old mtime, other size
    assert hasher.file_digest(path) != first
    assert hasher.files_read == 2


def test_a_same_size_rewrite_within_the_racy_window_is_seen(tmp_path: Path) -> None:
    path = write(tmp_path, "data/a.yaml", "a: 1\n")
    stamp = path.stat().st_mtime_ns
    hasher = FileHasher()
    first = hasher.file_digest(path)
    path.write_text("a: 2\n")  # same size; force the very same mtime
    os.utime(path, ns=(stamp, stamp))
    assert hasher.file_digest(path) != first


def test_tree_digest_sees_new_and_removed_files_but_not_bytecode(tmp_path: Path) -> None:
    write(tmp_path, "data/a.yaml", "a: 1\n")
    hasher = FileHasher()
    entries = [tmp_path / "data", tmp_path / "snippets"]
    before = hasher.tree_digest(tmp_path, entries)
    write(tmp_path, "data/__pycache__/x.cpython-311.pyc", "junk")
    write(tmp_path, "data/y.pyc", "junk")
    assert hasher.tree_digest(tmp_path, entries) == before
    added = write(tmp_path, "data/b.yaml", "b: 1\n")
    assert hasher.tree_digest(tmp_path, entries) != before
    added.unlink()
    assert hasher.tree_digest(tmp_path, entries) == before
    write(tmp_path, "snippets/t/pytorch.py", "print()\n")  # a folder that appears
    assert hasher.tree_digest(tmp_path, entries) != before


# --- slots --------------------------------------------------------------------------------


def test_a_slot_answers_only_its_key_and_keeps_the_latest() -> None:
    cache = BuildCache()
    assert cache.get("s", "k1") is None
    cache.put("s", "k1", "one")
    assert cache.get("s", "k1") == "one"
    assert cache.get("s", "k2") is None
    cache.put("s", "k2", "two")
    assert cache.get("s", "k1") is None and cache.get("s", "k2") == "two"
    assert (cache.hits, cache.misses) == (2, 3)


def test_remember_stores_nothing_when_the_computation_fails() -> None:
    cache = BuildCache()

    def broken() -> str:
        raise ValueError("bad data")

    with pytest.raises(ValueError):
        cache.remember("s", "k", broken)
    assert cache.get("s", "k") is None
    assert cache.remember("s", "k", lambda: "good") == "good"
    assert cache.remember("s", "k", lambda: "recomputed") == "good"


@pytest.mark.parametrize(
    ("value", "on"), [("off", False), ("0", False), ("OFF ", False), ("on", True), ("", True)]
)
def test_the_environment_switch(value: str, on: bool) -> None:
    assert build_cache.enabled({build_cache.ENV_VAR: value}) is on
    assert build_cache.enabled({}) is True


# --- the inputs key -----------------------------------------------------------------------


def _project(root: Path) -> Path:
    write(root, "mkdocs.yml", "site_name: x\n")
    write(root, "data/facts/a.yaml", "topic: a\n")
    write(root, "snippets/t/pytorch.py", "print(1)\n")
    write(root, "src/extra/template.jinja", "{{ x }}\n")
    write(root, "docs/index.md", "# Home\n\nSome prose.\n\n<!-- facts: topic=a -->\n")
    write(root, "docs/examples/t.md", "# Tensors\n\n<!-- example: t -->\n")
    return root


def test_the_key_ignores_prose_but_not_data_programs_markers_titles_or_watched_files(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    cache = BuildCache()

    def key() -> str:
        return cache.inputs_key(root, root / "docs", ["src/extra"])

    first = key()
    write(root, "docs/index.md", "# Home\n\nOther prose,\n\nlonger.\n\n<!-- facts: topic=a -->\n")
    assert key() == first, "a prose edit (even one that moves a marker) keeps the key"
    edits = [
        ("data/facts/a.yaml", "topic: b\n"),
        ("snippets/t/pytorch.py", "print(2)\n"),
        ("src/extra/template.jinja", "{{ y }}\n"),
        ("docs/index.md", "# Home\n\n<!-- facts: topic=b -->\n"),
        ("docs/examples/t.md", "# Tensors and more\n\n<!-- example: t -->\n"),
        ("mkdocs.yml", "site_name: y\n"),
    ]
    seen = {first}
    for rel, text in edits:
        write(root, rel, text)
        now = key()
        assert now not in seen, f"editing {rel} must change the key"
        seen.add(now)


# --- through the hook, in one process as `mkdocs serve` runs it ---------------------------


def _basics(root: Path) -> str:
    return (root / "site/comparison/basics/index.html").read_text(encoding="utf-8")


def test_a_second_build_reuses_the_data_and_pages_and_sees_a_prose_edit(site: Path) -> None:
    build_site(site)
    cache = build_cache._CACHE
    assert cache.hits == 0
    write(site, "docs/index.md", "# Home\n\nWelcome back.\n")
    build_site(site)
    assert cache.hits == 2, "the data and the unchanged basics page come from the cache"
    assert "Welcome back." in (site / "site/index.html").read_text(encoding="utf-8")


def test_a_data_edit_reaches_the_page(site: Path) -> None:
    build_site(site)
    assert "2.15.0" in _basics(site)
    path = site / "data/facts/basics.yaml"
    path.write_text(path.read_text().replace('"2.15.0"', '"2.17.3"'))
    build_site(site)
    assert "2.17.3" in _basics(site) and "2.15.0" not in _basics(site)


def test_an_edit_that_breaks_the_data_fails_the_build_until_it_is_fixed(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = site / "data/facts/basics.yaml"
    good = path.read_text()
    build_site(site)
    path.write_text(good.replace("as_of:", "asof:", 1))
    for _ in range(2):  # the failure is not remembered as a success either
        caplog.clear()
        with pytest.raises(Abort):
            build_site(site)
        assert "data/ is invalid" in caplog.text and "data/facts/basics.yaml:" in caplog.text
    path.write_text(good)
    build_site(site)
    assert "2.15.0" in _basics(site)


def test_the_switch_turns_the_cache_off(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(build_cache.ENV_VAR, "off")
    build_site(site)
    build_site(site)
    cache = build_cache._CACHE
    assert (cache.hits, cache.misses) == (0, 0)
