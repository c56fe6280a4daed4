"""The task matrix behaves like a spreadsheet: paste a block from Excel/WPS (one undo step, bad
cells reported and skipped, rows past the end add tasks), Delete clears, Enter moves down, typing
in the blank last row adds a task, the ID and scope stay in sight, IDs follow the module's prefix."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from planner.services import structure, tasks as task_services
from ui.views.sheet_table import read_block
from ui.views.task_matrix import TaskMatrixView, next_code


def column(view, key):
    return next(n for n, c in enumerate(view.model.columns) if c.key == key)


def codes(view):
    return [t.code for t in view.model.visible_rows()]


def make_view(qtbot, controller, width=1300):
    view = TaskMatrixView(controller)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def task(controller, code):
    return controller.plan().task_by_code[code]


def cell(view, code, key):
    return view.model.index(view.model.row_of(lambda t: t.code == code), column(view, key)).data()


def select(view, top, left_key, bottom=None, right_key=None):
    table = view.table
    left = view.model.index(top, column(view, left_key))
    right = view.model.index(bottom if bottom is not None else top, column(view, right_key or left_key))
    table.setCurrentIndex(left)
    table.selectionModel().select(QItemSelection(left, right), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_excel_clipboard_text_is_read_with_quoted_line_breaks():
    text = 'TP-01\t"1. 算子库\n2. 编译器"\t30%\r\nTP-02\t"say ""hi"""\t\r\n'
    assert read_block(text) == [["TP-01", "1. 算子库\n2. 编译器", "30%"], ["TP-02", 'say "hi"', ""]]


