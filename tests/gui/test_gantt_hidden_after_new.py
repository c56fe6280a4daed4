"""Clicking tasks after File > New, Close or another plan, with the Gantt built but not shown since: no error box."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from PySide6.QtCore import Qt

from tests.gui.builders import flagos_like
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, controller, dialogs, monkeypatch):
    errors = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: errors.append(exc))
    win = MainWindow(controller)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    win.errors = errors
    return win


def show(window, qtbot, key):
    view = window.views.show(key)
    qtbot.waitExposed(view)
    qtbot.wait(1)
    return view


def click_every_row(window, qtbot):
    matrix = window.views["tasks"]
    for row in range(len(matrix.model.visible_rows())):  # every task (not the blank row for a new one)
        rect = matrix.table.visualRect(matrix.model.index(row, 1))
        QTest.mouseClick(matrix.table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    qtbot.wait(1)


def test_clicking_tasks_after_new_with_the_gantt_hidden(window, qtbot, dialogs):
    show(window, qtbot, "gantt")  # the Gantt is built on the first plan ...
    matrix = show(window, qtbot, "tasks")
    window.new_action.trigger()  # ... and not shown again after New
    window.add_task_action.trigger()
    window.add_task_action.trigger()
    click_every_row(window, qtbot)
    assert window.errors == [] and not [s for s in dialogs.shown if s[0] in ("warning", "critical")]
    assert len(matrix.selected_task_ids()) == 1
    gantt = show(window, qtbot, "gantt")  # shown now: its rows are the new plan's, the selection kept
    assert gantt.selected_tasks() == matrix.selected_task_ids()
    assert len(gantt.data.rows) >= 2


def test_clicking_tasks_after_close_and_open_with_the_gantt_hidden(window, qtbot, dialogs, tmp_path):
    show(window, qtbot, "gantt")
    show(window, qtbot, "tasks")
    window.close_action.trigger()
    other = tmp_path / "other.plan"
    flagos_like(other).close()
    assert window.documents.open_path(other)
    click_every_row(window, qtbot)
    window.new_action.trigger()
    window.add_task_action.trigger()
    click_every_row(window, qtbot)
    assert window.errors == [] and not [s for s in dialogs.shown if s[0] in ("warning", "critical")]
    gantt = show(window, qtbot, "gantt")
    assert gantt.selected_tasks() == window.views["tasks"].selected_task_ids()
