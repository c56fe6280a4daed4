"""Scheduling as pure functions over a `Plan`: `schedule_plan(plan, status_date) -> ScheduleResult`.

`ScheduleResult.timings` and `.links` are read-only mappings (see `views.py`) whose objects
are built when first read; everything else in the result is computed up front.
"""

from __future__ import annotations

import datetime as dt
import gc

from planner.schedule.calendar import WorkCalendar, calendar_for
from planner.schedule.cpm import critical_chain, solve
from planner.schedule.network import Built, build, plan_span
from planner.schedule.result import (
    Conflict,
    ConflictKind,
    LinkState,
    LinkStatus,
    MilestoneForecast,
    ScheduleResult,
    TaskTiming,
)
from planner.schedule.status import link_conflicts, link_states, milestone_forecasts, task_flags
from planner.schedule.views import link_map, timing_map

__all__ = [
    "schedule_plan",
    "plan_calendar",
    "WorkCalendar",
    "ScheduleResult",
    "TaskTiming",
    "LinkStatus",
    "LinkState",
    "Conflict",
    "ConflictKind",
    "MilestoneForecast",
]


def plan_calendar(plan) -> WorkCalendar:
    """The plan's working calendar (weekly pattern, holiday region, the user's exceptions)."""
    return calendar_for(plan.programme, plan.calendar_exceptions, span=plan_span(plan))


def schedule_plan(plan, status_date: dt.date | None = None) -> ScheduleResult:
    """Schedule every task of `plan` and judge progress at `status_date`.

    `status_date` defaults to the programme's status date, else today. Manual tasks keep
    their dates and automatic ones start as soon as their links and the programme start
    allow; broken links and unknown predecessors come back as `conflicts`, a dependency
    cycle raises `planner.errors.CycleError`.
    """
    status_date = status_date or plan.programme.status_date or dt.date.today()
    # tens of thousands of small objects: a collection pass over a big plan mid-way costs
    # more than the whole schedule, so collect only after
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _schedule(plan, status_date)
    finally:
        if collecting:
            gc.enable()


def _schedule(plan, status_date: dt.date) -> ScheduleResult:
    b = build(plan)
    res = solve(b.net, b.tasks.codes)
    cal = b.calendar
    status_idx = cal.index_before(status_date)
    states, slacks, required = link_states(b, res, status_idx)
    late, risk = task_flags(b, res, status_idx, states)
    result = ScheduleResult(status_date=status_date)
    result.conflicts = b.conflicts + link_conflicts(b, res, states, slacks)
    _fill_timings(result, b, res, late, risk)
    _fill_links(result, b, states, slacks, required)
    result.critical_path = [b.tasks.ids[i] for i in critical_chain(b.net, res)]
    result.milestones = milestone_forecasts(plan, b, res, status_date, status_idx)
    return result


def _fill_timings(result: ScheduleResult, b: Built, res, late: list[bool], risk: list[bool]) -> None:
    t, dur, cal = b.tasks, b.net.duration, b.calendar
    start, ls = res.start, res.late_start
    d_start = cal.dates(start)
    d_last = cal.dates([s + d - 1 if d else s for s, d in zip(start, dur)])
    # manual tasks not yet started keep their dates as written
    keep = [m and not st for m, st in zip(t.manual, t.started)]
    starts = [p if k else c for k, p, c in zip(keep, t.planned_start, d_start)]
    finishes = [p if k else c for k, p, c in zip(keep, t.planned_finish, d_last)]
    late_starts = cal.dates(ls)
    late_finishes = cal.dates([s + d - 1 if d else s for s, d in zip(ls, dur)])
    result.timings = timing_map(t.ids, t.index_of, starts, finishes, late_starts, late_finishes, dur,
                                res.total_float, res.free_float, late, risk)
    if starts:
        result.project_start = min(starts)
        result.project_finish = max(finishes)


def _fill_links(result: ScheduleResult, b: Built, states, slacks, required) -> None:
    ids = b.tasks.ids
    req_last = [r if k in ("FS", "SS") else r - 1 for r, k in zip(required, b.edge_type)]  # FF/SF: finish day
    result.links = link_map(b.edge_id, [ids[p] for p in b.net.pred],
                            [ids[s] for s in b.net.succ], states, b.calendar.dates(req_last), slacks)
