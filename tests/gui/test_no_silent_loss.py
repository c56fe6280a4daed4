"""No silent loss: text typed in the roadmap's side panel is kept when leaving the cell, the panel,
the tab or when saving, and the title shows the unsaved mark as soon as something is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt


def roadmap(window, qtbot):
    view = window.views.show("roadmap")
    qtbot.waitExposed(view)
    return view


def cell_text(controller, row, key="scope"):
    cell = controller.plan().cell(row.stage.id, row.module.id)
    return getattr(cell, key) if cell else ""


def test_side_panel_text_is_kept_when_another_cell_is_chosen(window, qtbot):
    view = roadmap(window, qtbot)
    view.table.setCurrentIndex(view.model.index(0, 2))
    first = view.current_row()
    assert not window.isWindowModified()
    view.panel.editors["scope"].setPlainText("1. 开源基金会成立\n2. 社区治理章程")
    assert window.isWindowModified()  # the unsaved mark while typing, before anything is applied
    view.table.setCurrentIndex(view.model.index(1, 2))  # leave the cell without pressing Apply
    assert cell_text(window.controller, first) == "1. 开源基金会成立\n2. 社区治理章程"
    assert window.controller.undo_stack.count() == 1
    assert window.isWindowModified() and "*" not in window.windowTitle().replace("[*]", "")
    window.controller.undo_stack.undo()
    assert cell_text(window.controller, first) != "1. 开源基金会成立\n2. 社区治理章程"


def test_side_panel_text_is_kept_when_focus_leaves_or_the_tab_changes(window, qtbot):
    view = roadmap(window, qtbot)
    view.table.setCurrentIndex(view.model.index(0, 2))
    row = view.current_row()
    editor = view.panel.editors["data_source"]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.setPlainText("基金会行政档案")
    view.table.setFocus()  # click elsewhere in the window
    qtbot.waitUntil(lambda: not editor.hasFocus())
    assert cell_text(window.controller, row, "data_source") == "基金会行政档案"
    view.panel.editors["evaluation_method"].setPlainText("文档审查")
    window.tabs.setCurrentIndex(1)  # the task matrix
    assert cell_text(window.controller, row, "evaluation_method") == "文档审查"


def test_saving_while_typing_in_the_panel_saves_the_text(window, qtbot):
    view = roadmap(window, qtbot)
    view.table.setCurrentIndex(view.model.index(0, 2))
    row = view.current_row()
    editor = view.panel.editors["actions"]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.setPlainText("成立理事会")
    window.save_action.trigger()  # Ctrl+S with the cursor still in the panel
    assert cell_text(window.controller, row, "actions") == "成立理事会"
    assert window.controller.undo_stack.isClean() and not window.isWindowModified()


def test_a_second_instance_title_says_read_only(qtbot, controller, dialogs, plan_path):
    """The plan is open (locked) in `controller`: a second window opens it read-only and says so."""
    from PySide6.QtWidgets import QMessageBox

    from ui.controller import DocumentController
    from ui.main_window import MainWindow

    dialogs.answer = QMessageBox.StandardButton.Open  # "open a read-only copy"
    second = MainWindow(DocumentController())
    qtbot.addWidget(second)
    second.show()
    second.documents.open_path(str(plan_path))
    assert second.controller.project is not None and second.controller.project.read_only
    assert "read-only" in second.windowTitle()
    assert second.read_only_label.text()
    matrix = second.views.show("tasks")
    assert not matrix.model.flags(matrix.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert matrix.model.rowCount() == len(matrix.model.visible_rows())  # no blank row to type a task into
