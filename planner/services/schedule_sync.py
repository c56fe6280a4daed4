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
from sqlmodel import Session, select

from planner import model as m
from planner.collector import paused
from planner.columns import columns
from planner.errors import CycleError, PlannerError
from planner.services.journal import Journal

# fields of a task whose change can move scheduled dates; progress and status only change the
# roll-up of the summaries above it (links are weighed on planned durations, not on progress)
SCHEDULE_FIELDS = frozenset({"start_date", "end_date", "duration_days", "scheduling", "is_milestone",
                             "actual_start", "actual_finish", "parent_id", "not_before"})
ROLLUP_FIELDS = frozenset({"progress", "status"})

_SYNC_TABLES = ("calendar_exceptions", "tasks", "dependencies")

_ANYTHING_TO_SYNC = text(
    "SELECT EXISTS(SELECT 1 FROM task WHERE parent_id IS NOT NULL"
    " OR (scheduling = 'auto' AND start_date IS NOT NULL))"
)


def sync_schedule(j: Journal) -> None:
    """Schedule the plan as the session sees it now and write back what moved (see the module docstring).

    Works on the scheduler's arrays (no per-task result objects): on a big automatic plan an
    edit costs one load of the scheduling tables and one pass of `cpm.solve`. A loop that only
    shows through summary tasks (A inside S, S after A's successor) raises CycleError here,
    refusing the edit that made it."""
    s = j.s
    s.flush()
    if not s.execute(_ANYTHING_TO_SYNC).scalar():
        return
    # as in `schedule_plan`: reading and scheduling allocate ~25,000 rows and big lists on a
    # 10,000-task plan; a cyclic-GC pass triggered mid-way walks everything the app holds
    # (its plan snapshot, the views' rows) and cost several times the work itself
    with paused():
        _sync(j, s)


def _sync(j: Journal, s: Session) -> None:
    from planner.schedule.loader import SCHEDULING_COLUMNS, read_plan_from
    from planner.schedule.reuse import dates_written, solved
    from planner.schedule.wbs import summary_timings

    plan = read_plan_from(s.connection().connection.driver_connection, Path(""), _SYNC_TABLES, SCHEDULING_COLUMNS)
    try:
        # kept (reuse.py): when the sync moves nothing, the views' schedule of the new snapshot,
        # which has the same network, takes these passes instead of solving again
        b, res = solved(plan)
    except CycleError:
        raise
    except PlannerError:
        return  # the plan cannot be scheduled (reported where it is scheduled); keep the dates
    written = _automatic(j, s, plan, b, res)
    if b.shape is not None:
        written.update(_summaries(j, s, plan, b, summary_timings(b, res)))
    # the network does not depend on the stored dates of the tasks written here (automatic leaves
    # with their durations, summaries as gates): the views' schedule of the new snapshot takes
    # the same passes once the kept entry knows these dates
    dates_written(res, written)


def _automatic(j: Journal, s: Session, plan, b, res) -> dict:
    """Automatic dated leaf tasks whose stored span is not the scheduled one, compared as working
    days ("第1-8周" typed Monday to Sunday is kept: the schedule ends it on the Friday). Returns the
    dates written, {task id: (start, end)}."""
    t, cal, dur = b.tasks, b.calendar, b.net.duration
    summaries = b.shape.children if b.shape is not None else {}
    scheduling, starts, ends = columns(plan.tasks, ("scheduling", "start_date", "end_date"))
    auto_value = m.Scheduling.auto.value
    auto = [i for i, sc, st in zip(range(len(starts)), scheduling, starts)
            if sc == auto_value and st is not None and i not in summaries]
    if not auto:
        return {}
    start = list(map(res.start.__getitem__, auto))
    last = [st + dur[i] - 1 if dur[i] else st for st, i in zip(start, auto)]
    stored_start = cal.indices(map(starts.__getitem__, auto))
    stored_last = cal.indices_before(map(ends.__getitem__, auto))
    moved = [(i, a, z) for i, a, z, sa, sz in zip(auto, start, last, stored_start, stored_last) if (a, z) != (sa, sz)]
    if not moved:
        return {}
    ids = [t.ids[i] for i, _a, _z in moved]
    found = {row.id: row for row in s.exec(select(m.Task).where(m.Task.id.in_(ids)))} if len(ids) < 30000 else None
    get = found.get if found is not None else (lambda tid: s.get(m.Task, tid))
    written = {t.ids[i]: (cal.date(a), cal.date(z)) for i, a, z in moved}
    j.update_all((get(task_id), {"start_date": start, "end_date": end}) for task_id, (start, end) in written.items())
    j.touch(*ids)
    return written


def _summaries(j: Journal, s: Session, plan, b, rolled) -> dict:
    """Summaries whose stored roll-up is not their sub-tasks'; returns {task id: (start, end)} of those written."""
    by_id, ids, children = plan.task_by_id, b.tasks.ids, b.shape.children
    written = {}
    for sm in rolled.start:
        task = by_id[ids[sm]]
        kids = [by_id[ids[c]] for c in children[sm]]
        progress = round(rolled.progress[sm], 6)
        wanted = {"start_date": rolled.start[sm], "end_date": rolled.finish[sm], "progress": progress,
                  "status": _rolled_status(kids, progress)}
        if any(getattr(task, k) != v for k, v in wanted.items()):
            j.update(s.get(m.Task, task.id), **wanted)
            j.touch(task.id)
            written[task.id] = (wanted["start_date"], wanted["end_date"])
    return written


def _rolled_status(kids, progress: float) -> str:
    statuses = {k.status for k in kids}
    if progress >= 1.0 or statuses <= {m.TaskStatus.done.value, m.TaskStatus.cancelled.value}:
        return m.TaskStatus.done.value
    if progress > 0 or statuses & {m.TaskStatus.in_progress.value, m.TaskStatus.done.value}:
        return m.TaskStatus.in_progress.value
    return m.TaskStatus.not_started.value


def touches_schedule(fields, task=None) -> bool:
    """Whether an edit of these task fields needs `sync_schedule` (progress only under a summary)."""
    names = set(fields)
    return bool(SCHEDULE_FIELDS & names) or bool(ROLLUP_FIELDS & names and task is not None
                                                  and task.parent_id is not None)
