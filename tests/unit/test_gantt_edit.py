"""What Gantt gestures mean in working days, and which links are refused."""

from __future__ import annotations

import datetime as dt

from planner.document import Project
from planner.gantt import demo
from planner.gantt.edit import link_problem, moved, progress_at, resized_end, resized_start
from planner.gantt.workdays import WeekCalendar
from planner.plan import load_plan

MON = dt.date(2025, 3, 3)
FRI = dt.date(2025, 3, 7)
CAL = WeekCalendar("1111100", {dt.date(2025, 3, 12): False})  # a mid-week holiday


def test_move_keeps_the_working_length_and_skips_weekends_and_holidays():
    # five working days from Monday 10th, skipping the Wednesday holiday, end on Monday 17th
    assert moved(CAL, MON, FRI, 7) == (dt.date(2025, 3, 10), dt.date(2025, 3, 17))
    assert moved(CAL, MON, FRI, 5) == (dt.date(2025, 3, 10), dt.date(2025, 3, 17))  # Saturday -> Monday
    assert moved(CAL, MON, FRI, 14) == (dt.date(2025, 3, 17), dt.date(2025, 3, 21))
    assert moved(CAL, MON, FRI, -7) == (dt.date(2025, 2, 24), dt.date(2025, 2, 28))


def test_resize_snaps_to_working_days_and_never_inverts():
    assert resized_end(CAL, MON, FRI, 1) == (MON, FRI)  # Saturday snaps back to Friday
    assert resized_end(CAL, MON, FRI, 3) == (MON, dt.date(2025, 3, 10))
    assert resized_end(CAL, MON, FRI, -30) == (MON, MON)
    assert resized_start(CAL, MON, FRI, 2) == (dt.date(2025, 3, 5), FRI)
    assert resized_start(CAL, MON, FRI, 30) == (FRI, FRI)


def test_progress_rounds_to_five_percent_within_bounds():
    assert progress_at(100, 200, 131) == 0.3
    assert progress_at(100, 200, 90) == 0.0
    assert progress_at(100, 200, 260) == 1.0


def test_link_problems_name_the_tasks():
    with Project.new("FlagOS", demo.START) as project:
        project.run(demo.fill_demo)
        plan = project.read(load_plan)
    ids = plan.task_by_code
    assert link_problem(plan, ids["TP-04"].id, ids["TP-01"].id).startswith("Linking TP-04 -> TP-01 would make a cycle")
    assert "already linked" in link_problem(plan, ids["TP-02"].id, ids["TP-01"].id)
    assert link_problem(plan, ids["EC-01"].id, ids["EC-03"].id) is None
