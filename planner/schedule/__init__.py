"""Scheduling as pure functions over a `Plan`: `schedule_plan(plan, status_date) -> ScheduleResult`."""

from __future__ import annotations

import datetime as dt
import gc

from planner.schedule.calendar import WorkCalendar, calendar_for
from planner.schedule.cpm import critical_chain, solve
from planner.schedule.network import Built, build
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
    from planner.schedule.network import plan_span

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
    conflicts = b.conflicts + link_conflicts(b, res, states, slacks)
    result = ScheduleResult(status_date=status_date)
    result.timings = _timings(b, res, late, risk)
    result.links = _links(b, res, states, slacks, required)
    result.critical_path = [b.tasks.ids[i] for i in critical_chain(b.net, res)]
    result.conflicts = conflicts
    result.milestones = milestone_forecasts(plan, b, res, status_date, status_idx)
    if result.timings:
        result.project_start = min(t.start for t in result.timings.values())
        result.project_finish = max(t.finish for t in result.timings.values())
    return result


def _new(cls, values: dict, _make=object.__new__, _set=object.__setattr__):
    """Build a frozen dataclass without its generated __init__ (which calls
    object.__setattr__ once per field, 5x slower): 10,000+ timings per schedule make it count."""
    obj = _make(cls)
    _set(obj, "__dict__", values)
    return obj


def _timings(b: Built, res, late: list[bool], risk: list[bool]) -> dict[int, TaskTiming]:
    t, dur, cal = b.tasks, b.net.duration, b.calendar
    start, ls, tf, ff = res.start, res.late_start, res.total_float, res.free_float
    d_start = cal.dates(start)
    d_last = cal.dates([s + d - 1 if d else s for s, d in zip(start, dur)])
    d_ls = cal.dates(ls)
    d_lf = cal.dates([s + d - 1 if d else s for s, d in zip(ls, dur)])
    # manual tasks not yet started keep their dates as written
    keep = [m and not st for m, st in zip(t.manual, t.started)]
    starts = [p if k else c for k, p, c in zip(keep, t.planned_start, d_start)]
    finishes = [p if k else c for k, p, c in zip(keep, t.planned_finish, d_last)]
    new = _new
    return {
        tid: new(TaskTiming, {
            "task_id": tid, "start": s, "finish": f, "early_start": s, "early_finish": f,
            "late_start": a, "late_finish": z, "duration": d, "total_float": tot,
            "free_float": fr, "critical": tot <= 0, "late": lt, "at_risk": rk,
        })
        for tid, s, f, a, z, d, tot, fr, lt, rk in zip(
            t.ids, starts, finishes, d_ls, d_lf, dur, tf, ff, late, risk)
    }


def _links(b: Built, res, states, slacks, required) -> dict[int, LinkStatus]:
    ids = b.tasks.ids
    req_last = [r if k in ("FS", "SS") else r - 1 for r, k in zip(required, b.edge_type)]  # FF/SF: finish day
    days = b.calendar.dates(req_last)
    new = _new
    return {
        dep["id"]: new(LinkStatus, {
            "dependency_id": dep["id"], "predecessor_id": ids[p], "successor_id": ids[s],
            "state": st, "earliest_successor_start": day, "slack": sl,
        })
        for dep, p, s, st, day, sl in zip(b.edge_dep, b.net.pred, b.net.succ, states, days, slacks)
    }
