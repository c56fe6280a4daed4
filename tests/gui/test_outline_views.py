"""The work breakdown in the task matrix and the Gantt: indent/outdent as MS Project with one undo
step each, folding shared by both views, summary rows read-only where rolled up, owner column and
filter, estimated durations, and the conflict column, status bar and `planner validate` agreeing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from planner.cli.cmd_validate import validate_plan
from planner.gantt.hit import ROW, hit_test
from planner.schedule import ConflictKind
from planner.services import tasks as task_services
from ui.commands import JournalCommand


def column(model, key):
    return next(n for n, c in enumerate(model.columns) if c.key == key)


def cell(view, code, key):
    row = view.model.row_of(lambda t: t.code == code)
    assert row >= 0, f"{code} not shown"
    return view.model.index(row, column(view.model, key)).data()


def matrix(window):
    view = window.views.show("tasks")
    view.clear_filters()
    return view


def select(view, *codes):
    view.select_task_ids([view.controller.plan().task_by_code[c].id for c in codes])


def shown(view):
    return [t.code for t in view.model.visible_rows()]


def test_alt_shift_right_indents_and_one_undo_puts_it_back(qtbot, window):
    view = matrix(window)
    select(view, "TP-02", "TP-03")
    view.table.setFocus()
    QTest.keyClick(window, Qt.Key_Right, Qt.AltModifier | Qt.ShiftModifier)
    assert window.controller.undo_stack.count() == 1
    assert [cell(view, c, "wbs") for c in ("TP-01", "TP-02", "TP-03", "EC-01")] == ["1", "1.1", "1.2", "2"]
    plan = window.controller.plan()
    assert plan.task_by_id[plan.task_by_code["TP-02"].parent_id].code == "TP-01"
    # the summary's dates are its sub-tasks' span now, and read-only on its row
    summary = view.model.index(view.model.row_of(lambda t: t.code == "TP-01"), column(view.model, "span"))
    assert not view.model.flags(summary) & Qt.ItemFlag.ItemIsEditable
    assert summary.data() == "第4-22周"  # as MS Project: its own dates give way to its sub-tasks'
    window.controller.undo_stack.undo()
    assert [cell(view, c, "wbs") for c in ("TP-01", "TP-02", "TP-03")] == ["1", "2", "3"]
    assert cell(view, "TP-01", "span") == "第1-8周"
    window.controller.undo_stack.redo()
    assert cell(view, "TP-03", "wbs") == "1.2"


def test_outdent_button_and_alt_shift_left(qtbot, window):
    view = matrix(window)
    select(view, "TP-02", "TP-03")
    view.indent()
    select(view, "TP-02")
    QTest.keyClick(window, Qt.Key_Left, Qt.AltModifier | Qt.ShiftModifier)
    # as MS Project: TP-02 back at the top, and TP-03 (below it under TP-01) now under TP-02
    assert [cell(view, c, "wbs") for c in ("TP-01", "TP-02", "TP-03")] == ["1", "2", "2.1"]
    assert window.controller.undo_stack.count() == 2


def test_folding_a_summary_hides_its_tasks_in_the_matrix_and_the_gantt(qtbot, window):
    view = matrix(window)
    select(view, "TP-02", "TP-03")
    view.indent()
    summary_row = view.model.row_of(lambda t: t.code == "TP-01")
    name = column(view.model, "name")
    rect = view.table.visualRect(view.model.index(summary_row, name))
    QTest.mouseClick(view.table.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(rect.left() + 7, rect.center().y()))
    assert shown(view) == ["TP-01", "EC-01"]
    assert window.controller.undo_stack.count() == 1  # folding is not an edit
    gantt = window.views.show("gantt")
    assert [r.code for r in gantt.data.rows if r.kind == "task"] == ["TP-01", "EC-01"]
    assert gantt.data.rows[gantt.data.row_of_task[window.controller.plan().task_by_code["TP-01"].id]].collapsed
    gantt.toggle_group(gantt.data.row_of_task[window.controller.plan().task_by_code["TP-01"].id])
    assert "TP-02" in [r.code for r in gantt.data.rows]
    assert shown(matrix(window)) == ["TP-01", "TP-02", "TP-03", "EC-01"]


def test_summary_bar_spans_its_tasks_with_end_caps_and_is_not_dragged(qtbot, window):
    view = matrix(window)
    select(view, "TP-02", "TP-03")
    view.indent()
    gantt = window.views.show("gantt")
    plan = window.controller.plan()
    row = gantt.data.row_of_task[plan.task_by_code["TP-01"].id]
    assert gantt.data.rows[row].summary and bool(gantt.data.is_summary[row])
    bar = gantt.layout.bar(row)
    assert bar.summary
    hit = hit_test(gantt.layout, (bar.x0 + bar.x1) / 2, bar.mid_y)
    assert hit.kind == ROW  # no body to drag: its dates are its sub-tasks'
    last = gantt.layout.bar(gantt.data.row_of_task[plan.task_by_code["TP-02"].id])
    assert abs(bar.x1 - last.x1) < 1 and abs(bar.x0 - gantt.layout.bar(row + 1).x0) < 1


def test_owner_column_edit_is_one_undo_step_and_the_filter_lists_owners(qtbot, window):
    view = matrix(window)
    index = view.model.index(view.model.row_of(lambda t: t.code == "TP-02"), column(view.model, "owner"))
    assert view.model.setData(index, "王工")
    assert window.controller.undo_stack.count() == 1 and cell(view, "TP-02", "owner") == "王工"
    combo = view.owner_filter
    assert [combo.itemText(i) for i in range(combo.count())][1:] == ["王工"]
    combo.setCurrentIndex(1)
    assert shown(view) == ["TP-02"]
    window.controller.undo_stack.undo()
    assert cell(view, "TP-02", "owner") is None or cell(view, "TP-02", "owner") == ""


def test_an_undated_task_shows_an_estimated_duration(qtbot, window):
    controller = window.controller
    assert controller.try_push(JournalCommand(controller, "add", task_services.add_task, "TP-09",
                                              module_id=controller.plan().task_by_code["TP-01"].module_id))
    view = matrix(window)
    assert cell(view, "TP-09", "duration") in ("1天?", "1 d?")
    assert cell(view, "TP-09", "span").endswith("?")
    index = view.model.index(view.model.row_of(lambda t: t.code == "TP-09"), column(view.model, "duration"))
    assert view.model.setData(index, "3天?")
    assert cell(view, "TP-09", "duration") in ("3天?", "3 d?")
    assert view.model.setData(index, "4")
    assert cell(view, "TP-09", "duration") in ("4天?", "4 d?")  # still undated: placed by its links


def test_conflict_column_status_bar_and_validate_agree(qtbot, window):
    view = matrix(window)
    plan = window.controller.plan()
    findings = [f for f in validate_plan(plan) if f.kind in {k.value for k in ConflictKind}]
    per_row = {t.code: len(view.model.conflicts_of(t)) for t in view.model.visible_rows()}
    assert sum(per_row.values()) == len(findings) == 2
    assert cell(view, "TP-02", "conflicts") == "⚠ 1" and cell(view, "EC-01", "conflicts") == ""
    window.totals.refresh()
    assert "2" in window.totals.text().split("·")[3]
    # move successors to respect links: both conflicts go, in one undo step
    action = next(a for a in window.outline_actions if "respect" in a.text().lower() or "依赖" in a.text())
    action.trigger()
    assert window.controller.undo_stack.count() == 1
    assert len(window.controller.schedule().conflicts) == 0 and cell(view, "TP-02", "conflicts") == ""
    window.controller.undo_stack.undo()
    assert len(window.controller.schedule().conflicts) == 2
