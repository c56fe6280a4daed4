"""Where the Gantt gets task timings and link states: the scheduler, or the plan's own dates."""

# `schedule_or_dates(plan)` calls `planner.schedule.schedule_plan` when it exists and succeeds; if
# the scheduler is missing or refuses the plan (a cycle), the bars fall back to the dates the
# user entered, so the chart still shows the plan while the error is reported elsewhere.

from __future__ import annotations

import datetime as dt

from planner.errors import PlannerError
from planner.schedule.result import LinkState, LinkStatus, ScheduleResult, TaskTiming

DAY = dt.timedelta(days=1)


def schedule_or_dates(plan) -> ScheduleResult:
    try:
        from planner.schedule import schedule_plan
    except ImportError:
        return dates_only(plan)
    try:
        return schedule_plan(plan)
    except PlannerError:
        return dates_only(plan)


def dates_only(plan) -> ScheduleResult:
    """A schedule that keeps every task's entered dates; links the dates violate are broken."""
    timings = {}
    dated = [t for t in plan.tasks if t.start_date is not None]  # nothing to show for undated tasks
    for t in dated:
        days = (t.end_date - t.start_date).days + 1
        timings[t.id] = TaskTiming(
            task_id=t.id, start=t.start_date, finish=t.end_date,
            early_start=t.start_date, early_finish=t.end_date,
            late_start=t.start_date, late_finish=t.end_date,
            duration=days, total_float=0, free_float=0, critical=False,
        )
    by_id = {t.id: t for t in dated}
    links = {d.id: _link_status(d, by_id) for d in plan.dependencies
             if d.predecessor_id in by_id and d.successor_id in by_id}
    starts = [t.start_date for t in dated]
    finishes = [t.end_date for t in dated]
    return ScheduleResult(
        timings=timings, links=links,
        project_start=min(starts) if starts else None,
        project_finish=max(finishes) if finishes else None,
    )


def _link_status(dep, tasks) -> LinkStatus:
    """Calendar-day check of one link against the entered dates (lag counted in days)."""
    pred, succ = tasks[dep.predecessor_id], tasks[dep.successor_id]
    span = (pred.end_date - pred.start_date).days + 1
    lag = dep.lag * (7 if dep.lag_unit == "w" else 1)
    pred_finish_point = pred.start_date + dt.timedelta(days=round(span * dep.threshold))
    kind = dep.type
    if kind == "FS":
        allowed, actual = pred_finish_point + dt.timedelta(days=lag), succ.start_date
    elif kind == "SS":
        allowed, actual = pred.start_date + dt.timedelta(days=lag), succ.start_date
    elif kind == "FF":
        allowed, actual = pred.end_date + dt.timedelta(days=lag), succ.end_date
    else:  # SF
        allowed, actual = pred.start_date + dt.timedelta(days=lag), succ.end_date
    slack = (actual - allowed).days
    state = LinkState.broken if slack < 0 else LinkState.satisfied
    return LinkStatus(dep.id, dep.predecessor_id, dep.successor_id, state, allowed, slack)
