"""Scheduling as pure functions over a `Plan`: `schedule_plan(plan, status_date) -> ScheduleResult`.

`ScheduleResult.timings`, `.links` and `.milestones` are read-only mappings (see `views.py`)
whose objects are built when first read; everything else in the result is computed up front.
Notation (weeks, months, dates, dependency phrases) is re-exported from `notation`/`links`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import compress
from operator import add

from planner.collector import paused
from planner.schedule.calendar import WorkCalendar, calendar_for
from planner.schedule.cpm import critical_chain
from planner.schedule.links import ParsedLink, format_link, format_links, parse_dependencies
from planner.schedule.network import Built, plan_span
from planner.schedule.notation import Span, format_span, parse_date, parse_span, week_of
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
from planner.schedule.views import computed_once, link_map, timing_columns, timing_map
from planner.schedule.reuse import solved, with_new_progress
from planner.schedule.wbs import add_flags, kept_as_written, status_view, summary_timings

__all__ = [
    "schedule_plan",
    "plan_calendar",
    "WorkCalendar",
    "parse_span",
    "format_span",
    "parse_date",
    "week_of",
    "Span",
    "parse_dependencies",
    "format_link",
    "format_links",
    "ParsedLink",
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


def schedule_plan(plan, status_date: dt.date | None = None, *,
                  progress_since: ScheduleResult | None = None) -> ScheduleResult:
    """Schedule every task of `plan` and judge progress at `status_date`.

    `status_date` defaults to the programme's status date, else today. Manual tasks keep
    their dates and automatic ones start as soon as their links and the programme start
    allow; broken links and unknown predecessors come back as `conflicts`, a dependency
    cycle raises `planner.errors.CycleError`.

    `progress_since` is the schedule of this same plan (the same task list, in the same
    order) before edits that changed no task field in `reuse.NETWORK_TASK_FIELDS` and nothing
    else but tasks (a progress or status report, a name): its network and passes are taken
    as they are, without reading and comparing the plan (the caller vouches for it).
    """
    status_date = status_date or plan.programme.status_date or dt.date.today()
    # the passes allocate big lists; a cyclic-GC pass triggered mid-way walks every object of
    # a big loaded plan and costs more than the whole schedule, so collect only after
    with paused():
        return _schedule(plan, status_date, progress_since)


def _schedule(plan, status_date: dt.date, progress_since: ScheduleResult | None) -> ScheduleResult:
    # cpm.solve; with summaries, links from their starts settled too; kept for progress (reuse.py)
    before = progress_since.solved if progress_since is not None else None
    if before is not None:
        b, res = with_new_progress(plan, before[:2])
    else:
        b, res = solved(plan)
    cal = b.calendar
    status_idx = cal.index_before(status_date)
    kept = kept_as_written(b.tasks)  # manual tasks showing their dates as written
    rolled = summary_timings(b, res, kept)  # None without summaries
    judged = status_view(b, rolled)
    states, slacks = link_states(judged, res, status_idx, before[2:] if before is not None else None)
    late, risk = task_flags(judged, res, status_idx, states)
    add_flags(b, rolled, late, risk, status_date)
    result = ScheduleResult(status_date=status_date, solved=(b, res, judged.tasks, states, status_idx))
    result.conflicts = b.conflicts + link_conflicts(judged, res, states, slacks)
    result.timings = timing_map(b, res, late, risk, rolled)
    result.timing_columns = lambda: timing_columns(b, res, late, risk, rolled)
    if rolled is not None:
        ids = b.tasks.ids
        result.summary_progress = {ids[i]: p for i, p in rolled.progress.items()}
    result.links = link_map(b, res, states, slacks)
    result.critical_path = res.derived("critical path", None, lambda: _critical_path(b, res))
    result.project_start, result.project_finish = res.derived("span", kept, lambda: _span(b, res, kept))
    # the forecast is a second pass over the network; run it when someone reads it
    result.milestones = computed_once(
        [ms.id for ms in plan.milestones],
        lambda: milestone_forecasts(plan, b, res, status_date, status_idx),
    )
    return result


def _critical_path(b: Built, res) -> list[int]:
    chain = critical_chain(b.net, res)
    if b.shape is not None:  # a summary's finish gate is not a task of the chain
        chain = [i for i in chain if not b.shape.is_summary(i)]
    return [b.tasks.ids[i] for i in chain]


def _span(b: Built, res, kept: tuple[int, ...] | None = None) -> tuple[dt.date | None, dt.date | None]:
    """First start and last finish over all tasks, from the arrays; `kept` is
    `kept_as_written(b.tasks)` when the caller has it."""
    t, dur, start = b.tasks, b.net.duration, res.start
    if not t.ids:
        return None, None
    if not (kept_as_written(t) if kept is None else kept):  # every task shows its scheduled days
        last = res.last_days(dur)  # a task's last day, its start for a milestone
        if b.shape is not None:  # summaries span their leaves; their gates would only get in the way
            leaves = b.shape.leaf_mask
            start, last = list(compress(start, leaves)), list(compress(last, leaves))
        return b.calendar.date(min(start)), b.calendar.date(max(last))
    if b.shape is not None:  # summaries span their leaves; their gates would only get in the way
        leaves = [True] * len(t.ids)
        for sm in b.shape.children:
            leaves[sm] = False
        t = replace(t, manual=list(compress(t.manual, leaves)), started=list(compress(t.started, leaves)),
                    planned_start=list(compress(t.planned_start, leaves)),
                    planned_finish=list(compress(t.planned_finish, leaves)))
        dur, start = list(compress(dur, leaves)), list(compress(start, leaves))
    date = b.calendar.date
    # a task's last day is start + duration - 1, or its start for a milestone
    first, last = date(min(start)), date(max(max(map(add, start, dur)) - 1, max(start)))
    keep = [m and not st for m, st in zip(t.manual, t.started)]  # manual dates are kept as written
    if not any(keep):
        return first, last
    kept_starts = list(compress(t.planned_start, keep))
    kept_ends = list(compress(t.planned_finish, keep))
    moving = [not k for k in keep]
    auto_starts = list(compress(start, moving))
    auto_lasts = [s + d - 1 if d else s for s, d in zip(compress(start, moving), compress(dur, moving))]
    starts = kept_starts + ([date(min(auto_starts))] if auto_starts else [])
    ends = kept_ends + ([date(max(auto_lasts))] if auto_lasts else [])
    return min(starts), max(ends)
