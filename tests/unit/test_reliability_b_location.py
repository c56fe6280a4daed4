"""RELIABILITY-MATRIX B: a second instance, stale locks, files moved or replaced, side files, bad folders."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planner.document import canonical
from planner.document.faultcli import add_chained_task
from planner.document.lock import lock_path
from planner.document.project import Project
from planner.errors import ChangedOnDisk, FileDamaged, FileLocked, ReadOnlyDocument, SaveFailed
from tests.unit.test_document_support import (  # noqa: F401 - fixtures
    ROOT,
    Zygote,
    appdata,
    assert_consistent,
    codes,
    docs,
    make_plan,
    sha,
    siblings,
)


@pytest.fixture
def zygote(appdata):
    server = Zygote()
    yield server
    server.close()


def _hold(zygote, doc, appdata, tasks=2):
    pid = zygote.start(cmd="hold", doc=str(doc), data=str(appdata), tasks=tasks)
    zygote.until("ready")
    return pid


def _kill(zygote, pid):
    os.kill(pid, signal.SIGKILL)
    zygote.reap(pid)


# --- B1 / B2 / B3: locks -------------------------------------------------------------------
def test_b1_second_instance_sees_owner_and_may_only_read(appdata, docs, zygote):
    doc = make_plan(docs / "plan.plan")
    before = sha(doc)
    pid = _hold(zygote, doc, appdata)
    lock_before = lock_path(doc).read_bytes()
    try:
        with pytest.raises(FileLocked) as err:
            Project.open(doc)
        owner = err.value.owner
        assert owner["pid"] == pid and owner["host"] == socket.gethostname() and owner["user"]
        assert str(pid) in str(err.value) and "read-only" in str(err.value)
        viewer = Project.open(doc, read_only=True)
        assert viewer.read_only and len(codes(viewer)) == 3
        with pytest.raises(ReadOnlyDocument):
            viewer.run(add_chained_task, "X-1")
        viewer.close()
        assert sha(doc) == before  # O1 while the second instance ran
        assert lock_path(doc).read_bytes() == lock_before  # the first instance is unaffected
        assert siblings(docs) == [lock_path(doc).name, "plan.plan"]
    finally:
        _kill(zygote, pid)


def test_b2_stale_lock_of_a_dead_process_is_taken_over_and_recovery_offered(appdata, docs, zygote):
    doc = make_plan(docs / "plan.plan")
    before = sha(doc)
    pid = _hold(zygote, doc, appdata, tasks=2)
    _kill(zygote, pid)  # kill -9 while it holds the lock with unsaved edits
    assert lock_path(doc).exists()
    project = Project.open(doc)
    assert project.lock_taken_over is not None and project.lock_taken_over.pid == pid
    assert json.loads(lock_path(doc).read_text())["pid"] == os.getpid()
    (entry,) = Project.recoverable(doc)  # the dead session's working copy, offered
    assert entry.unsaved and entry.document == doc.absolute()
    project.close()
    recovered = Project.recover(entry)
    assert codes(recovered) == ["H-0000", "H-0001", "T-0000", "T-0001", "T-0002"]  # O8
    assert sha(doc) == before
    recovered.save()
    recovered.close()
    again = Project.open(doc)
    assert "H-0001" in codes(again)
    again.close()
    assert Project.recoverable(doc) == []


def test_b2_reused_pid_is_not_mistaken_for_the_owner(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    # A lock naming our own host and a live PID (init) but another start time: stale.
    lock_path(doc).write_text(json.dumps({"user": "x", "host": socket.gethostname(), "pid": 1,
                                          "time": "2025-01-01T00:00:00", "start": "1"}))
    project = Project.open(doc)
    assert project.lock_taken_over.pid == 1
    project.close()


def test_b3_lock_from_another_computer_is_never_taken_over_silently(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    other = {"user": "pm", "host": "laptop-of-someone-else", "pid": 4242, "time": "2025-03-01T09:00:00+08:00"}
    lock_path(doc).write_text(json.dumps(other))
    with pytest.raises(FileLocked) as err:
        Project.open(doc)
    assert "laptop-of-someone-else" in str(err.value) and "take it over" in str(err.value)
    assert err.value.owner["host"] == "laptop-of-someone-else"
    assert json.loads(lock_path(doc).read_text()) == other  # untouched
    Project.open(doc, read_only=True).close()
    project = Project.open(doc, take_over=True)  # the user's explicit choice
    assert project.lock_taken_over.host == "laptop-of-someone-else"
    project.close()
    assert not lock_path(doc).exists()


# --- B4 / B5: the document changed under the app ---------------------------------------------
def _open_and_edit(doc):
    project = Project.open(doc)
    project.run(add_chained_task, "N-0001")
    return project


@pytest.mark.parametrize("how", ["rename", "delete"])
def test_b4_document_renamed_or_deleted_while_open(how, appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = _open_and_edit(doc)
    moved = docs / "plan (conflict).plan"
    if how == "rename":
        os.rename(doc, moved)
        moved_sha = sha(moved)
    else:
        os.unlink(doc)
    with pytest.raises(ChangedOnDisk) as err:
        project.save()
    assert "Save As" in str(err.value)
    assert not doc.exists()  # nothing written at the old name either
    if how == "rename":
        assert sha(moved) == moved_sha  # never writes into the renamed file
    assert "N-0001" in codes(project)  # working copy intact
    project.save_as(docs / "rescued.plan")
    project.close()
    rescued = Project.open(docs / "rescued.plan")
    assert "N-0001" in codes(rescued)
    rescued.close()


def test_b5_replaced_by_an_older_copy_is_detected(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    older = tmp_path / "older.plan"
    shutil.copy(doc, older)
    extra = Project.open(doc)
    extra.run(add_chained_task, "N-0000")
    extra.save()
    extra.close()
    project = _open_and_edit(doc)
    shutil.copy(older, doc)  # the sync client restores yesterday's version
    replaced = sha(doc)
    with pytest.raises(ChangedOnDisk) as err:
        project.save()
    assert "Overwrite" in str(err.value) and "Reload" in str(err.value)
    assert sha(doc) == replaced  # no silent overwrite
    project.save(overwrite=True)  # the user's explicit choice
    project.close()
    reopened = Project.open(doc)
    assert {"N-0000", "N-0001"} <= set(codes(reopened))
    reopened.close()


def test_b5_identical_rewrite_by_a_sync_client_is_not_a_change(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = _open_and_edit(doc)
    data = doc.read_bytes()
    os.unlink(doc)
    doc.write_bytes(data)  # new inode and mtime, same bytes
    project.save()
    project.close()


# --- B6: nothing left beside the plan -----------------------------------------------------------
def test_b6_no_side_files_and_a_self_contained_rollback_journal_file(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)
    project.run(add_chained_task, "N-0001")
    assert siblings(docs) == [lock_path(doc).name, "plan.plan"]
    project.save()
    assert siblings(docs) == [lock_path(doc).name, "plan.plan"]
    project.close()
    assert siblings(docs) == ["plan.plan"]
    with open(doc, "rb") as fh:
        header = fh.read(20)
    assert header[18] == 1 and header[19] == 1  # rollback journal, not WAL
    from planner.document.sqlitefile import connect_read_only

    con = connect_read_only(doc)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert siblings(docs) == ["plan.plan"]
    lone = tmp_path / "elsewhere" / "plan.plan"
    lone.parent.mkdir()
    shutil.copy(doc, lone)
    assert canonical.dump(lone) == canonical.dump(doc)  # the lone file holds everything (O3)
    copy = Project.open(lone)
    assert "N-0001" in codes(copy)
    copy.close()


# --- B8: read-only folder ------------------------------------------------------------------------
B8_CHILD = r"""
import sys
from pathlib import Path
from planner.document.project import Project
from planner.errors import SaveFailed
doc = Path(sys.argv[1])
p = Project.open(doc)
print("read_only", p.read_only, p.read_only_reason)
try:
    p.save()
    print("saved")
