"""The window's answers to the document layer's safety signals: a lock from another computer,
a damaged plan with a saved copy, a read-only folder, and a sample opened as a new plan."""

from __future__ import annotations

import json
import shutil

from PySide6.QtWidgets import QMessageBox

from planner.document import Project
from planner.document.lock import lock_path


def _foreign_lock(document):
    """A lock file as another laptop's instance would leave it in a synced folder."""
    lock_path(document).write_text(json.dumps(
        {"user": "colleague", "host": "another-laptop", "pid": 4242, "time": "2025-04-18T09:00:00+08:00"}))


def test_lock_from_another_computer_can_be_taken_over(window, dialogs, tmp_path, monkeypatch):
    other = tmp_path / "shared.plan"
    Project.create(other, "共享计划", window.controller.plan().programme.start_date).close()
    _foreign_lock(other)
    offered = []
    monkeypatch.setattr(type(window.documents), "ask_locked_choice",
                        lambda self, text, *, can_take_over: offered.append((text, can_take_over)) or "take_over")
    assert window.documents.open_path(other)
    text, can_take_over = offered[-1]
    assert can_take_over and "another-laptop" in text
    project = window.controller.project
    assert project.path == other and not project.read_only
    assert json.loads(lock_path(other).read_text())["host"] != "another-laptop"


def test_lock_from_another_computer_is_never_taken_silently(window, dialogs, tmp_path, monkeypatch):
    other = tmp_path / "shared.plan"
    Project.create(other, "共享计划", window.controller.plan().programme.start_date).close()
    _foreign_lock(other)
    before = lock_path(other).read_bytes()
    monkeypatch.setattr(type(window.documents), "ask_locked_choice", lambda self, text, *, can_take_over: None)
    assert not window.documents.open_path(other)
    assert lock_path(other).read_bytes() == before


def test_damaged_plan_offers_its_saved_copy_and_stays_untouched(window, dialogs, tmp_path):
    path = tmp_path / "report.plan"
    project = Project.create(path, "月度计划", window.controller.plan().programme.start_date)
    project.save()  # a second save keeps the first version as a backup in app-data
    project.close()
    assert Project.backups(path), "saving should keep a backup copy"
    path.write_bytes(path.read_bytes()[:2048])  # truncated, as by an interrupted sync
    damaged = path.read_bytes()
    dialogs.answer = QMessageBox.StandardButton.Open
    assert window.documents.open_path(path)
    assert "report.plan" in dialogs.shown[-1][1]
    assert window.controller.project.path is None  # opened as a new plan: Save asks for a name
    assert window.controller.plan().programme.name == "月度计划"
    assert path.read_bytes() == damaged


def test_plan_in_a_synced_folder_shows_a_warning(window, dialogs, tmp_path, monkeypatch):
    synced = tmp_path / "OneDrive"
    synced.mkdir()
    path = synced / "plan.plan"
    Project.create(path, "同步计划", window.controller.plan().programme.start_date).close()
    monkeypatch.setenv("OneDrive", str(synced))  # how Windows announces its OneDrive root
    assert window.documents.open_path(path)
    assert "synced folder" in window.statusBar().currentMessage()


def test_sample_opens_as_untitled_and_is_never_written(window, dialogs, tmp_path):
    from planner.samples import sample_path

    sample = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), sample)
    before = sample.read_bytes()
    assert window.documents.open_untitled_copy(sample)
    project = window.controller.project
    assert project.path is None and not project.read_only
    assert not lock_path(sample).exists()
    project.close()
    assert sample.read_bytes() == before


def test_a_damaged_lock_can_be_taken_over_from_the_window(window, dialogs, tmp_path, monkeypatch):
    other = tmp_path / "shared.plan"
    Project.create(other, "共享计划", window.controller.plan().programme.start_date).close()
    lock_path(other).write_bytes(b"")  # empty: a crash while it was written, or a sync client's truncation
    offered = []
    monkeypatch.setattr(type(window.documents), "ask_locked_choice",
                        lambda self, text, *, can_take_over: offered.append((text, can_take_over)) or "take_over")
    assert window.documents.open_path(other)
    text, can_take_over = offered[-1]
    assert can_take_over and "cannot be read" in text and "unknown" not in text
    assert window.controller.project.path == other and not window.controller.project.read_only


def test_a_folder_named_like_a_plan_is_told_not_raised(window, dialogs, tmp_path):
    folder = tmp_path / "x.plan"
    folder.mkdir()
    assert not window.documents.open_path(folder)
    assert "folder" in dialogs.shown[-1][1]
    assert window.controller.project is not None  # the window goes on with its plan
