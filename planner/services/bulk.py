"""Batch of tasks and dependencies applied all or nothing (what an import does): checked first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.errors import UnknownPredecessor
from planner.services import generic
from planner.services.dependencies import check_acyclic, parse_dependencies_text
from planner.services.journal import Journal
from planner.services.schedule_sync import sync_schedule


@dataclass
class TaskRow:
    """One incoming task: an existing code is updated, a new one created."""

    code: str
    start: Any
    end: Any
    name: str = ""
    predecessors: str = ""  # as written: "TP-01、TP-02 30%"
    fields: dict[str, Any] = field(default_factory=dict)


def apply_tasks(s: Session, rows: list[TaskRow]) -> Changes:
    """Create or update every task, then replace the predecessors of each; refuse the whole batch
    (nothing written) on an unknown predecessor or a cycle, including cycles closed through
    tasks already in the plan."""
    codes = dict(s.exec(select(m.Task.code, m.Task.id)).all())
    all_codes = set(codes) | {r.code for r in rows}
    specs = {}
    for row in rows:
        specs[row.code] = parse_dependencies_text(row.predecessors, all_codes, where=f"Task {row.code}, field dependencies")
        for spec in specs[row.code]:
            if spec.code not in all_codes:
                raise UnknownPredecessor(row.code, spec.code)
    _check_batch_acyclic(s, codes, specs)
    j = Journal(s)
    default_scheduling = s.exec(select(m.Programme.default_scheduling)).first() or m.Scheduling.auto.value
    for row in rows:
        values = dict(name=row.name, start_date=row.start, end_date=row.end, **row.fields)
        if row.code in codes:
            generic.update_row(j, s.get(m.Task, codes[row.code]), values, where=f"Task {row.code}")
        else:
            values.setdefault("scheduling", default_scheduling)  # the plan's choice for new tasks
            if values["scheduling"] == m.Scheduling.auto.value and values.get("start_date") is not None:
                values.setdefault("not_before", values["start_date"])
            task = generic.add_row(j, m.Task, dict(code=row.code, **values), where=f"Task {row.code}")
            codes[row.code] = task.id
        j.touch(codes[row.code])
    for row in rows:
        _replace(j, codes, codes[row.code], specs[row.code], where=f"Task {row.code}, field dependencies")
    sync_schedule(j)
    return j.changes()


def _check_batch_acyclic(s: Session, codes: dict[str, int], specs: dict) -> None:
    # New tasks have no id yet: negative placeholders put them in the same graph.
    ids = dict(codes)
    for n, code in enumerate(c for c in specs if c not in codes):
        ids[code] = -1 - n
    edges = [(ids[sp.code], ids[code]) for code, deps in specs.items() for sp in deps]
    replaced = {ids[c] for c in specs if c in codes}
    check_acyclic(s, edges, drop_successors=replaced, names={i: c for c, i in ids.items()})


def _replace(j: Journal, codes: dict[str, int], task_id: int, specs, *, where: str) -> None:
    existing = {d.predecessor_id: d for d in j.s.exec(select(m.Dependency).where(m.Dependency.successor_id == task_id))}
    for spec in specs:
        values = dict(type=spec.type, lag=spec.lag, lag_unit=spec.lag_unit, threshold=spec.threshold, text=spec.text)
        pred_id = codes[spec.code]
        if pred_id in existing:
            generic.update_row(j, existing.pop(pred_id), values, where=where)
        else:
            generic.add_row(j, m.Dependency, dict(predecessor_id=pred_id, successor_id=task_id, **values), where=where)
    for dep in existing.values():
        j.delete(dep)
