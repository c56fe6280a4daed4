"""Messages about a refused action stay while their cause does, and clear when it is gone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.document import Project
from tests.gui.test_stage_spans import open_editor, type_into, visible_editors, wait_refused


def column(model, key):
    return next(n for n, c in enumerate(model.columns) if c.key == key)


def test_a_wrong_number_is_told_at_the_cell_and_forgotten_once_corrected(window, qtbot):
    view = window.views.show("indicators")
    index = view.model.index(0, column(view.model, "period_value"))
    editor = open_editor(qtbot, view.table, index)
    type_into(editor, "待定")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    editor = wait_refused(qtbot, window, view.table)
    assert editor.text() == "待定" and "待定" in window.notice.message
    assert "待定" in view.table.itemDelegate().bubble.text()
    qtbot.wait(300)  # no timer takes it away while the cause is there
    assert "待定" in window.notice.text()
    type_into(editor, "7")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.index(0, index.column()).data() == "7")
    assert window.notice.message == "" and view.message.text() == ""
    assert not view.table.itemDelegate().bubble.isVisible()


def test_a_refusal_from_a_gesture_clears_at_the_next_edit_undo_view_or_plan(window, qtbot, tmp_path):
    ctl = window.controller
    messages = ["Dependency cycle: TP-01 → TP-02 → TP-01", "Task TP-09: unknown predecessor X"]
    ctl.error.emit(messages[0])
    assert window.notice.message == messages[0] and window.statusBar().currentMessage() == ""
    tasks = window.views.show("tasks")  # another view: the message was about the last one
    assert window.notice.message == ""
    ctl.error.emit(messages[1])
    assert tasks.model.setData(tasks.model.index(0, column(tasks.model, "progress")), "50%")  # an edit goes through
    assert window.notice.message == ""
    ctl.error.emit(messages[0])
    ctl.undo_stack.undo()
    assert window.notice.message == ""
    ctl.error.emit(messages[1])
    ctl.problem_resolved.emit("some other message")  # only its own cause clears a message
    assert window.notice.message == messages[1]
    ctl.set_project(Project.new("Other", tasks.controller.plan().programme.start_date))
    assert window.notice.message == ""


def test_a_long_message_is_cut_with_an_ellipsis_and_shown_whole_in_the_tooltip(window):
    text = "“第1-99999999周” " + "很长的原因说明 " * 40
    window.controller.error.emit(text)
    assert window.notice.text().endswith("…") and window.notice.toolTip() == text.strip()
    assert window.notice.width() <= window.width()  # the window does not grow for it


def test_the_last_plans_banner_goes_with_it(window, tmp_path):
    window.statusBar().showMessage("This plan lives in a synced folder")
    window.controller.set_project(Project.new("Other", window.controller.plan().programme.start_date))
    assert window.statusBar().currentMessage() == ""
