"""Teams from the RACI tab: add (a new column), rename, merge and delete, each told what uses the team first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ui.teams_dialog import TeamsDialog


@pytest.fixture
def answers(monkeypatch, dialogs):
    a = {"text": [], "item": []}
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: (a["text"].pop(0), True)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *_a, **_k: (a["item"].pop(0), True)))
    dialogs.answer = QMessageBox.StandardButton.Yes
    yield a
    dialogs.answer = QMessageBox.StandardButton.Discard  # the close prompt at teardown


def team_names(controller):
    return [t.name for t in controller.plan().teams]


def test_add_team_button_adds_a_raci_column(window, controller, answers, dialogs, qtbot):
    view = window.views.show("raci")
    before = view.model.columnCount()
    answers["text"].append("生态组")
    view.add_team_button.click()
    assert "生态组" in team_names(controller)
    assert view.model.columnCount() == before + 1
    assert "生态组" in [c.title() for c in view.model.columns]
    answers["text"].append("生态组")  # the same name again is refused, with a message
    view.add_team_button.click()
    assert team_names(controller).count("生态组") == 1
    assert dialogs.shown[-1] == ("information", "There is already a team named 生态组.")
    controller.undo_stack.undo()  # one undo step takes the team and its column away
    assert "生态组" not in team_names(controller) and view.model.columnCount() == before


def test_rename_merge_delete_show_uses_first(window, controller, answers, dialogs, qtbot):
    plan = controller.plan()
    assert len(plan.teams) >= 2
    first, second = plan.teams[0].name, plan.teams[1].name
    letters_before = len([c for c in plan.raci if c.team_id in (plan.teams[0].id, plan.teams[1].id)])
    dialog = TeamsDialog(controller, window)
    qtbot.addWidget(dialog)
    dialog.select(first)
    assert "RACI letters" in dialog.uses.text()
    answers["text"].append(first + "（新）")
    dialog.rename()
    assert first + "（新）" in team_names(controller)
    dialog.select(first + "（新）")
    answers["item"].append(second)
    dialog.merge()
    assert dialogs.shown[-1][0] == "question" and "RACI letters" in dialogs.shown[-1][1]
    assert first + "（新）" not in team_names(controller)
    merged = controller.plan()
    target = next(t for t in merged.teams if t.name == second)
    assert len([c for c in merged.raci if c.team_id == target.id]) <= letters_before
    assert len([c for c in merged.raci if c.team_id == target.id]) >= 1
    dialog.select(second)
    dialog.delete()
    assert second not in team_names(controller)
    assert "Delete team" in dialogs.shown[-1][1]
    for _ in range(3):
        controller.undo_stack.undo()
    assert team_names(controller)[:2] == [first, second]
    assert len([c for c in controller.plan().raci if c.team_id in (plan.teams[0].id, plan.teams[1].id)]) == letters_before


def test_roles_are_put_in_teams_in_the_dialog_one_undo_step_each(window, controller, answers, dialogs, qtbot):
    plan = controller.plan()
    first, second = plan.teams[0], plan.teams[1]
    dialog = TeamsDialog(controller, window)
    qtbot.addWidget(dialog)
    roles_before = dialog.roles.rowCount()
    # Add role: into the team selected in the list; a name already used is refused with a message
    dialog.select(first.name)
    answers["text"].append("编译工程师")
    dialog.add_role_button.click()
    role = next(r for r in controller.plan().roles if r.name == "编译工程师")
    assert role.team_id == first.id and dialog.roles.rowCount() == roles_before + 1
    box = dialog.role_box("编译工程师")
    assert box.currentText() == first.name
    answers["text"].append("编译工程师")
    dialog.add_role_button.click()
    assert dialogs.shown[-1] == ("information", "There is already a role named 编译工程师.")
    # another team, then none: one undo step each, the same box kept
    box.setCurrentIndex(box.findText(second.name))
    assert next(r for r in controller.plan().roles if r.id == role.id).team_id == second.id
    assert dialog.role_box("编译工程师") is box and box.currentText() == second.name
    dialog.select(second.name)
    assert "1 roles" in dialog.uses.text()
    box.setCurrentIndex(0)  # (no team)
    assert next(r for r in controller.plan().roles if r.id == role.id).team_id is None
    controller.undo_stack.undo()
    assert dialog.role_box("编译工程师").currentText() == second.name
    controller.undo_stack.undo()
    assert dialog.role_box("编译工程师").currentText() == first.name
    controller.undo_stack.undo()
    assert "编译工程师" not in [r.name for r in controller.plan().roles]
    assert dialog.roles.rowCount() == roles_before