def test_paste_a_block_from_excel_is_one_undo_step_and_reads_values_as_the_import(qtbot, controller):
    view = make_view(qtbot, controller)
    before = controller.undo_stack.count()
    select(view, 0, "name")  # TP-01's scope; the block runs across scope, actions (shown after it)
    header = view.table.horizontalHeader()
    order = [view.model.columns[header.logicalIndex(v)].key for v in range(header.count())]
    assert order[:4] == ["wbs", "code", "name", "module"]  # the scope sits beside the ID
    select(view, 0, "progress")
    # progress, status as Excel shows them; the 2nd row's "50" is 50% as the import reads it
    QGuiApplication.clipboard().setText("30%\t进行中\r\n50\tDone\r\n")
    QTest.keyClick(view.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert task(controller, "TP-01").progress == 0.3 and task(controller, "TP-01").status == "in_progress"
    assert task(controller, "TP-02").progress == 0.5 and task(controller, "TP-02").status == "done"
    assert controller.undo_stack.count() == before + 1
    controller.undo_stack.undo()
    assert task(controller, "TP-01").progress != 0.3 and task(controller, "TP-02").status != "done"


def test_bad_pasted_cells_are_reported_by_row_and_column_and_the_rest_goes_in(qtbot, controller):
    view = make_view(qtbot, controller)
    errors = []
    controller.error.connect(errors.append)
    select(view, 0, "span")
    view.paste_text("2025/2/3-2025/2/28\t2周\r\n下周\t5天?\r\n")
    tp1 = task(controller, "TP-01")
    assert tp1.start_date == dt.date(2025, 2, 3)  # a date range as the import reads it
    assert cell(view, "TP-01", "duration").startswith("10")  # then 2周: ten working days
    assert cell(view, "TP-02", "duration").startswith("5")  # the good cell of the bad row went in
    assert len(view.paste_problems) == 1
    problem = view.paste_problems[0]
    assert problem.startswith("Row 2, Start–end:") and "下周" in problem
    assert errors and "Row 2, Start–end" in errors[-1]
    assert view.status_text.startswith("Pasted")
    assert controller.undo_stack.count() == 1


def test_pasting_below_the_last_row_adds_tasks(qtbot, controller):
    view = make_view(qtbot, controller)
    last = len(view.model.visible_rows())
    assert view.model.rowCount() == last + 1  # the blank row for a new task
    assert view.model.headerData(last, Qt.Orientation.Vertical) == "*"
    select(view, last, "code")
    view.paste_text('TP-09\t"接入层\n适配"\r\n\t文档站\r\n')
    assert task(controller, "TP-09").name == "接入层\n适配"
    new = [t for t in controller.plan().tasks if t.name == "文档站"]
    assert len(new) == 1 and new[0].code == "EC-02"  # no ID given: the next one of the module above (EC-01)
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert "TP-09" not in controller.plan().task_by_code


def test_one_value_pasted_into_a_selection_fills_every_cell(qtbot, controller):
    view = make_view(qtbot, controller)
    select(view, 0, "owner", 2, "owner")
    view.paste_text("张三\r\n")
    assert [task(controller, c).owner for c in ("TP-01", "TP-02", "TP-03")] == ["张三"] * 3


def test_delete_clears_cells_in_one_step_but_keeps_required_ones(qtbot, controller):
    view = make_view(qtbot, controller)
    controller.push(_edit_owner(view, "TP-01", "李四"))
    controller.push(_edit_owner(view, "TP-02", "王五"))
    before = controller.undo_stack.count()
    select(view, 0, "code", 1, "owner")  # ID, scope, ... owner of TP-01 and TP-02 (as shown)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert task(controller, "TP-01").owner == "" and task(controller, "TP-02").owner == ""
    assert task(controller, "TP-01").name == "" and task(controller, "TP-01").code == "TP-01"
    assert controller.undo_stack.count() == before + 1
    assert "Task ID" in view.status_text and "Not cleared" in view.status_text
    controller.undo_stack.undo()
    assert task(controller, "TP-01").owner == "李四" and task(controller, "TP-01").name != ""


def _edit_owner(view, code, owner):
    spec = view.model.columns[column(view, "owner")]
    return spec.set(view.model, task(view.controller, code), owner)


def test_enter_commits_and_moves_down(qtbot, controller):
    view = make_view(qtbot, controller)
    index = view.model.index(0, column(view, "owner"))
    view.table.setCurrentIndex(index)
    view.table.setFocus()
    view.table.edit(index)
    editor = view.table.findChild(QLineEdit)
    qtbot.keyClicks(editor, "Zhao Liu")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(10)  # the delegate commits on the next turn of the event loop
    assert task(controller, "TP-01").owner == "Zhao Liu"
    assert view.table.currentIndex().row() == 1 and view.table.currentIndex().column() == index.column()
    QTest.keyClick(view.table, Qt.Key.Key_Return)  # not editing: Enter moves down too
    assert view.table.currentIndex().row() == 2


def test_typing_in_the_blank_last_row_adds_a_task(qtbot, controller):
    view = make_view(qtbot, controller)
    last = len(view.model.visible_rows())
    index = view.model.index(last, column(view, "name"))
    view.table.setCurrentIndex(index)
    view.table.setFocus()
    QTest.keyClicks(view.table, "B")  # typing starts an edit, as in a spreadsheet
    editor = view.table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "B"
    QTest.keyClicks(editor, "enchmarks")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(10)
    new = [t for t in controller.plan().tasks if t.name == "Benchmarks"]
    assert len(new) == 1
    assert view.model.rowCount() == last + 2  # the task, then a new blank row
    assert controller.undo_stack.count() == 1


def test_the_id_and_scope_stay_in_sight_when_scrolling_sideways(qtbot, controller):
    view = make_view(qtbot, controller, width=700)
    bar = view.table.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    qtbot.wait(10)
    frozen = view.frozen
    assert frozen.isVisible()
    assert not frozen.isColumnHidden(column(view, "code")) and not frozen.isColumnHidden(column(view, "name"))
    assert frozen.isColumnHidden(column(view, "progress"))
    rect = frozen.visualRect(view.model.index(0, column(view, "code")))
    assert rect.left() >= 0 and rect.width() > 0
    assert frozen.indexAt(rect.center()).data() == "TP-01"
    # the frozen pane's header is as tall as the table's and no title is clipped there
    header = frozen.horizontalHeader()
    assert header.height() == view.table.horizontalHeader().height()
    for key in ("wbs", "code", "name"):
        n = column(view, key)
        assert frozen.columnWidth(n) >= header.sectionSizeFromContents(n).width()


def test_headers_are_not_clipped(qtbot, controller):
    view = make_view(qtbot, controller)
    header = view.table.horizontalHeader()
    for n in range(view.model.columnCount()):
        assert view.table.columnWidth(n) >= header.sectionSizeFromContents(n).width(), view.model.columns[n].key


def test_new_ids_follow_the_module_prefix(controller):
    plan = controller.plan()
    tp = next(x for x in plan.modules if any(t.module_id == x.id and t.code.startswith("TP-") for t in plan.tasks))
    assert next_code(plan, tp.id).startswith("TP-")
    # a module without a prefix whose tasks are TP-01..: TP-05, not T-01
    controller.project.run(structure.update_module, tp.id, prefix="")
    controller.notify(controller.project.run(lambda s: __import__("planner.changes", fromlist=["Changes"]).Changes()))
    plan = controller.plan()
    own = sorted(t.code for t in plan.tasks if t.module_id == tp.id)
    expected = f"TP-{max(int(c.split('-')[1]) for c in own) + 1:02d}"
    assert next_code(plan, tp.id) == expected
    assert controller.project.read(lambda s: task_services.next_task_code(s, tp.id)) == expected
    # a module without tasks: from its name, else "T"
    assert task_services.module_prefix(_module("Training Platform"), []) == "TP"
    assert task_services.module_prefix(_module("FlagScale"), []) == "FS"
    assert task_services.module_prefix(_module("训练平台"), []) == "T"


def _module(name):
    from planner import model as m
    return m.Module(name=name)


def test_deleting_a_task_others_depend_on_asks_first(qtbot, controller, dialogs):
    from PySide6.QtWidgets import QMessageBox
    view = make_view(qtbot, controller)
    dialogs.answer = QMessageBox.StandardButton.No
    view.table.selectRow(view.model.row_of(lambda t: t.code == "TP-01"))
    view.delete_selected()
    assert "TP-02 depends on TP-01" in dialogs.shown[-1][1]
    assert "TP-01" in codes(view) and controller.undo_stack.count() == 0


def test_copy_puts_the_selected_cells_on_the_clipboard_as_excel_does(qtbot, controller):
    view = make_view(qtbot, controller)
    select(view, 0, "code", 1, "name")
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    rows = read_block(QGuiApplication.clipboard().text())
    assert [r[0] for r in rows] == ["TP-01", "TP-02"] and rows[0][1] == task(controller, "TP-01").name


def test_a_paste_that_changes_nothing_leaves_no_undo_step(qtbot, controller):
    view = make_view(qtbot, controller)
    select(view, 0, "wbs")  # computed columns only: WBS, then the ID as it already is
    view.paste_text("9\tTP-01\r\n")
    assert controller.undo_stack.count() == 0 and not controller.undo_stack.canRedo()
    assert codes(view)[0] == "TP-01"
