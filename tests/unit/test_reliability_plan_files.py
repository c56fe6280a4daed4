"""Plan files beside journals they do not own, behind symbolic links, with damaged locks, after
crashes at the rename, rewritten in place, or holding rows no plan can hold."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time

import pytest

from planner.document import Project, canonical
from planner.document.faultcli import add_chained_task
from planner.document.lock import lock_path
from planner.errors import ChangedOnDisk, FileDamaged, FileLocked, ParseError
from tests.unit.test_document_support import (  # noqa: F401 - fixtures
    PYTHON,
    ROOT,
    Zygote,
    appdata,
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


def _older_copy_with_a_live_wal(doc, folder):
    """An older copy of `doc` holding one more task in an uncheckpointed -wal (its writer killed)."""
    old = folder / "old.plan"
    shutil.copy(doc, old)
    script = (
        "import os, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "con.execute('PRAGMA journal_mode=WAL'); con.execute('PRAGMA wal_autocheckpoint=0')\n"
        "con.execute(\"UPDATE programme SET name = 'FROM THE STALE WAL'\")\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([PYTHON, "-c", script, str(old)], check=False)
    assert (folder / "old.plan-wal").stat().st_size > 0
    return old


def _programme_name(project):
    from planner.plan import load_plan

    return project.read(load_plan).programme.name


def test_a_stale_wal_of_an_older_copy_is_never_applied(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    other = tmp_path / "elsewhere"
    other.mkdir()
    old = _older_copy_with_a_live_wal(doc, other)
    shutil.copy(old.with_name("old.plan-wal"), docs / "plan.plan-wal")
    wal_before = sha(docs / "plan.plan-wal")
    project = Project.open(doc)
    assert _programme_name(project) == "FlagOS 路线图"
    project.run(add_chained_task, "W-0001")
    project.save()
    project.close()
    with Project.open(doc, read_only=True) as again:
        assert _programme_name(again) == "FlagOS 路线图" and "W-0001" in codes(again)
    assert sha(docs / "plan.plan-wal") == wal_before  # not ours: neither applied nor deleted


def test_a_hot_journal_of_another_plan_does_not_make_an_intact_plan_damaged(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    other = make_plan(tmp_path / "other.plan", tasks=5)
    journal = docs / "plan.plan-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + other.read_bytes()[:4096])  # a hot journal's magic
    with Project.open(doc) as project:
        assert len(codes(project)) == 3
    assert journal.exists()


@pytest.mark.parametrize("verb", ["info", "dump", "validate", "schedule"])
def test_commands_leave_no_side_files_beside_the_plan(appdata, docs, tmp_path, verb):
    doc = make_plan(docs / "plan.plan")
    old = _older_copy_with_a_live_wal(doc, tmp_path)
    shutil.copy(old.with_name("old.plan-wal"), docs / "plan.plan-wal")
    before = siblings(docs)
    proc = subprocess.run([PYTHON, "-m", "planner", verb, str(doc)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PLANNER_DATA_DIR": str(appdata)}, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "FROM THE STALE WAL" not in proc.stdout
    assert siblings(docs) == before  # no -shm, no -journal, no lock left


def test_a_plan_opened_through_a_symbolic_link_is_saved_into_its_file_and_locked_once(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    link = tmp_path / "link.plan"
    link.symlink_to(doc)
    project = Project.open(link)
    try:
        with pytest.raises(FileLocked):
            Project.open(doc)  # the link and the real path are one plan: one lock
        project.run(add_chained_task, "L-0001")
        project.save()
    finally:
        project.close()
    assert link.is_symlink() and os.readlink(link) == str(doc)
    with Project.open(doc, read_only=True) as real:
        assert "L-0001" in codes(real)
    assert not lock_path(doc).exists() and not lock_path(link).exists()


# --- locks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"\x00\xffgarbage{", b'{"user": 5'])
def test_a_damaged_lock_is_named_as_such_and_can_be_taken_over(appdata, docs, content):
    doc = make_plan(docs / "plan.plan")
    lock_path(doc).write_bytes(content)
    with pytest.raises(FileLocked) as info:
        Project.open(doc)
    assert info.value.owner.get("damaged") is True
    assert "cannot be read" in str(info.value) and "unknown user" not in str(info.value)
    Project.open(doc, take_over=True).close()


def test_an_old_damaged_lock_is_a_leftover(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    lock_path(doc).write_bytes(b"")
    old = time.time() - 120
    os.utime(lock_path(doc), (old, old))
    Project.open(doc).close()


def _lock_of_a_live_process_without_start_tick(doc, written: dt.datetime) -> None:
    record = {"user": "someone", "host": __import__("socket").gethostname(), "pid": os.getppid(),
              "time": written.astimezone().isoformat(timespec="seconds"), "start": ""}
    lock_path(doc).write_text(json.dumps(record))


def test_a_live_pid_without_start_tick_is_judged_by_the_lock_age(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    _lock_of_a_live_process_without_start_tick(doc, dt.datetime.now())
    with pytest.raises(FileLocked):
        Project.open(doc)  # recent: it may well be the owner
    _lock_of_a_live_process_without_start_tick(doc, dt.datetime.now() - dt.timedelta(days=3))
    project = Project.open(doc)  # days old (or from before this boot): the PID was reused
    assert project.lock_taken_over is not None
    project.close()


# --- recovery ---------------------------------------------------------------------------------------
def test_after_a_crash_at_the_rename_the_first_save_sees_no_change_on_disk(appdata, docs, zygote):
    doc = make_plan(docs / "plan.plan")
    pid = zygote.start(cmd="save", doc=str(doc), data=str(appdata), tasks=2, fault="crash@renamed")
    _lines, status = zygote.reap(pid)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    (entry,) = Project.recoverable(doc)
    project = Project.recover(entry)
    try:
        assert project.check_on_disk() == ""
        project.run(add_chained_task, "R-0001")
        project.save()  # no ChangedOnDisk: the plan on disk is the crashed session's own save
    finally:
        project.close()


def test_recovery_sweeps_the_temps_of_a_save_killed_after_the_sync(appdata, docs, zygote):
    doc = make_plan(docs / "plan.plan")
    pid = zygote.start(cmd="save", doc=str(doc), data=str(appdata), tasks=2, fault="crash@temp-synced")
    zygote.reap(pid)
    assert any(".tmp-" in n for n in siblings(docs))
    (entry,) = Project.recoverable(doc)
    Project.recover(entry).close()
    assert not any(".tmp-" in n for n in siblings(docs))


# --- change detection -----------------------------------------------------------------------------
def test_a_rewrite_in_place_with_the_same_size_and_mtime_is_detected(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    other = make_plan(tmp_path / "same-size.plan", prefix="X")
    assert other.stat().st_size == doc.stat().st_size
    project = Project.open(doc)
    try:
        st = doc.stat()
        with open(doc, "r+b") as fh:  # in place: same inode
            fh.write(other.read_bytes())
        os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert doc.stat().st_mtime_ns == st.st_mtime_ns and doc.stat().st_ino == st.st_ino
        with pytest.raises(ChangedOnDisk):
            project.save()
    finally:
        project.close()


# --- rows no plan can hold --------------------------------------------------------------------------
def _plant(doc, sql: str) -> None:
    con = sqlite3.connect(doc, isolation_level=None)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute(sql)
    con.close()


@pytest.mark.parametrize("sql, words", [
    ("INSERT INTO dependency (predecessor_id, successor_id, type, lag, lag_unit, threshold, text) "
     "VALUES (999, 1, 'FS', 0, 'd', 1.0, '')", "refers to a task that does not exist"),
    ("INSERT INTO baselinetask (baseline_id, task_id, start_date, end_date, progress) VALUES (1, 777, "
     "'2025-01-06', '2025-01-10', 0)", "refers to a task that does not exist"),
    ("UPDATE task SET progress = 2.5 WHERE code = 'T-0001'", "T-0001"),
    ("UPDATE dependency SET lag = 1000000000000000", "lag of more than"),
])
def test_rows_breaking_the_rules_are_refused_at_open_with_their_place(appdata, docs, sql, words):
    doc = make_plan(docs / "plan.plan")
    if "baselinetask" in sql:
        _plant(doc, "INSERT INTO baseline (id, name, taken_on) VALUES (1, 'b', '2025-01-06')")
    _plant(doc, sql)
    before = sha(doc)
    with pytest.raises(FileDamaged) as info:
        Project.open(doc, read_only=True)
    assert info.value.key == "rules" and words in str(info.value), str(info.value)
    assert sha(doc) == before


def test_a_lag_of_a_quadrillion_days_is_refused_where_it_is_typed(appdata, docs):
    from planner.services.dependencies import set_dependencies_text
    from sqlmodel import select
    from planner import model as m

    doc = make_plan(docs / "plan.plan")
    with Project.open(doc) as project:
        task = project.read(lambda s: s.exec(select(m.Task).where(m.Task.code == "T-0002")).one())
        with pytest.raises(ParseError) as info:
            project.run(set_dependencies_text, task.id, "T-0001 FS+1000000000000000d")
        assert info.value.key == "lag_range"
        assert canonical is not None
