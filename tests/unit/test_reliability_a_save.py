"""RELIABILITY-MATRIX A: save and crash. Kill -9 during save and edits, I/O errors, refused renames."""

from __future__ import annotations

import errno
import os
import random
import signal
import sqlite3
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import select

from planner.document import atomic, canonical, faults, save
from planner.document.project import Project
from planner.errors import DocumentError, SaveFailed
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
    stray_files,
)

BASE_TASKS = 5
SAVE_TASKS = 3  # tasks the child adds before saving
PRE_CODES = [f"T-{i:04d}" for i in range(BASE_TASKS)]
POST_CODES = sorted(PRE_CODES + [f"S-{i:04d}" for i in range(SAVE_TASKS)])
SEEDS = int(os.environ.get("PLANNER_A1_SEEDS", "200"))
SLOW_SEEDS = int(os.environ.get("PLANNER_A1_SLOW_SEEDS", "5000"))
WORKERS = max(2, min(4, os.cpu_count() or 2))


@pytest.fixture
def zygote(appdata):
    server = Zygote()
    yield server
    server.close()


def _post_digest(doc, tmp_path, zygote, appdata):
    """The document after a complete save by the child (and the child's save time)."""
    copy = tmp_path / "calibrate" / doc.name
    copy.parent.mkdir()
    copy.write_bytes(doc.read_bytes())
    times = []
    for _ in range(5):
        copy.write_bytes(doc.read_bytes())
        pid = zygote.start(cmd="save", doc=str(copy), data=str(appdata), tasks=SAVE_TASKS)
        zygote.until("ready")
        began = time.perf_counter()
        zygote.until("saved")
        times.append(time.perf_counter() - began)
        _, status = zygote.reap(pid)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return canonical.digest(copy), sorted(times)[len(times) // 2]


def _check_after_crash(doc, pre, post, killed, saved=False):
    """O2 + O3 on the document, O8 on the working copy, O7 after the next start."""
    assert_consistent(doc)
    state = canonical.digest(doc)
    assert state in (pre, post), "document is neither the old nor the new plan"
    if saved:
        assert state == post
    entries = Project.recoverable(doc)
    if killed is None:
        assert len(entries) <= 1, entries  # ended on an error, maybe before any edit
    elif not killed:
        assert entries == []
    elif saved:
        assert len(entries) <= 1, entries  # killed while closing after the save: maybe gone
    else:
        assert len(entries) == 1, entries
    if entries:
        recovered = Project.recover(entries[0])
        try:
            if killed is None:  # an edit itself may have failed: whole edits only, in order
                got = codes(recovered)
                assert set(PRE_CODES) <= set(got) <= set(POST_CODES) and _chain_is_whole(recovered)
            else:
                assert codes(recovered) == POST_CODES  # every edit made before the save survives
        finally:
            recovered.close()
    reopened = Project.open(doc)  # the next start-up: takes the stale lock, cleans our temps
    try:
        assert stray_files(doc.parent) == []
        assert codes(reopened) == (POST_CODES if state == post else PRE_CODES)
    finally:
        reopened.close()
    assert siblings(doc.parent) == [doc.name]
    return state


def _sweep(seeds, doc, tmp_path, zygote, appdata, first_seed=0):
    """Kill saves at random instants, in WORKERS parallel lanes (one folder and server each)."""
    original = doc.read_bytes()
    pre = canonical.digest(doc)
    post, save_time = _post_digest(doc, tmp_path, zygote, appdata)

    def lane(worker):
        folder = doc.parent / f"lane{worker}"
        folder.mkdir()
        lane_doc = folder / doc.name
        server = Zygote()
        counts = Counter()
        try:
            for seed in range(first_seed + worker, first_seed + seeds, WORKERS):
                rnd = random.Random(seed)
                lane_doc.write_bytes(original)
                pid = server.start(cmd="save", doc=str(lane_doc), data=str(appdata), tasks=SAVE_TASKS)
                server.until("ready")
                time.sleep(rnd.uniform(0, 1.2 * save_time))
                os.kill(pid, signal.SIGKILL)  # an unreaped child: the PID cannot have been reused
                lines, status = server.reap(pid)
                killed = os.WIFSIGNALED(status)
                try:
                    saved = any(line.startswith("saved") for line in lines)
                    state = _check_after_crash(lane_doc, pre, post, killed, saved)
                except AssertionError as exc:
                    raise AssertionError(f"seed {seed}: {exc}") from exc
                if not killed:
                    counts["finished"] += 1
                else:
                    counts["killed_after_rename" if state == post else "killed_before_rename"] += 1
        finally:
            server.close()
        return counts

    with ThreadPoolExecutor(WORKERS) as pool:
        outcome = sum(pool.map(lane, range(WORKERS)), Counter())
    print(f"A1: {seeds} seeds, save time {save_time * 1000:.1f} ms, {dict(outcome)}")
    return outcome


def test_a1_kill_at_random_instant_during_save(appdata, docs, tmp_path, zygote):
    doc = make_plan(docs / "路线图.plan", BASE_TASKS)
    outcome = _sweep(SEEDS, doc, tmp_path, zygote, appdata)
    assert sum(outcome.values()) == SEEDS
    # The sweep must really interrupt saves, on both sides of the rename.
    assert outcome["killed_before_rename"] > SEEDS // 10
    assert outcome["killed_after_rename"] + outcome["finished"] > 0


@pytest.mark.slow
def test_a1_kill_sweep_long(appdata, docs, tmp_path, zygote):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    _sweep(SLOW_SEEDS, doc, tmp_path, zygote, appdata, first_seed=10_000)


@pytest.mark.parametrize("point", faults.SAVE_POINTS)
def test_a2_crash_at_each_save_step(point, appdata, docs, zygote):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    before = sha(doc)
    pre = canonical.digest(doc)
    pid = zygote.start(cmd="save", doc=str(doc), data=str(appdata), tasks=SAVE_TASKS, fault=f"crash@{point}")
    lines, status = zygote.reap(pid)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, lines
    assert not any(line.startswith("saved") for line in lines)
    after_rename = faults.SAVE_POINTS.index(point) >= faults.SAVE_POINTS.index("renamed")
    if after_rename:
        assert canonical.digest(doc) != pre
    else:
        assert sha(doc) == before  # O1: not a byte changed
    state = _check_after_crash(doc, pre, "<unknown>", killed=True) if not after_rename else None
    if after_rename:
        assert_consistent(doc)
        post = canonical.digest(doc)
        assert _check_after_crash(doc, pre, post, killed=True) == post
    else:
        assert state == pre


def test_a3_kill_during_edits_keeps_every_acknowledged_edit(appdata, docs, zygote):
    doc = make_plan(docs / "plan.plan", 1, prefix="B")
    rnd = random.Random(3)
    total = 0
    for seed in range(12):
        pid = zygote.start(cmd="edits", doc=str(doc), data=str(appdata))
        zygote.until("ready")
        seen = [zygote.until("edit ")[-1] for _ in range(rnd.randint(1, 40))]
        time.sleep(rnd.uniform(0, 0.02))  # then kill at a random point of the next edits
        os.kill(pid, signal.SIGKILL)
        lines, status = zygote.reap(pid)
        assert os.WIFSIGNALED(status)
        acknowledged = [line.split()[1] for line in seen + lines if line.startswith("edit ")]
        total += len(acknowledged)
        (entry,) = Project.recoverable(doc)
        project = Project.recover(entry)
        try:
            present = [c for c in codes(project) if c.startswith("E-")]
            # Everything acknowledged is there; at most the one edit in flight committed too.
            assert set(acknowledged) <= set(present), f"seed {seed}"
            assert len(present) - len(acknowledged) in (0, 1)
            assert _chain_is_whole(project), f"seed {seed}: half-applied edit"
        finally:
            project.close()
    assert total >= 12
    print(f"A3: 12 kills, {total} acknowledged edits, all recovered")


def _chain_is_whole(project) -> bool:
    """Each edit adds a task and its link from the previous task, in one transaction."""
    from planner import model as m

    def check(s):
        tasks = len(s.exec(select(m.Task)).all())
        links = len(s.exec(select(m.Dependency)).all())
        return links == tasks - 1

    return project.read(check)


# --- A5 / A6: I/O errors and a full disk ------------------------------------------------------
def _edited(doc):
    project = Project.open(doc)
    from planner.document.faultcli import add_chained_task

    for i in range(SAVE_TASKS):
        project.run(add_chained_task, f"S-{i:04d}")
    return project


def _count_fsyncs(doc, monkeypatch):
    real = os.fsync
    calls = []

    def counting(fd):
        calls.append(fd)
        return real(fd)

    project = _edited(doc)
    monkeypatch.setattr(os, "fsync", counting)
    project.save()
    monkeypatch.setattr(os, "fsync", real)
    project.close()
    return len(calls)


def test_a5_eio_on_each_fsync_during_save(appdata, docs, tmp_path, monkeypatch):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    original = doc.read_bytes()
    reference = tmp_path / "ref.plan"
    reference.write_bytes(original)
    n = _count_fsyncs(reference, monkeypatch)
    post = canonical.digest(reference)
    assert n >= 2
    real = os.fsync
    failures = 0
    for k in range(1, n + 1):
        doc.write_bytes(original)
        project = _edited(doc)
        calls = []

        def failing(fd, k=k):
            calls.append(fd)
            if len(calls) == k:
                raise OSError(errno.EIO, "Input/output error")
            return real(fd)

        monkeypatch.setattr(os, "fsync", failing)
        try:
            project.save()
            saved = True
        except SaveFailed as exc:
            saved = False
            failures += 1
            assert "input/output error" in str(exc)
            if getattr(exc, "renamed", False):
                assert canonical.digest(doc) == post  # O3: the new file, whole
            else:
                assert doc.read_bytes() == original  # O1
        finally:
            monkeypatch.setattr(os, "fsync", real)
        assert stray_files(docs) == []
        if saved:
            assert canonical.digest(doc) == post
        else:
            project.save(overwrite=True)  # the fault is cleared: a retry succeeds
            assert canonical.digest(doc) == post
        assert project.dirty is False
        project.close()
    assert failures >= 2  # the temp file's and the folder's fsync both fail the save


@pytest.mark.parametrize(
    "message, shown",
    [("disk I/O error", "input/output error"), ("database or disk is full", "disk is full")],
)
def test_a5_a6_sqlite_write_error_during_copy(message, shown, appdata, docs, monkeypatch):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    before = sha(doc)
    project = _edited(doc)
    real = save.copy_pages

    def half_then_fail(source, target, progress):
        real(source, target, progress)
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(save, "copy_pages", half_then_fail)
    with pytest.raises(SaveFailed) as err:
        project.save()
    assert shown in str(err.value) and "unchanged" in str(err.value)
    assert sha(doc) == before and stray_files(docs) == []
    assert project.dirty
    monkeypatch.setattr(save, "copy_pages", real)
    project.save()
    assert project.dirty is False
    project.close()
    reopened = Project.open(doc)
    assert codes(reopened) == POST_CODES
    reopened.close()


def test_a6_real_write_failure_inside_sqlite(appdata, docs, zygote):
    """RLIMIT_FSIZE makes the kernel refuse SQLite's writes to the temp file (EFBIG)."""
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    before = sha(doc)
    limit = doc.stat().st_size // 2
    pid = zygote.start(cmd="save", doc=str(doc), data=str(appdata), tasks=SAVE_TASKS, fsize=limit)
    lines, status = zygote.reap(pid)
    failed = [line for line in lines if line.startswith("savefailed")]
    assert failed and failed[0] != "savefailed none", lines
    assert "Could not save plan.plan" in failed[0] and "unchanged" in failed[0]
    assert any(line.startswith("saved") for line in lines), lines  # retry after the fault cleared
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert sha(doc) != before
    assert_consistent(doc)
    assert siblings(docs) == ["plan.plan"]


def test_a6_disk_full_during_edit_rolls_back_that_edit(appdata, docs, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from planner.document.faultcli import add_chained_task

    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    project = Project.open(doc)
    project.run(add_chained_task, "K-0001")

    def full(session, code):
        add_chained_task(session, code)
        session.flush()
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    with pytest.raises(DocumentError) as err:
        project.run(full, "K-0002")
    assert "disk is full" in str(err.value) and "earlier changes are kept" in str(err.value)
    assert "K-0001" in codes(project) and "K-0002" not in codes(project)
    project.close()


# --- A7: the final rename is refused ----------------------------------------------------------
def test_a7_rename_refused_a_few_times_then_succeeds(appdata, docs, monkeypatch):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    project = _edited(doc)
    real = os.replace
    attempts = []

    def busy(src, dst):
        if str(dst) == str(doc):
            attempts.append((src, dst))
            if len(attempts) <= 2:
                raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real(src, dst)

    monkeypatch.setattr(atomic, "REPLACE_FIRST_DELAY", 0.001)
    monkeypatch.setattr(os, "replace", busy)
    project.save()
    assert len(attempts) == 3
    assert all(os.path.dirname(s) == os.path.dirname(d) for s, d in attempts)  # never EXDEV
    project.close()
    reopened = Project.open(doc)
    assert codes(reopened) == POST_CODES
    reopened.close()


def test_a7_rename_refused_for_good_names_the_cause(appdata, docs, monkeypatch):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    before = sha(doc)
    project = _edited(doc)
    real = os.replace

    def locked(src, dst):
        if str(dst) == str(doc):
            raise PermissionError(errno.EACCES, "sharing violation")
        return real(src, dst)

    monkeypatch.setattr(atomic, "REPLACE_FIRST_DELAY", 0.001)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveFailed) as err:
        project.save()
    assert "in use by another program" in str(err.value) and "OneDrive" in str(err.value)
    assert sha(doc) == before and stray_files(docs) == []
    assert project.dirty
    monkeypatch.setattr(os, "replace", real)
    project.save()
    project.close()


def test_a7_cross_device_rename_fails_cleanly(appdata, docs, monkeypatch):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    before = sha(doc)
    project = _edited(doc)
    real = os.replace

    def exdev(src, dst):
        if str(dst) == str(doc):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", exdev)
    with pytest.raises(SaveFailed):
        project.save()
    assert sha(doc) == before and stray_files(docs) == []
    project.close()


# --- A5 out of process: the kernel's own EIO, injected by strace -------------------------------
def _strace_save(doc, appdata, *inject):
    import shutil as _shutil
    import subprocess

    if not _shutil.which("strace"):
        pytest.skip("strace is not installed")
    env = dict(os.environ, PLANNER_DATA_DIR=str(appdata))
    env.pop("PLANNER_FAULT", None)
    cmd = ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=fsync,fdatasync"]
    for syscall, k in inject:
        cmd += ["-e", f"inject={syscall}:error=EIO:when={k}"]
    cmd += [sys.executable, "-m", "planner.document.faultcli", "save", str(doc)]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)


