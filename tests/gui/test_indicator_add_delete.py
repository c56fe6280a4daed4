"""Indicators tab: Add indicator… with the target as written, and Delete with its readings counted first."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ui.indicator_dialog import IndicatorDialog, next_indicator_code


def test_add_an_indicator_with_a_target_as_written(window, controller, monkeypatch, qtbot, dialogs):
    view = window.views.show("indicators")
    plan = controller.plan()
    code = next_indicator_code(plan)

    def answer(dialog):
        dialog.name.setText("适配芯片数")
        dialog.target.setText("≥25款")
        dialog.module.setCurrentIndex(1)
        dialog.team.setCurrentIndex(1)
        return IndicatorDialog.Accepted
    monkeypatch.setattr(IndicatorDialog, "exec", answer)
    before = view.model.rowCount()
    view.add_button.click()
    added = next(i for i in controller.plan().indicators if i.code == code)
    assert (added.name, added.target_text, added.target, added.unit) == ("适配芯片数", "≥25款", 25, "款")
    assert added.module_id == plan.modules[0].id and added.owner_team_id == plan.teams[0].id
    assert view.model.rowCount() == before + 1
    # Delete it again: asked first with its readings counted.
    row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).code == code)
    view.table.setCurrentIndex(view.model.index(row, 0))
    dialogs.answer = QMessageBox.StandardButton.Yes
    view.delete_button.click()
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert dialogs.shown[-1] == ("question", f"Delete {code} and its 0 readings?")
    assert code not in [i.code for i in controller.plan().indicators]
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.undo_stack.isClean()


def test_the_dialog_refuses_a_target_it_cannot_read(qtbot, controller):
    dialog = IndicatorDialog(controller.plan())
    qtbot.addWidget(dialog)
    dialog.name.setText("x")
    dialog.target.setText("很多")
    dialog._accept_if_valid()
    assert "很多" in dialog.problem.text() and dialog.result() != IndicatorDialog.Accepted
    dialog.code.setText(controller.plan().indicators[0].code)
    dialog._accept_if_valid()
    assert "already an indicator" in dialog.problem.text()
