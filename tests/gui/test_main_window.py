"""The application shell: title asterisk, Edit menu names, close prompt, recovery, locks, drops, errors."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from planner.document import Project
from ui import crash, i18n, settings
from ui.main_window import MainWindow


def edit_progress(win, value="45%"):
    view = win.views["tasks"]
    col = next(n for n, c in enumerate(view.model.columns) if c.key == "progress")
    assert view.model.setData(view.model.index(0, col), value)


def test_asterisk_while_unsaved_and_edit_menu_names_the_action(window, controller):
    assert not window.isWindowModified()
    edit_progress(window)
    assert window.isWindowModified()
    assert "flagos.plan[*]" in window.windowTitle()
    assert "Progress" in window.undo_action.text() and "TP-01" in window.undo_action.text()
    window.undo_action.trigger()
    assert not window.isWindowModified()
    assert "TP-01" in window.redo_action.text()
    window.redo_action.trigger()
    window.save_action.trigger()
    assert not window.isWindowModified()


def test_close_prompt_cancel_keeps_the_window_and_discard_closes(window, dialogs):
    edit_progress(window)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()
    assert dialogs.shown and "Save the changes" in dialogs.shown[-1][1]
    dialogs.answer = QMessageBox.StandardButton.Discard
    window.close()
    assert not window.isVisible()


def test_close_prompt_save_writes_the_file(window, dialogs, plan_path):
    edit_progress(window, "70%")
    dialogs.answer = QMessageBox.StandardButton.Save
    window.close()
    assert not window.isVisible()
    with Project.open(plan_path) as again:
        from planner.plan import load_plan
        assert again.read(load_plan).task_by_code["TP-01"].progress == pytest.approx(0.7)


def test_save_as_untitled_then_recent_files(window, dialogs, tmp_path):
    window.documents.new_plan()
    assert "[*]" in window.windowTitle()
    dialogs.save_path = str(tmp_path / "新计划")
    window.save_action.trigger()  # untitled: Save asks for a name
    assert (tmp_path / "新计划.plan").exists()
    assert settings.recent_files()[0].endswith("新计划.plan")
    assert window.recent_menu.actions()[0].text().endswith("新计划.plan")


def test_plan_open_elsewhere_is_offered_read_only(window, dialogs, tmp_path):
    other = tmp_path / "other.plan"
    holder = Project.create(other, "其他计划", window.controller.plan().programme.start_date)
    try:
        dialogs.answer = QMessageBox.StandardButton.Cancel
        assert not window.documents.open_path(other)
        assert "other.plan" in dialogs.shown[-1][1] and "read-only" in dialogs.shown[-1][1]
        dialogs.answer = QMessageBox.StandardButton.Open
        assert window.documents.open_path(other)
        assert window.controller.project.read_only
        assert "read-only" in window.windowTitle()
        view = window.views["tasks"]
        assert not view.model.flags(view.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable if view.model.rowCount() else True
    finally:
        holder.close()


def test_user_errors_get_a_message_box_not_a_traceback(window, dialogs, tmp_path):
    bogus = tmp_path / "notes.plan"
    bogus.write_bytes(b"just some text, not a plan")
    assert not window.documents.open_path(bogus)
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and "notes.plan" in text and "Traceback" not in text


def test_dropping_a_plan_opens_it(window, tmp_path):
    from tests.gui.builders import flagos_like
    dropped = tmp_path / "dropped.plan"
    flagos_like(dropped).close()
    window.open_dropped([str(dropped)])
    assert window.controller.project.path.name == "dropped.plan"


def test_unexpected_exception_is_logged_and_shown(window, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())) or 0)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        crash.excepthook(*sys.exc_info())
    assert "boom" in shown[-1][0] and "Traceback" not in shown[-1][0]
    assert "RuntimeError" in shown[-1][1]
    assert any("boom" in r.getMessage() or "boom" in str(r.exc_text) for r in caplog.records) or "boom" in caplog.text
    assert window.isVisible()  # still working


def test_window_layout_is_remembered(qtbot, controller, dialogs):
    first = MainWindow(controller)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.tabs.setCurrentIndex(2)
    first.save_layout()
    second = MainWindow(controller)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.tabs.currentIndex() == 2
    assert settings.settings().value("window/geometry") == first.saveGeometry()
    # (the offscreen screen is 800x800, so the restored size is clamped to it and not compared)


def test_every_action_is_in_a_menu_with_a_tooltip(window):
    in_menus = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu():
                    stack.append(action.menu())
                elif not action.isSeparator():
                    in_menus.add(action)
                    assert action.toolTip(), action.text()
    for action in (window.new_action, window.open_action, window.save_action, window.save_as_action,
                   window.close_action, window.undo_action, window.redo_action, window.quit_action):
        assert action in in_menus
    assert window.save_action.shortcut().toString() == "Ctrl+S"


def test_chinese_translation_is_loaded(qapp):
    try:
        assert i18n.install(qapp, "zh_CN") == "zh_CN"
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("Column", "Dependencies") == "依赖项"
        assert QCoreApplication.translate("Column", "核心技术部") == "核心技术部"  # user text passes through
    finally:
        i18n.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


CRASHING_SESSION = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from planner.document import Project
    from planner.plan import load_plan
    from planner.services import tasks
    from tests.gui.builders import flagos_like
    project = flagos_like({path!r})
    project.close()
    project = Project.open({path!r})
    task = project.read(load_plan).task_by_code["TP-01"]
    project.run(tasks.update_task, task.id, progress=0.55)
    os._exit(0)  # the "crash": no close, the working copy stays behind
""")


