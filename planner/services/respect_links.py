"""The "move successors to respect links" command for manually scheduled plans.

A manual task keeps the dates it was given even when a predecessor moves past it; the
schedule then reports the broken link. This command moves each such task (not started yet)
to the earliest date its links allow, keeping its length in working days, and goes on down
the chain: what it moves may push its own successors. Tasks are only ever moved later; started
tasks, which have real dates, never move. With `task_ids`, only tasks downstream of those move.
"""

from __future__ import annotations

from typing import Iterable

from sqlmodel import Session

from planner import model as m
from planner.changes import Changes
from planner.services.journal import Journal
from planner.services.schedule_sync import sync_schedule


def move_successors(s: Session, task_ids: Iterable[int] | None = None) -> Changes:
    """Move the manual tasks whose links are broken (see the module docstring); one undo step."""
    from pathlib import Path

    from planner.schedule.cpm import forward_only
    from planner.schedule.loader import SCHEDULING_COLUMNS, read_plan_from
    from planner.schedule.network import build
    from planner.schedule.wbs import solve_outline

    s.flush()
    plan = read_plan_from(s.connection().connection.driver_connection, Path(""),
                          ("calendar_exceptions", "tasks", "dependencies"), SCHEDULING_COLUMNS)
    b = build(plan)
    res = solve_outline(b)
    t, net, cal = b.tasks, b.net, b.calendar
    movable = [mn and not st and ps is not None for mn, st, ps in zip(t.manual, t.started, t.planned_start)]
    fixed = [res.start[i] if t.started[i] else None for i in range(net.n)]
    earliest = net.earliest or [None] * net.n
    floors = [t.planned_index[i] if movable[i] else max(net.floor, earliest[i] if earliest[i] is not None else net.floor)
              for i in range(net.n)]
    starts = forward_only(res, fixed, floors, [0] * net.n, None)
    allowed = None
    if task_ids is not None:
        roots = [t.index_of[i] for i in task_ids if i in t.index_of]
        if b.shape is not None:  # a chosen summary stands for its sub-tasks
            roots += [leaf for r in roots if b.shape.is_summary(r) for leaf in b.shape.leaves[r]]
        allowed = _downstream(res, roots)
    j = Journal(s)
    for i in range(net.n):
        if not movable[i] or starts[i] <= t.planned_index[i] or (allowed is not None and i not in allowed):
            continue
        d = net.duration[i]
        start = cal.date(starts[i])
        end = cal.date(starts[i] + d - 1) if d else start
        j.update(s.get(m.Task, t.ids[i]), start_date=start, end_date=end)
        j.touch(t.ids[i])
    sync_schedule(j)
    return j.changes()


def _downstream(res, roots: list[int]) -> set[int]:
    """Every task reachable from `roots` along links (the roots excluded)."""
    seen: set[int] = set()
    todo = list(roots)
    ptr, out = res.out_ptr, res.out_succ
    while todo:
        u = todo.pop()
        for v in out[ptr[u]:ptr[u + 1]]:
            if v not in seen:
                seen.add(v)
                todo.append(v)
    return seen