def _sync_counts(doc, appdata, tmp_path):
    import subprocess

    probe = tmp_path / "probe" / doc.name
    probe.parent.mkdir()
    probe.write_bytes(doc.read_bytes())
    log = tmp_path / "strace.log"
    env = dict(os.environ, PLANNER_DATA_DIR=str(appdata))
    result = subprocess.run(
        ["strace", "-f", "-qq", "-o", str(log), "-e", "trace=fsync,fdatasync",
         sys.executable, "-m", "planner.document.faultcli", "save", str(probe)],
        env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip("ptrace is not permitted here")
    text = log.read_text()
    return text.count(" fsync("), text.count(" fdatasync("), canonical.digest(probe)


def _eio_sweep(doc, appdata, tmp_path, every):
    original = doc.read_bytes()
    pre = canonical.digest(doc)
    n_fsync, n_fdatasync, post = _sync_counts(doc, appdata, tmp_path)
    assert n_fsync >= 2 and n_fdatasync >= 2
    plan = [("fsync", k) for k in range(1, n_fsync + 1)]
    plan += [("fdatasync", k) for k in range(1, n_fdatasync + 1, every)]
    outcome = Counter()
    for syscall, k in plan:
        doc.write_bytes(original)
        result = _strace_save(doc, appdata, (syscall, k))
        saved = "saved" in result.stdout
        if not saved:
            # A typed, user-facing error (open or save), never a crash of another kind.
            assert "planner.errors." in result.stderr, (syscall, k, result.stderr[-800:])
        # A child that ends on an error leaves its working copy, as a crash would.
        state = _check_after_crash(doc, pre, post, killed=None if not saved else False, saved=saved)
        outcome[f"{'saved' if saved else 'refused'}-{'new' if state == post else 'old'}"] += 1
    print(f"A5 strace EIO: {len(plan)} injections, {dict(outcome)}")
    return outcome


def test_a5_kernel_eio_on_sync_calls(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    outcome = _eio_sweep(doc, appdata, tmp_path, every=7)
    assert outcome["refused-old"] > 0


@pytest.mark.slow
def test_a5_kernel_eio_on_every_sync_call(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan", BASE_TASKS)
    _eio_sweep(doc, appdata, tmp_path, every=1)