def crash_while_editing(path):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    script = CRASHING_SESSION.format(root=root, path=str(path))
    subprocess.run([sys.executable, "-c", script], check=True, env=dict(os.environ), timeout=60)


def test_recovery_is_offered_after_a_crash(window, dialogs, tmp_path):
    path = tmp_path / "crashed.plan"
    crash_while_editing(path)
    dialogs.recovery = "recover"
    assert window.documents.offer_recovery()
    assert "crashed.plan" in dialogs.shown[-1][1]
    assert window.controller.plan().task_by_code["TP-01"].progress == pytest.approx(0.55)
    assert window.isWindowModified()
    assert window.controller.project.path.name == "crashed.plan"


def test_user_errors_are_told_in_chinese(qapp, controller, tmp_path):
    from planner.errors import NotAPlanFile
    from ui.messages import user_message
    from ui.views.task_model import TaskTableModel
    try:
        i18n.install(qapp, "zh_CN")
        model = TaskTableModel(controller)
        deps = next(n for n, c in enumerate(model.columns) if c.key == "deps")
        assert not model.setData(model.index(0, deps), "TP-02")
        assert model.last_error == "依赖形成循环：TP-01 → TP-02 → TP-01"
        assert user_message(NotAPlanFile("x.plan is not a Roadmap Planner plan.")).startswith("此文件不是")
    finally:
        i18n.install(qapp, "en")


def test_autosave_runs_only_while_there_are_unsaved_edits(window, monkeypatch):
    calls = []
    monkeypatch.setattr(type(window.controller.project), "autosave", lambda self: calls.append(self.path))
    window.documents.autosave_timer.timeout.emit()
    assert calls == []
    edit_progress(window)
    window.documents.autosave_timer.timeout.emit()
    assert len(calls) == 1


def test_saving_over_a_file_changed_on_disk_asks_first(window, monkeypatch, plan_path):
    asked = []
    monkeypatch.setattr(window.documents, "_resolve_changed_on_disk", lambda exc: asked.append(str(exc)) or False)
    edit_progress(window)
    stat = plan_path.stat()
    plan_path.write_bytes(plan_path.read_bytes() + b"\0" * 512)  # another program rewrote it
    os.utime(plan_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert not window.documents.save()
    assert asked and "flagos.plan" in asked[0]
    assert window.isWindowModified()


def test_dropping_workbooks_hands_them_to_the_excel_import(window, monkeypatch, tmp_path):
    excel_actions = pytest.importorskip("ui.excel_actions")
    received = []
    monkeypatch.setattr(excel_actions, "import_workbooks", lambda parent, ctl, paths: received.append(paths) or True)
    window.open_dropped([str(tmp_path / "数据统计模板.xlsx"), str(tmp_path / "notes.txt")])
    assert received == [[tmp_path / "数据统计模板.xlsx"]]


def test_opening_a_crashed_plan_offers_its_unsaved_edits(window, dialogs, tmp_path):
    path = tmp_path / "crashed.plan"
    crash_while_editing(path)
    dialogs.recovery = "discard"
    assert window.documents.open_path(path)  # declined: the saved file opens, edits dropped
    assert "crashed.plan" in dialogs.shown[-1][1]
    assert window.controller.plan().task_by_code["TP-01"].progress == 0
    assert Project.recoverable(path) == []


def test_language_switch_rebuilds_the_window_keeping_the_document(qtbot, controller, dialogs, qapp):
    window = MainWindow(controller)  # not handed to qtbot: the switch deletes it
    window.show()
    edit_progress(window)
    try:
        new = window._set_language("zh_CN")
        qtbot.addWidget(new)
        assert new.menuBar().actions()[0].text() == "文件(&F)"
        assert new.controller is window.controller and new.isWindowModified()
        assert "TP-01" in new.undo_action.text()
        assert settings.language() == "zh_CN"
        new.undo_action.trigger()
        assert not new.isWindowModified()
    finally:
        i18n.install(qapp, "en")
