"""The network and its solved passes, kept between schedules while only progress and status changed.

Reporting progress is what a plan's owner does most once the plan is made (a percentage, a
status, week after week), and none of it moves a date: links are weighed on planned
durations, and a task is fixed by its actual start, not by its progress. So while nothing the
network is built from has changed, the next schedule takes the last network and its forward
and backward passes as they are and reads only the tasks' progress again; the link states,
flags, roll-ups and conflicts that do depend on progress are judged afresh by the caller.

What the network is built from, compared value by value: every task column the scheduler
reads except progress and status, every dependency column, the calendar's inputs (week,
holiday region, programme start, exceptions), the outline (the shared `planner.outline`
object, so any change of parent or order misses) and the language of the messages built with
the network. One entry, swapped whole (safe across threads); a `Built` and a `Pass` are not
changed once solved (readers copy what they change).
"""

from __future__ import annotations

from dataclasses import replace

from planner.columns import columns
from planner.i18n import language
from planner.schedule.cpm import Pass
from planner.schedule.network import (
    _DEP_COLUMNS, _TASK_COLUMNS, PROGRESS, PROGRESS_COLUMNS, Built, build, with_progress,
)
from planner.schedule.result import ConflictKind
from planner.schedule.wbs import solve_outline

# the task columns the network does not read (they only change what status judges)
_STATUS_ONLY = frozenset({_TASK_COLUMNS.index("progress"), _TASK_COLUMNS.index("status")})

# the task fields the network is built from: an edit of any other field (progress, status, name,
# notes, owner...) leaves the network and its passes as they are
NETWORK_TASK_FIELDS = frozenset(name for k, name in enumerate(_TASK_COLUMNS) if k not in _STATUS_ONLY)

# where the stored start and end are among the columns of the key (`_key`)
_KEY_NAMES = [name for k, name in enumerate(_TASK_COLUMNS) if k not in _STATUS_ONLY]
_KEY_START, _KEY_END = _KEY_NAMES.index("start_date"), _KEY_NAMES.index("end_date")

_last: tuple[list, Built, Pass] | None = None


def solved(plan) -> tuple[Built, Pass]:
    """`network.build(plan)` and `wbs.solve_outline` of it, reused as described above.

    Raises what they raise (a cycle is never kept: nothing is stored before it is solved)."""
    global _last
    task_cols = columns(plan.tasks, _TASK_COLUMNS)
    dep_cols = columns(plan.dependencies, _DEP_COLUMNS)
    key = _key(plan, task_cols, dep_cols)
    last = _last
    if last is not None and _same(last[0], key):
        return with_progress(last[1], task_cols[PROGRESS]), last[2]
    b = build(plan, task_cols=task_cols, dep_cols=dep_cols)
    res = solve_outline(b)
    # a link to an unknown task is reported with its text, which is not in the key: not kept
    if not any(c.kind is ConflictKind.unknown_predecessor for c in b.conflicts):
        _last = (key, b, res)
    return b, res


def dates_written(res: Pass, written: dict) -> None:
    """The schedule sync wrote these stored dates, {task id: (start, end)}, from the passes `res`
    (which `solved` returned): the kept entry takes them, in its key and as the tasks' planned
    dates, so the next schedule of the plan as written takes the same network and passes.

    Only automatic leaf tasks (their durations set, or counted from the dates written, which
    keep the count) and summaries (zero-length gates, not fixed) are written by the sync, and
    the network of neither depends on its stored dates. Nothing is kept when `res` is not the
    kept entry's passes."""
    global _last
    last = _last
    if last is None or last[2] is not res or not written:
        return
    key, b, _res = last
    t, cal = b.tasks, b.calendar
    starts, ends, planned = list(t.planned_start), list(t.planned_finish), list(t.planned_index)
    at = t.index_of
    for task_id, (start, end) in written.items():
        i = at.get(task_id)
        if i is None or start is None:
            return  # not a task of this network (never expected): leave the entry as it was
        starts[i], ends[i], planned[i] = start, end, cal.index(start)
    task_key = list(key[0])
    task_key[_KEY_START], task_key[_KEY_END] = starts, ends
    kept = replace(b, tasks=replace(t, planned_start=starts, planned_finish=ends, planned_index=planned))
    _last = ([task_key, *key[1:]], kept, res)


def with_new_progress(plan, previous: tuple[Built, Pass]) -> tuple[Built, Pass]:
    """`previous` (a `ScheduleResult.solved` of this same list of tasks) with the tasks' progress
    read again: for a caller that knows nothing but fields outside `NETWORK_TASK_FIELDS` changed
    since (the app's snapshot after a progress edit), without reading and comparing the rest."""
    b, res = previous
    return with_progress(b, columns(plan.tasks, PROGRESS_COLUMNS)), res


def forget() -> None:
    """Build and solve the next network afresh (benchmarks: the cost of a schedule from scratch)."""
    global _last
    _last = None


def _key(plan, task_cols: list[list], dep_cols: list[list]) -> list:
    prog = plan.programme
    has_outline = task_cols[-1].count(None) != len(task_cols[-1])
    return [
        [col for k, col in enumerate(task_cols) if k not in _STATUS_ONLY],
        dep_cols,
        (prog.start_date, prog.workweek, prog.holiday_region),
        [(e.day, e.working) for e in plan.calendar_exceptions],
        plan.outline if has_outline else None,
        language(),
    ]


def _same(a: list, b: list) -> bool:
    outline_a, outline_b = a[4], b[4]
    return outline_a is outline_b and a[:4] == b[:4] and a[5] == b[5]
