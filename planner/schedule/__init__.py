"""Scheduling as pure functions over a `Plan`: `schedule_plan(plan, status_date) -> ScheduleResult`."""

from __future__ import annotations

import datetime as dt

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


def _new(cls, values: dict):
    """Build a frozen dataclass without its generated __init__ (which calls
    object.__setattr__ once per field): 10,000+ timings per schedule make it count."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


def _timings(b: Built, res, late: list[bool], risk: list[bool]) -> dict[int, TaskTiming]:
    t, dur, cal = b.tasks, b.net.duration, b.calendar
    start, ls, tf, ff = res.start, res.late_start, res.total_float, res.free_float
    last = [s + d - 1 if d else s for s, d in zip(start, dur)]
    late_last = [s + d - 1 if d else s for s, d in zip(ls, dur)]
    d_start = cal.dates(start)
    d_last = cal.dates(last)
    d_ls = cal.dates(ls)
    d_lf = cal.dates(late_last)
    out: dict[int, TaskTiming] = {}
    for i, tid in enumerate(t.ids):
        if t.manual[i] and not t.started[i]:
            s, f = t.planned_start[i], t.planned_finish[i]  # manual dates are kept as written
        else:
            s, f = d_start[i], d_last[i]
        out[tid] = _new(TaskTiming, {
            "task_id": tid, "start": s, "finish": f,
            "early_start": s, "early_finish": f,
            "late_start": d_ls[i], "late_finish": d_lf[i],
            "duration": dur[i], "total_float": tf[i], "free_float": ff[i],
            "critical": tf[i] <= 0, "late": late[i], "at_risk": risk[i],
        })
    return out


def _links(b: Built, res, states, slacks, required) -> dict[int, LinkStatus]:
    net, cal, ids = b.net, b.calendar, b.tasks.ids
    req_last = [r if k in ("FS", "SS") else r - 1 for r, k in zip(required, b.edge_type)]  # FF/SF: finish day
    days = cal.dates(req_last)
    out: dict[int, LinkStatus] = {}
    for k, dep in enumerate(b.edge_dep):
        out[dep["id"]] = _new(LinkStatus, {
            "dependency_id": dep["id"], "predecessor_id": ids[net.pred[k]],
            "successor_id": ids[net.succ[k]], "state": LinkState(states[k]),
            "earliest_successor_start": days[k], "slack": slacks[k],
        })
    return out
