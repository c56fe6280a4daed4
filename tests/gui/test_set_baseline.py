"""File > Set baseline…: a named, dated baseline, one undo step, offered at once in the Gantt's baseline box."""

from __future__ import annotations

import datetime as dt

from planner.gantt.data import NONE
from ui.plan_properties import BaselineDialog


def test_set_baseline_then_compare_in_the_gantt(window, controller, monkeypatch, qtbot):
    def answer(dialog):
        dialog.name.setText("立项基线")
        dialog.day.setDate(dt.date(2025, 1, 6))
        return BaselineDialog.Accepted
    monkeypatch.setattr(BaselineDialog, "exec", answer)
    window.baseline_action.trigger()
    plan = controller.plan()
    baseline = next(b for b in plan.baselines if b.name == "立项基线")
    assert baseline.taken_on == dt.date(2025, 1, 6)
    dated = [t for t in plan.tasks if t.start_date is not None]
    assert len([b for b in plan.baseline_tasks if b.baseline_id == baseline.id]) == len(dated)
    gantt = window.views.show("gantt")
    qtbot.waitExposed(gantt)
    index = gantt.baseline_box.findData(baseline.id)
    assert index > 0 and "立项基线" in gantt.baseline_box.itemText(index)
    gantt.baseline_box.setCurrentIndex(index)
    assert gantt.baseline_id == baseline.id
    assert (gantt.data.base_start != NONE).sum() == len(dated)  # a baseline bar under every dated task
    controller.undo_stack.undo()
    assert "立项基线" not in [b.name for b in controller.plan().baselines]


def test_a_baseline_name_is_required_and_unique(qtbot, controller):
    dialog = BaselineDialog(controller.plan().programme)
    qtbot.addWidget(dialog)
    dialog.taken_names = {"立项基线"}
    dialog.name.setText("立项基线")
    dialog._accept_if_valid()
    assert dialog.problem.text() == "There is already a baseline named 立项基线."
    dialog.name.setText("")
    dialog._accept_if_valid()
    assert dialog.problem.text() == "The baseline needs a name."
    assert dialog.result() != BaselineDialog.Accepted
