"""After a progress report in the window the schedule takes the last network as it is, and equals
a schedule of the file from scratch; any edit of what the network is built from solves again."""

from __future__ import annotations

import datetime as dt

from planner import model as m
from planner.plan import load_plan
from planner.schedule import reuse, schedule_plan
from planner.services import tasks
from ui.commands import JournalCommand
from tests.unit.schedule_plans import everything


def _from_scratch(controller) -> dict:
    reuse.forget()
    return everything(schedule_plan(controller.project.read(load_plan)))


def _edit(controller, task, **fields) -> None:
    controller.push(JournalCommand(controller, "edit", tasks.update_task, task.id, patch_table=m.Task, **fields))


def test_a_progress_report_keeps_the_network_and_shows_what_a_fresh_schedule_shows(controller):
    plan = controller.plan()
    task = next(t for t in plan.tasks if t.code == "TP-02")
    before = controller.schedule()
    _edit(controller, task, progress=0.6)
    after = controller.schedule()
    assert after.solved[1] is before.solved[1]  # the passes were not run again
    assert everything(after) == _from_scratch(controller)
    assert everything(after) != everything(before)

    controller.undo_stack.undo()  # the undo is a progress report too
    undone = controller.schedule()
    assert undone.solved[1] is before.solved[1]
    assert everything(undone) == everything(before) == _from_scratch(controller)


def test_an_edit_of_dates_solves_again(controller):
    plan = controller.plan()
    task = next(t for t in plan.tasks if t.code == "TP-02")
    before = controller.schedule()
    _edit(controller, task, end_date=task.end_date + dt.timedelta(days=14))
    after = controller.schedule()
    assert after.solved[1] is not before.solved[1]
    assert everything(after) == _from_scratch(controller)
    assert everything(after) != everything(before)


def test_the_status_bar_counts_what_the_timings_say(controller):
    from ui.status_totals import totals

    plan = controller.plan()
    schedule = schedule_plan(plan, dt.date(2026, 6, 1))  # a status date after several finishes: late tasks
    counted = totals(plan, schedule)
    assert counted["late"] == sum(t.late for t in schedule.timings.values()) > 0
    assert counted["critical"] == sum(t.critical for t in schedule.timings.values()) > 0
