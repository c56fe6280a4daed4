"""The head-count tab: capacity set in its table (one undo step), bars over it shown, the tasks behind a bar."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt

from planner.capacity import MONTH, ROLE, TEAM, WEEK
from planner.document import Project
from planner.resources import resource_path
from ui.controller import DocumentController

ADAPTER = "适配工程师"  # ×12 on TP-02 and more on TP-03/TP-04: 27 heads in some months


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    from ui.main_window import MainWindow

    copy = tmp_path / "flagos.plan"
    shutil.copy(resource_path("samples", "flagos.plan"), copy)
    ctl = DocumentController(Project.open(copy))
    win = MainWindow(ctl)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    ctl.undo_stack.setClean()
    win.documents.autosave_timer.stop()
    if ctl.project is not None:
        ctl.project.close()


def headcount(win, by=ROLE, unit=MONTH):
    view = win.views.show("headcount")
    view.set_mode(by, unit)
    return view


def capacity_cell(view, key):
    row = view.model.row_of(lambda r: r.name == key)
    column = next(n for n, c in enumerate(view.model.columns) if c.key == "capacity")
    return view.model.index(row, column)


def bar_centre(view, index):
    return view.histogram.columns[index].center().toPoint()


def test_capacity_typed_in_the_table_is_one_undo_step_and_shows_over_allocation(window, qtbot):
    view = headcount(window)
    view.select_key(ADAPTER)
    assert "Set a capacity" in view.summary.text()
    series = view.current_series()
    assert series.capacity is None and not series.over()
    stack = window.controller.undo_stack
    before = stack.count()
    assert view.model.setData(capacity_cell(view, ADAPTER), "12")
    assert stack.count() == before + 1
    role = next(r for r in window.controller.plan().roles if r.name == ADAPTER)
    assert role.capacity == 12
    series = view.current_series()
    over = series.over()
    assert series.capacity == 12 and over and all(series.heads[n] > 12 for n in over)
    assert view.summary.text() == "Roles over capacity: 1 · bars over capacity: %d" % len(over)
    assert "capacity 12" in view.caption.text()
    assert view.histogram.selected in over  # the peak bar shown before is over it now, its tasks listed
    assert view.tasks.rowCount() >= 2
    background = view.model.data(capacity_cell(view, ADAPTER), Qt.ItemDataRole.BackgroundRole)
    assert background is not None  # the row is marked in the table too
    stack.undo()
    assert next(r for r in window.controller.plan().roles if r.name == ADAPTER).capacity is None
    assert not view.current_series().over()
    stack.redo()
    assert view.current_series().capacity == 12


def test_a_capacity_that_is_not_a_whole_number_is_refused_with_a_message(window, qtbot):
    view = headcount(window)
    errors = []
    window.controller.error.connect(errors.append)
    count = window.controller.undo_stack.count()
    assert not view.model.setData(capacity_cell(view, ADAPTER), "twelve")
    assert not view.model.setData(capacity_cell(view, ADAPTER), "-3")
    assert window.controller.undo_stack.count() == count
    assert errors and "whole number" in errors[-1] and "-3" in errors[-1]


def test_a_role_put_in_a_team_counts_there_against_the_team_capacity(window, qtbot):
    ctl = window.controller
    team = ctl.plan().teams[0]
    view = headcount(window, ROLE, MONTH)
    column = next(n for n, c in enumerate(view.model.columns) if c.key == "team")
    cell = view.model.index(view.model.row_of(lambda r: r.name == ADAPTER), column)
    assert view.model.setData(cell, team.id)  # the Team column's choice
    assert view.model.data(cell) == team.name
    view = headcount(window, TEAM, MONTH)
    assert view.model.setData(capacity_cell(view, team.name), "20")
    assert next(t for t in ctl.plan().teams if t.id == team.id).capacity == 20
    view.select_key(team.name)
    series = view.current_series()
    assert series.key == team.name and series.capacity == 20 and series.over()


def test_the_tasks_behind_a_bar_are_listed_and_open_in_the_task_matrix(window, qtbot):
    view = headcount(window, ROLE, MONTH)
    view.select_key(ADAPTER)
    series = view.current_series()
    peak = series.heads.index(series.peak)
    qtbot.mouseClick(view.histogram, Qt.MouseButton.LeftButton, pos=bar_centre(view, peak))
    assert view.histogram.selected == peak
    rows = view.tasks.rowCount()
    heads = sum(int(view.tasks.item(r, 3).text()) for r in range(rows))
    assert rows >= 2 and heads == series.peak == 27
    codes = {view.tasks.item(r, 0).text() for r in range(rows)}
    assert "TP-02" in codes
    assert all(view.tasks.item(r, 2).text() == ADAPTER for r in range(rows))
    assert all(view.tasks.item(r, 4).text() <= view.tasks.item(r, 5).text() for r in range(rows))
    assert view.load.label(peak) in view.tasks_label.text() and "27" in view.tasks_label.text()
    qtbot.mouseDClick(view.histogram, Qt.MouseButton.LeftButton, pos=bar_centre(view, peak))
    assert view.tasks.hasFocus() or view.tasks.selectionModel().selectedRows()
    target = next(r for r in range(rows) if view.tasks.item(r, 0).text() == "TP-02")
    view.tasks.selectRow(target)
    assert view.open_button.isEnabled()
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget().key == "tasks"
    matrix = window.views["tasks"]
    task = next(t for t in window.controller.plan().tasks if t.code == "TP-02")
    assert matrix.selected_task_ids() == [task.id]


def test_by_week_and_by_month_and_arrow_keys_move_the_bar(window, qtbot):
    view = headcount(window, ROLE, WEEK)
    view.select_key(ADAPTER)
    weeks = len(view.load.periods)
    view.set_mode(ROLE, MONTH)
    view.select_key(ADAPTER)
    months = len(view.load.periods)
    assert weeks > 3 * months > 0
    assert view.load.label(0).count("-") == 1 and "W" not in view.load.label(0)
    view.histogram.setFocus()
    start = view.histogram.selected
    qtbot.keyClick(view.histogram, Qt.Key.Key_Right)
    assert view.histogram.selected == min(start + 1, months - 1)
    assert view.load.label(view.histogram.selected) in view.tasks_label.text() or view.tasks.rowCount() == 0


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_headcount_view_prints_one_histogram_per_role_with_header_and_chinese(window, tmp_path):
    from ui.printing import actions
    from ui.printing.page import PrintOptions, header_of, write_pdf

    view = headcount(window, ROLE, MONTH)
    view.model.setData(capacity_cell(view, ADAPTER), "12")
    source = actions.source_for(window)
    pdf = tmp_path / "headcount.pdf"
    count = write_pdf(pdf, source, header_of(window.controller.plan(), source.title), PrintOptions(pages_wide=1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    roles = len(view.load.series)
    assert len(pages) == count == -(-roles // source.per_page) and count >= 2
    title = window.tabs.tabText(window.tabs.currentIndex())
    for number, page in enumerate(pages, 1):
        assert "FlagOS" in page and title in page and f"Page {number} of {count}" in page
    assert ADAPTER in pages[0] and "capacity 12" in pages[0] and "over capacity in" in pages[0]
    assert all(s.key in text for s in view.load.series)  # every role is on paper
    assert "2025-04" in pages[0]  # the month axis is text too
