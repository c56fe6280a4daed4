"""Task matrix: validation as typed, refused cycles, filter, sort, search, add, delete, move."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ui.views.task_matrix import TaskMatrixView


def column(view, key):
    return next(n for n, c in enumerate(view.model.columns) if c.key == key)


def codes(view):
    return [t.code for t in view.model.visible_rows()]


def make_view(qtbot, controller):
    view = TaskMatrixView(controller)
    qtbot.addWidget(view)
    view.resize(1300, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_dependency_is_checked_while_typing(qtbot, controller):
    view = make_view(qtbot, controller)
    index = view.model.index(0, column(view, "deps"))  # TP-01
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "TP-99")
    assert "TP-99" in view.problem_label.text()
    assert "unknown" in editor.toolTip().lower()
    editor.clear()
    qtbot.keyClicks(editor, "TP-02")  # TP-02 already depends on TP-01: a loop
    assert "TP-01 → TP-02 → TP-01" in view.problem_label.text()
    editor.clear()
    qtbot.keyClicks(editor, "EC-01 30%")
    assert view.problem_label.text() == ""


def test_refused_cycle_changes_nothing_and_says_why(qtbot, controller):
    view = make_view(qtbot, controller)
    messages = []
    controller.error.connect(messages.append)
    index = view.model.index(0, column(view, "deps"))
    assert not view.model.setData(index, "TP-03")
    assert "cycle" in messages[-1].lower() and "TP-03" in messages[-1]
    assert controller.undo_stack.count() == 0
    assert index.data() == ""


def test_bad_span_is_refused_with_the_reason(qtbot, controller):
    view = make_view(qtbot, controller)
    index = view.model.index(0, column(view, "span"))
    assert not view.model.setData(index, "第9-3周")
    assert "ends before it starts" in view.model.last_error
    assert index.data() == "第1-8周"


def test_filter_sort_and_search(qtbot, controller):
    view = make_view(qtbot, controller)
    view.module_filter.setCurrentIndex(view.module_filter.findText("生态建设"))
    assert codes(view) == ["EC-01"]
    view.module_filter.setCurrentIndex(0)
    view.team_filter.setCurrentIndex(view.team_filter.findText("核心技术部"))
    assert codes(view) == ["TP-01", "TP-02", "TP-03"]
    view.team_filter.setCurrentIndex(0)
    view.search.setText("框架")
    assert codes(view) == ["TP-03"]
    view.search.clear()
    view.table.sortByColumn(column(view, "span"), Qt.SortOrder.DescendingOrder)
    assert codes(view) == ["TP-03", "TP-02", "TP-01", "EC-01"]  # by start date, not by the text
    view.table.sortByColumn(column(view, "code"), Qt.SortOrder.AscendingOrder)
    assert codes(view) == ["EC-01", "TP-01", "TP-02", "TP-03"]


def test_add_delete_and_move_are_undoable(qtbot, controller, dialogs):
    from PySide6.QtWidgets import QMessageBox
    dialogs.answer = QMessageBox.StandardButton.Yes  # "others depend on TP-01: delete anyway?"
    view = make_view(qtbot, controller)
    view.table.setCurrentIndex(view.model.index(2, 0))  # TP-03
    before = codes(view)
    view.add_task()
    assert codes(view) == before[:3] + ["TP-04"] + before[3:]  # right below the selected row
    assert view.current_task().code == "TP-04"
    assert "TP-04" in controller.undo_stack.undoText()
    controller.undo_stack.undo()
    assert "TP-04" not in codes(view)
    view.select_task("TP-03")
    view.move_current(-1)
    assert codes(view)[:3] == ["TP-01", "TP-03", "TP-02"]
    view.table.selectRow(view.model.row_of(lambda t: t.code == "TP-01"))
    view.delete_selected()
    assert dialogs.shown and "TP-02 depends on TP-01" in dialogs.shown[-1][1]
    assert "TP-01" not in codes(view)
    controller.undo_stack.undo()
    assert "TP-01" in codes(view)
    # TP-01's dependants came back with it
    assert view.model.index(view.model.row_of(lambda t: t.code == "TP-02"), column(view, "deps")).data() == "TP-01"


def test_edit_reaches_every_view_through_the_controller(qtbot, controller):
    from ui.views.raci import RaciModel
    view = make_view(qtbot, controller)
    raci = RaciModel(controller)
    assert view.model.setData(view.model.index(0, column(view, "name")), "核心组件研发")
    assert any("TP-01 核心组件研发" in raci.index(n, 0).data() for n in range(raci.rowCount()))


def test_next_code_matches_the_service(controller):
    from planner.services import tasks as task_services
    from ui.views.task_matrix import next_code
    plan = controller.plan()
    for module in plan.modules + [None]:
        module_id = module.id if module else None
        assert next_code(plan, module_id) == controller.project.read(lambda s: task_services.next_task_code(s, module_id))
