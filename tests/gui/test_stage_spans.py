"""Stage spans typed in the roadmap: every task notation, refusals kept at the cell, tasks outside flagged."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from ui import theme

SPAN = 1  # the roadmap's span column


def open_editor(qtbot, table, index) -> QLineEdit:
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in table.findChildren(QLineEdit)))
    return next(e for e in table.findChildren(QLineEdit) if e.isVisible())


def type_into(editor: QLineEdit, text: str) -> None:
    editor.selectAll()
    editor.insert(text)  # as typed (QTest cannot send Chinese characters)


def visible_editors(table) -> list[QLineEdit]:
    return [e for e in table.findChildren(QLineEdit) if e.isVisible()]


def wait_refused(qtbot, window, table) -> QLineEdit:
    """Until the editor has opened again after the refusal (the commit runs after the key press)."""
    bubble = table.itemDelegate().bubble
    qtbot.waitUntil(lambda: "Esc" in bubble.text() and window.notice.message != "")
    return visible_editors(table)[0]


def test_a_span_in_weeks_is_accepted_and_shown_as_typed(window, qtbot):
    view = window.views.show("roadmap")
    index = view.model.index(0, SPAN)
    editor = open_editor(qtbot, view.table, index)
    type_into(editor, "第1-8周")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.index(0, SPAN).data() == "第1-8周")
    stage = window.controller.plan().stages[0]
    assert (stage.start_month, stage.start_date, stage.end_date) == (None, dt.date(2025, 1, 6), dt.date(2025, 3, 2))
    assert "2025-01-06 至 2025-03-02" in view.model.index(0, SPAN).data(Qt.ItemDataRole.ToolTipRole)
    window.controller.undo_stack.undo()  # one step back to 0-6 个月
    assert view.model.index(0, SPAN).data() == "0-6 个月"


def test_a_refused_span_keeps_the_text_and_explains_at_the_cell_until_escape(window, qtbot):
    view = window.views.show("roadmap")
    index = view.model.index(0, SPAN)
    editor = open_editor(qtbot, view.table, index)
    type_into(editor, "下个季度")
    bubble = view.table.itemDelegate().bubble
    assert bubble.isVisible() and "下个季度" in bubble.text()  # while typing already
    QTest.keyClick(editor, Qt.Key.Key_Return)
    editor = wait_refused(qtbot, window, view.table)
    assert editor.text() == "下个季度"
    assert bubble.isVisible() and "0-6 个月" in bubble.text()
    cell = view.table.visualRect(index)  # the bubble is beside the cell, not in the status bar only
    assert abs(bubble.geometry().top() - cell.bottom()) < 40 or bubble.geometry().intersects(cell)
    assert "下个季度" in window.notice.message
    assert view.model.index(0, SPAN).data() == "0-6 个月"  # nothing changed
    assert window.controller.undo_stack.count() == 0
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not visible_editors(view.table))
    assert not bubble.isVisible()
    assert window.notice.message == "" and window.notice.text() == ""  # its cause is gone


def test_correcting_a_refused_span_commits_it_and_clears_every_message(window, qtbot):
    view = window.views.show("roadmap")
    editor = open_editor(qtbot, view.table, view.model.index(0, SPAN))
    type_into(editor, "第8-1周")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    editor = wait_refused(qtbot, window, view.table)
    assert editor.text() == "第8-1周" and "runs backwards" in window.notice.message
    type_into(editor, "W1-W12")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.index(0, SPAN).data() == "第1-12周")
    assert not view.table.itemDelegate().bubble.isVisible()
    assert window.notice.message == ""


def test_a_task_outside_its_stage_is_flagged_in_the_task_matrix(window, qtbot):
    """基础建设期 is 0-6 个月; after narrowing it to 0-2 个月, TP-02 (第4-22周) runs outside it."""
    tasks = window.views.show("tasks")
    span = next(n for n, c in enumerate(tasks.model.columns) if c.key == "span")
    row = tasks.model.row_of(lambda t: t.code == "TP-02")
    cell = tasks.model.index(row, span)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None
    roadmap = window.views.show("roadmap")
    assert roadmap.model.setData(roadmap.model.index(0, SPAN), "0-2 个月")
    cell = tasks.model.index(tasks.model.row_of(lambda t: t.code == "TP-02"), span)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == theme.status_colour("warn")
    assert "TP-02 (第4-22周) runs outside its stage 基础建设期 (0-2 个月" in cell.data(Qt.ItemDataRole.ToolTipRole)
    tp01 = tasks.model.index(tasks.model.row_of(lambda t: t.code == "TP-01"), span)
    assert tp01.data(Qt.ItemDataRole.BackgroundRole) is None  # 第1-8周 fits 0-2 个月 (eight four-week weeks)
    window.controller.undo_stack.undo()
    cell = tasks.model.index(tasks.model.row_of(lambda t: t.code == "TP-02"), span)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None
