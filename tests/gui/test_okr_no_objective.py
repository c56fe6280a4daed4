"""'Add key result' with no objective selected says so in the status bar, instead of doing nothing silently."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex


def test_add_key_result_without_an_objective_is_told(window, controller, qtbot):
    view = window.views.show("okr")
    qtbot.waitExposed(view)
    view.tree.setCurrentIndex(QModelIndex())
    count = controller.undo_stack.count()
    view.add_key_result()
    assert controller.undo_stack.count() == count
    assert "Select an objective first" in window.notice.message