except SaveFailed as exc:
    print("savefailed", exc)
p.save_as(Path(sys.argv[2]))
print("saved_as", p.path)
p.close()
"""


def _read_only_runner(folder: Path) -> list[str] | None:
    """A command prefix under which `folder` cannot be written, or None if there is none.

    Root ignores permission bits, so as root the folder becomes a read-only bind mount in a
    private mount namespace (EROFS); otherwise plain chmod 0555 does it.
    """
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        return []
    if not shutil.which("unshare"):
        return None
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    probe = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", "true"], capture_output=True)
    return ["unshare", "-m", "sh", "-c", script, "sh"] if probe.returncode == 0 else None


def test_b8_read_only_folder_opens_read_only_and_save_suggests_save_as(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    out = tmp_path / "writable"
    out.mkdir()
    before = sha(doc)
    prefix = _read_only_runner(docs)
    if prefix is None:
        pytest.skip("no way to make a read-only folder for root here")
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-c", B8_CHILD, str(doc), str(out / "copy.plan")],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )
    finally:
        os.chmod(docs, 0o755)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "read_only True folder"
    assert lines[1].startswith("savefailed") and "Save As" in lines[1] and "unchanged" in lines[1]
    assert lines[2].startswith("saved_as")
    assert sha(doc) == before and siblings(docs) == ["plan.plan"]  # no lock, no temp: nothing written
    copy = Project.open(out / "copy.plan")
    assert len(codes(copy)) == 3
    copy.close()


def test_b8_in_process_read_only_reason(appdata, docs, monkeypatch):
    doc = make_plan(docs / "plan.plan")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == docs else real(p, mode))
    project = Project.open(doc)
    assert project.read_only and project.read_only_reason == "folder"
    assert not lock_path(doc).exists()
    with pytest.raises(SaveFailed, match="Save As"):
        project.save()
    project.close()


# --- B9: placeholder, truncated, empty -----------------------------------------------------------
@pytest.mark.parametrize("size", ["zero", "1k", "half", "minus-one-page"])
def test_b9_truncated_file_is_incomplete_and_untouched(size, appdata, docs):
    doc = make_plan(docs / "plan.plan", tasks=40)
    data = doc.read_bytes()
    cut = {"zero": 0, "1k": 1024, "half": len(data) // 2, "minus-one-page": len(data) - 4096}[size]
    doc.write_bytes(data[:cut])
    before = sha(doc)
    with pytest.raises(FileDamaged) as err:
        Project.open(doc)
    assert "incomplete" in str(err.value) or "empty" in str(err.value)
    assert sha(doc) == before and siblings(docs) == ["plan.plan"]
    assert Project.backups(doc)  # the saved versions in app-data are offered (O8)
    newest = Project.backups(doc)[0]
    restored = Project.open(newest, read_only=True)
    assert len(codes(restored)) == 40
    restored.close()


def test_b9_missing_file_is_not_created(appdata, docs):
    with pytest.raises(FileNotFoundError):
        Project.open(docs / "gone.plan")
    assert siblings(docs) == []


def test_b9_readable_only_file_mode_survives_open(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    mode = stat.S_IMODE(doc.stat().st_mode)
    Project.open(doc).close()
    assert stat.S_IMODE(doc.stat().st_mode) == mode
    assert_consistent(doc)


def test_a10_stale_wal_paired_with_a_swapped_working_copy(appdata, docs, zygote, tmp_path):
    """A crashed session's WAL left beside an older copy of its database: detected, never used."""
    doc = make_plan(docs / "plan.plan", tasks=20)
    doc_sha = sha(doc)
    pid = _hold(zygote, doc, appdata, tasks=30)  # 30 edits in the WAL, then kill -9
    _kill(zygote, pid)
    (entry,) = Project.recoverable(doc)
    wal = entry.work_file.with_name(entry.work_file.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    older = tmp_path / "older.sqlite"
    shutil.copy(doc, older)
    con = sqlite3.connect(older)
    con.execute("DELETE FROM dependency")  # an older, different database under the same name
    con.execute("DELETE FROM task WHERE id > 5")
    con.commit()
    con.execute("VACUUM")
    con.close()
    shutil.copy(older, entry.work_file)
    try:
        recovered = Project.recover(entry)
    except FileDamaged:
        outcome = "refused"
    else:
        outcome = "opened"  # only if SQLite's own checks and integrity_check found nothing wrong
        with recovered.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert c.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        recovered.close()
    print(f"A10: swapped working copy with a stale WAL -> {outcome}")
    assert sha(doc) == doc_sha  # the document is not involved


# --- B7: network and synced locations --------------------------------------------------------------
MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/team nfs4 rw 0 0
//nas/plans /mnt/nas cifs rw 0 0
alice@host:/srv /home/u/remote fuse.sshfs rw 0 0
/dev/sdb1 /mnt/usb vfat rw 0 0
"""


@pytest.mark.parametrize(
    "path, env, windows, kind",
    [
        ("/mnt/team/roadmap.plan", {}, False, "network"),
        ("/mnt/nas/sub/roadmap.plan", {}, False, "network"),
        ("/home/u/remote/roadmap.plan", {}, False, "network"),
        ("/mnt/usb/roadmap.plan", {}, False, ""),
        ("/home/u/plans/roadmap.plan", {}, False, ""),
        ("/home/u/Dropbox/计划/roadmap.plan", {}, False, "synced"),
        ("/home/u/Nutstore/roadmap.plan", {}, False, "synced"),
        (r"\\fileserver\pmo\roadmap.plan", {}, True, "network"),
        (r"C:\Users\u\OneDrive - Contoso\roadmap.plan", {}, True, "synced"),
        (r"D:\Sync\roadmap.plan", {"OneDrive": r"D:\Sync"}, True, "synced"),
        (r"C:\Users\u\Documents\roadmap.plan", {"OneDrive": r"C:\Users\u\OneDrive"}, True, ""),
    ],
)
def test_b7_network_and_synced_locations_are_recognised(path, env, windows, kind):
    from planner.document import location

    assert location.classify(path, mounts_text=MOUNTS, env=env, windows=windows) == kind
    assert bool(location.warning(kind)) == bool(kind)


def test_b7_project_offers_the_banner_and_keeps_no_wal_beside_the_plan(appdata, docs, monkeypatch):
    from planner.document import location

    doc = make_plan(docs / "plan.plan")
    monkeypatch.setattr(location, "classify", lambda p, **kw: "synced")
    project = Project.open(doc)
    assert "synced folder" in project.location_warning
    project.run(add_chained_task, "N-1")
    project.save()
    assert siblings(docs) == [lock_path(doc).name, "plan.plan"]  # the WAL lives in app-data only
    project.close()
