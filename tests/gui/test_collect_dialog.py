"""The collection workbook: team and period chosen and checked before the file dialog, period pre-filled."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog

from planner import model as m
from planner.services import programme
from ui import excel_actions
from ui.collect_dialog import CollectDialog
from ui.commands import EditFields, JournalCommand


@pytest.fixture
def owned(controller):
    """The plan with its first indicator owned by a team, and a status date of 2025-04-18."""
    plan = controller.plan()
    controller.push(EditFields(controller, "owner", m.Indicator, plan.indicators[0].id, owner_team_id=plan.teams[0].id))
    controller.push(JournalCommand(controller, "status", programme.update_programme, status_date=dt.date(2025, 4, 18)))
    return controller


def test_the_period_starts_at_the_status_date_and_only_a_valid_one_is_accepted(qtbot, owned):
    dialog = CollectDialog(owned.plan())
    qtbot.addWidget(dialog)
    assert dialog.period.text() == "2025-04" and dialog.export_button.isEnabled()
    assert "2025-04-30" in dialog.status.text()  # readings due at month end
    assert [dialog.team.itemText(i) for i in range(dialog.team.count())] == ["核心技术部"]
    for wrong in ("2025-13", "2025-W60", "下个月", ""):
        dialog.period.setText(wrong)
        assert not dialog.export_button.isEnabled(), wrong
        assert dialog.status.text() and (wrong in dialog.status.text() or not wrong)
    dialog.period.setText("2025-W16")
    assert dialog.export_button.isEnabled() and "2025-04-18" in dialog.status.text()  # the Friday of that week
    dialog.period.setText("2025-5")
    assert dialog.chosen() == ("核心技术部", "2025-05")


def test_no_file_is_asked_for_until_the_period_is_chosen(owned, monkeypatch, tmp_path, dialogs):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (asked.append(a) or str(tmp_path / "collect.xlsx"), "")))
    monkeypatch.setattr(excel_actions, "_confirm_collect", lambda dialog: False)  # cancelled
    assert excel_actions.export_template(None, owned, "collect") is None
    assert asked == []

    def choose(dialog):
        assert dialog.period.text() == "2025-04"  # pre-filled
        dialog.period.setText("2025-03")
        return dialog.export_button.isEnabled()
    monkeypatch.setattr(excel_actions, "_confirm_collect", choose)
    assert excel_actions.export_template(None, owned, "collect") == tmp_path / "collect.xlsx"
    assert len(asked) == 1 and "核心技术部" in asked[0][2]  # the suggested file name
