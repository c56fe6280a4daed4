"""Outline edits as MS Project does them: indent, outdent, move among siblings, place under a summary.

The outline reads as a list with levels and keeps its visual order through every edit:
- indent: a task goes under the task just above it at its own level (its previous sibling),
  as that task's last child, with its own sub-tasks;
- outdent: a task moves up a level, right after its old summary, and the tasks below it under
  that summary become its sub-tasks;
- several tasks at once are handled in outline order, each once (a task whose summary is also
  chosen moves with it).
Every call is one transaction (one undo step) and refreshes the scheduled dates.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.errors import ValidationError
from planner.i18n import _
from planner.services import generic
from planner.services.journal import Journal
from planner.services.schedule_sync import sync_schedule


def indent_tasks(s: Session, task_ids: Iterable[int]) -> Changes:
    """Make each task a sub-task of the task above it at its level; refused for a first child."""
    j = Journal(s)
    for task in _chosen(s, task_ids):
        new_parent = _previous_sibling(s, task)
        if new_parent is None:
            raise ValidationError(_("Task {task}: there is no task above it at its level to go under.",
                                    task=task.code), where=f"Task {task.code}.parent_id",
                                  key="outline_no_previous_sibling")
        # the siblings it leaves keep their orders: a gap does not change their sequence
        j.update(task, parent_id=new_parent.id, order=generic.next_order(s, m.Task, ("parent", new_parent.id)))
        j.touch(task.id, new_parent.id)
    sync_schedule(j)
    return j.changes()


def outdent_tasks(s: Session, task_ids: Iterable[int]) -> Changes:
    """Move each task up one level, after its summary; the tasks below it there become its sub-tasks."""
    j = Journal(s)
    for task in _chosen(s, task_ids):
        if task.parent_id is None:
            raise ValidationError(_("Task {task}: it is already at the top level.", task=task.code),
                                  where=f"Task {task.code}.parent_id", key="outline_top_level")
        parent = generic.get(s, m.Task, task.parent_id)
        siblings = _siblings(s, task)
        at = [t.id for t in siblings].index(task.id)
        below = siblings[at + 1:]
        first = generic.next_order(s, m.Task, ("parent", task.id))
        # they now hang under the outdented task
        j.update_all((t, {"parent_id": task.id, "order": n}) for n, t in enumerate(below, start=first))
        if parent.parent_id is None:  # to the top level: next to the summary, in its module
            j.update(task, module_id=parent.module_id)
        j.update(task, parent_id=parent.parent_id)
        generic.place_after(j, task, parent)
        j.touch(task.id, parent.id)
    sync_schedule(j)
    return j.changes()


def set_parent(s: Session, task_id: int, parent_id: int | None, index: int | None = None) -> Changes:
    """Place a task (with its sub-tasks) under `parent_id` (None: top level) at `index` among its
    children (default: last); refused when the parent is the task or one of its sub-tasks."""
    j = Journal(s)
    task = generic.get(s, m.Task, task_id)
    old_parent = task.parent_id
    generic.update_row(j, task, {"parent_id": parent_id}, where=f"Task {task.code}")
    if parent_id is None and old_parent is not None:  # to the top level: in its old summary's module
        j.update(task, module_id=generic.get(s, m.Task, old_parent).module_id)
    if index is None:
        j.update(task, order=generic.next_order(s, m.Task, generic.scope_value(m.Task, task)))
    else:
        generic.place(j, task, index)
    j.touch(task_id)
    sync_schedule(j)
    return j.changes()


def _previous_sibling(s: Session, task: m.Task) -> m.Task | None:
    """The task just above `task` at its level (under the same summary), or None for a first one."""
    before = or_(m.Task.order < task.order, and_(m.Task.order == task.order, m.Task.id < task.id))
    query = generic.scoped(select(m.Task), m.Task, generic.scope_value(m.Task, task)).where(before)
    return s.exec(query.order_by(m.Task.order.desc(), m.Task.id.desc()).limit(1)).first()


def _siblings(s: Session, task: m.Task) -> list[m.Task]:
    return generic.ordered_siblings(s, m.Task, generic.scope_value(m.Task, task))


def _chosen(s: Session, task_ids: Iterable[int]) -> list[m.Task]:
    """The tasks in outline order, without those whose summary is chosen too."""
    from planner.outline import build_outline

    wanted = set(task_ids)
    if len(wanted) == 1:  # one task (the usual gesture): no order to work out
        return [generic.get(s, m.Task, next(iter(wanted)))]
    rows = s.exec(select(m.Task.id, m.Task.parent_id, m.Task.module_id, m.Task.order)).all()
    outline = build_outline(rows)  # the task matrix's order: top-level tasks are one list
    missing = wanted - set(outline.position)
    if missing:
        generic.get(s, m.Task, min(missing))  # raises NotFound naming it
    return [generic.get(s, m.Task, t) for t in outline.order
            if t in wanted and not any(a in wanted for a in outline.ancestors(t))]

