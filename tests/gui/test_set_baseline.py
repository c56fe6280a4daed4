"""File > Set baseline…: a named, dated baseline, one undo step, offered at once in the Gantt's baseline box."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

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


def _take(window, monkeypatch, name, day):
    def answer(dialog):
        dialog.name.setText(name)
        dialog.day.setDate(day)
        return BaselineDialog.Accepted
    monkeypatch.setattr(BaselineDialog, "exec", answer)
    window.baseline_action.trigger()
    return next(b for b in window.controller.plan().baselines if b.name == name)


def test_variance_columns_compare_with_the_chosen_baseline(window, controller, monkeypatch, qtbot):
    from planner.services import tasks
    from ui.commands import JournalCommand

    first = _take(window, monkeypatch, "立项基线", dt.date(2025, 1, 6))
    matrix = window.views.show("tasks")
    qtbot.waitExposed(matrix)
    model = matrix.model
    col = {k: next(n for n, c in enumerate(model.columns) if c.key == k) for k in ("start_var", "finish_var", "duration_var")}
    assert "Start var." in [model.headerData(n, Qt.Orientation.Horizontal) for n in col.values()]
    row = model.row_of(lambda t: t.code == "TP-01")
    assert model.index(row, col["start_var"]).data() == "0 d"  # just taken: nothing moved
    tp1 = controller.plan().task_by_code["TP-01"]
    # move TP-01 a week later and make it 2 working days longer
    start, end = tp1.start_date + dt.timedelta(days=7), tp1.end_date + dt.timedelta(days=9)
    controller.push(JournalCommand(controller, "move", tasks.update_task, tp1.id, start_date=start, end_date=end))
    row = model.row_of(lambda t: t.code == "TP-01")
    assert model.index(row, col["start_var"]).data() == "+5 d"
    assert model.index(row, col["finish_var"]).data() == "+7 d"
    assert model.index(row, col["duration_var"]).data() == "+2 d"
    assert model.index(row, col["finish_var"]).data(Qt.ItemDataRole.ForegroundRole) is not None  # late: red
    # a second baseline taken now: compared by default, so no variance; choose the first again
    _take(window, monkeypatch, "调整基线", dt.date(2025, 2, 1))
    assert matrix.baseline_box.currentText().startswith("Baseline: 调整基线")
    assert model.index(row, col["start_var"]).data() == "0 d"
    matrix.baseline_box.setCurrentIndex(matrix.baseline_box.findData(first.id))
    assert model.index(row, col["start_var"]).data() == "+5 d"
    gantt = window.views.show("gantt")  # the Gantt draws the same baseline's bars
    qtbot.waitExposed(gantt)
    assert gantt.baseline_id == first.id and gantt.baseline_box.currentData() == first.id
    base = gantt.data.base_start[[n for n, r in enumerate(gantt.data.rows) if r.task_id == tp1.id][0]]
    assert base != NONE
    gantt.baseline_box.setCurrentIndex(0)  # "No baseline": no bars, no variance
    assert (gantt.data.base_start == NONE).all()
    assert matrix.baseline_box.currentData() is None
    assert model.index(row, col["start_var"]).data() == ""
