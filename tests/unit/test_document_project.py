"""The Project facade: create, open, save, save as, close; working copy, recovery, backups."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3

import pytest

from planner import model as m
from planner.document import paths, workcopy
from planner.document.faultcli import add_chained_task
from planner.document.lock import lock_path
from planner.document.project import Project
from planner.errors import FileLocked, ReadOnlyDocument, SaveFailed
from tests.unit.test_document_support import (  # noqa: F401 - fixtures
    appdata,
    assert_consistent,
    codes,
    docs,
    make_plan,
    siblings,
)


def test_create_edit_save_reopen(appdata, docs):
    project = Project.create(docs / "新计划", "新计划", dt.date(2025, 1, 6))
    assert project.path == docs / "新计划.plan" and not project.dirty
    project.run(add_chained_task, "TP-01")
    assert project.dirty
    project.save()
    assert not project.dirty
    project.close()
    assert_consistent(docs / "新计划.plan")
    again = Project.open(docs / "新计划.plan")
    assert codes(again) == ["TP-01"]
    assert again.read(lambda s: s.get(m.Programme, 1).name) == "新计划"
    again.close()


def test_working_copy_lives_in_app_data_and_goes_away_on_close(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)
    assert project.work_dir.parent == paths.work_root()
    assert str(project.work_dir).startswith(str(appdata))
    manifest = json.loads((project.work_dir / "session.json").read_text())
    assert manifest["document"] == str(doc) and manifest["pid"] == os.getpid()
    project.close()
    assert list(paths.work_root().iterdir()) == []


def test_unsaved_flag_follows_edits_and_saves(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)

    def unsaved():
        return json.loads((project.work_dir / "session.json").read_text())["unsaved"]

    assert unsaved() is False
    project.run(add_chained_task, "N-1")
    assert unsaved() is True
    project.save()
    assert unsaved() is False
    project.close()


def test_second_open_in_the_same_process_is_refused(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)
    with pytest.raises(FileLocked, match="already open"):
        Project.open(doc)
    project.close()


def test_save_as_moves_the_lock_and_refuses_a_locked_target(appdata, docs):
    first = make_plan(docs / "a.plan")
    other = make_plan(docs / "b.plan")
    holder = Project.open(other)
    project = Project.open(first)
    with pytest.raises(FileLocked):
        project.save_as(other)
    assert project.path == first and lock_path(first).exists()
    holder.close()
    project.save_as(docs / "c")
    assert project.path == docs / "c.plan"
    assert not lock_path(first).exists() and lock_path(docs / "c.plan").exists()
    project.close()
    assert siblings(docs) == ["a.plan", "b.plan", "c.plan"]


def test_untitled_plan_needs_save_as(appdata, docs):
    project = Project.new("草稿", dt.date(2025, 1, 6))
    with pytest.raises(SaveFailed, match="Save As"):
        project.save()
    project.save_as(docs / "草稿.plan")
    project.close()
    assert siblings(docs) == ["草稿.plan"]


def test_read_only_open_cannot_edit_or_save_but_can_save_as(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc, read_only=True)
    assert siblings(docs) == ["plan.plan"]  # a reader takes no lock
    with pytest.raises(ReadOnlyDocument):
        project.run(add_chained_task, "X")
    with pytest.raises(ReadOnlyDocument):
        project.save()
    project.save_as(docs / "copy.plan")
    assert not project.read_only
    project.run(add_chained_task, "X")
    project.save()
    project.close()


def test_autosave_checkpoints_edits_into_the_working_file(appdata, docs, tmp_path):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)
    project.run(add_chained_task, "N-1")
    project.autosave()
    alone = tmp_path / "alone.sqlite"
    shutil.copy(project.work_path, alone)  # without its -wal: only checkpointed data
    con = sqlite3.connect(alone)
    assert ("N-1",) in con.execute("SELECT code FROM task").fetchall()
    con.close()
    project.close()


def test_save_reports_progress(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)
    seen = []
    project.save(overwrite=True, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    project.close()


def test_saved_versions_are_kept_and_rotated(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    project = Project.open(doc)
    for i in range(8):
        project.run(add_chained_task, f"N-{i}")
        project.save()
    project.close()
    saved = [p for p in Project.backups(doc) if p.name.startswith("saved-")]
    assert len(saved) == workcopy.BACKUPS_KEPT
    newest = Project.open(saved[0], read_only=True)
    assert "N-7" in codes(newest)
    newest.close()


def test_recoverable_lists_only_dead_sessions_and_discard_removes(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    live = Project.open(doc)
    live.run(add_chained_task, "N-1")
    assert Project.recoverable() == []  # our own live session is not an orphan
    data = json.loads((live.work_dir / "session.json").read_text())
    live.engine.dispose()
    live.lock.release()
    data["pid"] = 2**22 + 12345  # a process that does not exist: the session "crashed"
    (live.work_dir / "session.json").write_text(json.dumps(data))
    (entry,) = Project.recoverable(doc)
    assert entry.unsaved and entry.title == "plan" and entry.last_edit <= dt.datetime.now()
    Project.discard(entry)
    assert Project.recoverable() == []


def test_recover_an_untitled_plan(appdata, docs):
    project = Project.new("未命名", dt.date(2025, 1, 6))
    project.run(add_chained_task, "U-1")
    project.engine.dispose()
    data = json.loads((project.work_dir / "session.json").read_text())
    data["pid"] = 2**22 + 12346
    (project.work_dir / "session.json").write_text(json.dumps(data))
    (entry,) = Project.recoverable()
    assert entry.document is None and entry.title == "未命名"
    recovered = Project.recover(entry)
    assert codes(recovered) == ["U-1"] and recovered.path is None and recovered.dirty
    recovered.save_as(docs / "找回.plan")
    recovered.close()
    assert siblings(docs) == ["找回.plan"]


def test_detach_turns_an_opened_sample_into_an_untitled_plan(appdata, docs):
    sample = make_plan(docs / "sample.plan")
    before = sample.read_bytes()
    project = Project.open(sample, read_only=True)
    project.detach("我的计划")
    assert project.path is None and not project.read_only and project.title == "我的计划"
    manifest = json.loads((project.work_dir / "session.json").read_text())
    assert manifest["document"] is None
    project.run(add_chained_task, "N-1")
    with pytest.raises(SaveFailed, match="Save As"):
        project.save()
    project.save_as(docs / "mine.plan")
    project.close()
    assert sample.read_bytes() == before


def test_save_keeps_the_files_permission_bits(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    os.chmod(doc, 0o664)  # shared with the team's group
    project = Project.open(doc)
    project.run(add_chained_task, "N-1")
    project.save()
    project.close()
    assert os.stat(doc).st_mode & 0o777 == 0o664
