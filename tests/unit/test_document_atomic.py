"""atomic_write: the target is either the old file or the complete new one, never a mix."""

from __future__ import annotations

import os

import pytest

from planner.document import atomic
from planner.document.atomic import atomic_write


def _siblings(folder):
    return sorted(p.name for p in folder.iterdir())


def test_success_replaces_target(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with atomic_write(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_bytes(b"new contents")
    assert target.read_bytes() == b"new contents"
    assert _siblings(tmp_path) == ["out.xlsx"]


def test_exception_leaves_target_and_removes_temp(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"old"
    assert _siblings(tmp_path) == ["out.xlsx"]


def test_new_target_absent_after_failure(tmp_path):
    target = tmp_path / "chart.png"
    with pytest.raises(ValueError):
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"x")
            raise ValueError
    assert _siblings(tmp_path) == []


def test_fsync_failure_leaves_target(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def eio(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", eio)
    with pytest.raises(OSError):
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"new")
    assert target.read_bytes() == b"old"
    assert _siblings(tmp_path) == ["out.xlsx"]


def test_replace_retries_then_succeeds(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(1)
        if len(calls) < 3:
            raise PermissionError(13, "sharing violation")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    monkeypatch.setattr(atomic, "REPLACE_FIRST_DELAY", 0.001)
    with atomic_write(target) as tmp:
        tmp.write_bytes(b"new")
    assert len(calls) == 3
    assert target.read_bytes() == b"new"


def test_replace_refused_for_good(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "sharing violation")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(atomic, "REPLACE_ATTEMPTS", 3)
    monkeypatch.setattr(atomic, "REPLACE_FIRST_DELAY", 0.001)
    with pytest.raises(atomic.ReplaceRefused):
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"new")
    assert target.read_bytes() == b"old"
    assert _siblings(tmp_path) == ["out.xlsx"]


def test_remove_stale_temps_only_ours(tmp_path):
    ours = tmp_path / ".plan.plan.tmp-abc123"
    ours.write_bytes(b"x")
    journal = tmp_path / "plan.plan-journal"
    journal.write_bytes(b"j")
    other = tmp_path / "notes.tmp"
    other.write_bytes(b"o")
    removed = atomic.remove_stale_temps(tmp_path, older_than=ours.stat().st_mtime + 1)
    assert removed == [ours]
    assert _siblings(tmp_path) == ["notes.tmp", "plan.plan-journal"]


def test_permission_bits_of_the_target_are_kept(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    with atomic_write(target) as tmp:
        tmp.write_bytes(b"new")
    assert os.stat(target).st_mode & 0o777 == 0o640
