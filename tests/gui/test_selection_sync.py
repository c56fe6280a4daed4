"""The task matrix and the Gantt view share one selection; a Gantt double-click opens the task in the matrix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView

from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, controller, dialogs):
    win = MainWindow(controller)
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def ids_of(controller, *codes):
    return [controller.plan().task_by_code[c].id for c in codes]


def select_rows(matrix, *codes):
    """What a user's Ctrl+clicks do: select the cells of these tasks' rows."""
    selection = QItemSelection()
    for code in codes:
        row = matrix.model.row_of(lambda t, c=code: t.code == c)
        selection.select(matrix.model.index(row, 0), matrix.model.index(row, 2))
    matrix.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def bar_point(gantt, task_id):
    row = gantt.data.row_of_task[task_id]
    gantt.scroll_to_row(row)
    bar = gantt.layout.bar(row)
    tl = gantt.timeline
    return QPoint(round((bar.x0 + bar.x1) / 2 - tl.x_offset()), round(bar.mid_y - tl.y_offset() + gantt.header_height))


def show(window, qtbot, key):
    view = window.views.show(key)
    qtbot.waitExposed(view)
    qtbot.wait(1)  # the tab switch brings the selection into view after the page is shown
    return view


def test_selecting_in_the_matrix_selects_the_same_bars_in_the_gantt(window, controller, qtbot):
    matrix = show(window, qtbot, "tasks")
    gantt = window.views["gantt"]
    emitted = []
    gantt.selection_changed.connect(emitted.append)
    select_rows(matrix, "TP-02", "EC-01")
    assert gantt.selected_tasks() == sorted(ids_of(controller, "TP-02", "EC-01"))
    assert emitted == []  # a selection applied to the Gantt is not echoed back
    select_rows(matrix, "TP-03")
    assert gantt.selected_tasks() == ids_of(controller, "TP-03")


def test_a_gantt_built_later_starts_with_the_matrix_selection(window, controller, qtbot):
    matrix = show(window, qtbot, "tasks")
    select_rows(matrix, "TP-03")
    assert "gantt" in window.views and window.views.pages["gantt"].view is None
    gantt = show(window, qtbot, "gantt")
    assert gantt.selected_tasks() == ids_of(controller, "TP-03")


def test_clicking_a_bar_selects_its_row_in_the_matrix(window, controller, qtbot):
    matrix = window.views["tasks"]
    gantt = show(window, qtbot, "gantt")
    tp2 = ids_of(controller, "TP-02")[0]
    with qtbot.waitSignal(gantt.selection_changed) as blocker:
        QTest.mouseClick(gantt.timeline.viewport(), Qt.LeftButton, Qt.NoModifier, bar_point(gantt, tp2))
    assert blocker.args == [[tp2]]
    assert matrix.selected_task_ids() == [tp2]
    row = matrix.model.row_of(lambda t: t.id == tp2)
    selected = matrix.table.selectionModel()
    assert all(selected.isSelected(matrix.model.index(row, c)) for c in range(matrix.model.columnCount()))
    assert matrix.table.currentIndex().row() == row
    assert gantt.selected_tasks() == [tp2]  # the matrix did not send it back altered
    # Clicking empty timeline clears both.
    QTest.mouseClick(gantt.timeline.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(5, gantt.timeline.viewport().height() - 5))
    assert gantt.selected_tasks() == [] and matrix.selected_task_ids() == []


def test_matrix_filter_keeps_the_shared_selection_on_visible_rows(window, controller, qtbot):
    matrix = show(window, qtbot, "tasks")
    gantt = window.views["gantt"]
    tp2, ec1 = ids_of(controller, "TP-02", "EC-01")
    select_rows(matrix, "TP-02", "EC-01")
    matrix.search.setText("TP-02")  # EC-01 is filtered out of the matrix
    assert matrix.selected_task_ids() == [tp2]
    assert gantt.selected_tasks() == sorted([tp2, ec1])  # a filter is not a selection change


def test_double_click_in_the_gantt_opens_the_task_in_the_matrix(window, controller, qtbot):
    matrix = show(window, qtbot, "tasks")
    matrix.search.setText("EC")  # the task asked for is hidden by a filter: the filter gives way
    gantt = show(window, qtbot, "gantt")
    tp3 = ids_of(controller, "TP-03")[0]
    QTest.mouseDClick(gantt.timeline.viewport(), Qt.LeftButton, Qt.NoModifier, bar_point(gantt, tp3))
    assert window.tabs.currentWidget() is window.views.pages["tasks"]
    assert matrix.search.text() == ""
    current = matrix.table.currentIndex()
    assert matrix.model.row_at(current.row()).id == tp3
    assert matrix.model.columns[current.column()].key == "name"
    assert matrix.table.state() == QAbstractItemView.State.EditingState
    assert matrix.selected_task_ids() == [tp3] and gantt.selected_tasks() == [tp3]
    assert controller.undo_stack.count() == 0


def test_switching_to_the_gantt_scrolls_the_selected_bar_into_view(window, controller, qtbot):
    gantt = show(window, qtbot, "gantt")
    gantt.set_level("day")
    tp2 = ids_of(controller, "TP-02")[0]
    hbar = gantt.timeline.horizontalScrollBar()

    def bar_start_in_view() -> bool:
        bar = gantt.layout.bar(gantt.data.row_of_task[tp2])
        return hbar.value() <= bar.x0 - gantt.x_min <= hbar.value() + hbar.pageStep()

    hbar.setValue(hbar.maximum())
    assert not bar_start_in_view()
    matrix = show(window, qtbot, "tasks")
    select_rows(matrix, "TP-02")
    hbar.setValue(hbar.maximum())  # scrolled away again while the Gantt was hidden
    show(window, qtbot, "gantt")
    assert bar_start_in_view()


def test_opening_another_plan_forgets_the_selection(window, controller, qtbot, tmp_path):
    from planner.document import Project
    from tests.gui.builders import flagos_like

    matrix = show(window, qtbot, "tasks")
    gantt = window.views["gantt"]
    select_rows(matrix, "TP-02")
    assert gantt.selected_tasks()
    other = tmp_path / "other.plan"
    flagos_like(other).close()  # the same ids name the same-shaped tasks: a stale selection would show
    controller.set_project(Project.open(other))
    assert matrix.selected_task_ids() == [] and gantt.selected_tasks() == []
    assert window.selection.ids == []
