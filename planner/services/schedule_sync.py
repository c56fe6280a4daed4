"""Keep the dates the scheduler owns up to date in the file, inside the edit that moved them.

As in MS Project, an automatic task's stored dates are where the scheduler puts it, and a
summary's dates, progress and status are the roll-up of its sub-tasks. Services that change
what the schedule depends on call `sync_schedule(journal)` before returning, so every reader
of the file (exports, charts, baselines, other tools) sees the same dates as the views, and
undoing the edit puts them back with it (the journal records them). Manual tasks are never
moved here; tasks without dates stay undated (they are placed when the plan is scheduled).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from planner import model as m
from planner.errors import CycleError, PlannerError
from planner.services.journal import Journal

# fields of a task whose change can move scheduled dates or a summary's roll-up
SCHEDULE_FIELDS = frozenset({"start_date", "end_date", "duration_days", "scheduling", "is_milestone",
                             "actual_start", "actual_finish", "parent_id", "progress", "status"})

_ANYTHING_TO_SYNC = text(
    "SELECT EXISTS(SELECT 1 FROM task WHERE parent_id IS NOT NULL"
    " OR (scheduling = 'auto' AND start_date IS NOT NULL))"
)


def sync_schedule(j: Journal) -> None:
    """Schedule the plan as the session sees it now and write back what moved (see the module docstring).

    A loop that only shows through summary tasks (A inside S, S after A's successor) raises
    CycleError here, refusing the edit that made it."""
    s = j.s
    s.flush()
    if not s.execute(_ANYTHING_TO_SYNC).scalar():
        return
    from planner.schedule import plan_calendar, schedule_plan
    from planner.schedule.loader import SCHEDULE_TABLES, read_plan_from

    plan = read_plan_from(s.connection().connection.driver_connection, Path(""), SCHEDULE_TABLES)
    try:
        result = schedule_plan(plan)
    except CycleError:
        raise
    except PlannerError:
        return  # the plan cannot be scheduled (reported where it is scheduled); keep the dates
    outline = plan.outline
    cal = plan_calendar(plan)
    for task in plan.tasks:
        timing = result.timings.get(task.id)
        if timing is None:
            continue
        if outline.is_summary(task.id):
            _summary(j, s, task, timing, result.summary_progress.get(task.id, task.progress), plan)
        elif task.scheduling == m.Scheduling.auto.value and task.start_date is not None:
            if not _same_working_days(cal, task, timing):
                j.update(s.get(m.Task, task.id), start_date=timing.start, end_date=timing.finish)
                j.touch(task.id)


def _same_working_days(cal, task, timing) -> bool:
    """The stored span covers the same working days as the scheduled one ("第1-8周" typed as
    Monday to Sunday is kept as typed, though the schedule ends it on the Friday)."""
    if (task.start_date, task.end_date) == (timing.start, timing.finish):
        return True
    return (cal.index(task.start_date) == cal.index(timing.start)
            and cal.index_before(task.end_date) == cal.index_before(timing.finish))


def _summary(j: Journal, s: Session, task, timing, progress: float, plan) -> None:
    kids = [plan.task_by_id[k] for k in plan.outline.children.get(task.id, [])]
    status = _rolled_status(kids, progress)
    wanted = {"start_date": timing.start, "end_date": timing.finish, "progress": round(progress, 6), "status": status}
    if any(getattr(task, k) != v for k, v in wanted.items()):
        j.update(s.get(m.Task, task.id), **wanted)
        j.touch(task.id)


def _rolled_status(kids, progress: float) -> str:
    statuses = {k.status for k in kids}
    if progress >= 1.0 or statuses <= {m.TaskStatus.done.value, m.TaskStatus.cancelled.value}:
        return m.TaskStatus.done.value
    if progress > 0 or statuses & {m.TaskStatus.in_progress.value, m.TaskStatus.done.value}:
        return m.TaskStatus.in_progress.value
    return m.TaskStatus.not_started.value


def touches_schedule(fields) -> bool:
    return bool(SCHEDULE_FIELDS & set(fields))
