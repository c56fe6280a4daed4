"""Dependency services: set a task's predecessors from text, add or remove one, refuse cycles.

Every check runs before anything is written, so a refused edit leaves the plan (and the undo
stack, which only receives successful edits) unchanged (H2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import Any, Iterable

from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from planner.i18n import _
from planner import model as m
from planner.changes import Changes
from planner.errors import CycleError, ParseError, UnknownPredecessor
from planner.services import generic
from planner.services.journal import Journal
from planner.services.schedule_sync import sync_schedule

_ITEM_SPLIT = re.compile(r"[,，、;；\n]+")
_NONE_WORDS = {"", "无", "none", "-", "—", "n/a"}
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_TYPE = re.compile(r"(?<![A-Za-z])(FS|SS|FF|SF)(?![A-Za-z])")
_LAG = re.compile(r"([+-])\s*(\d+)\s*(d|w|天|周|工作日)?", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9_.\-]+")


@dataclass(frozen=True)
class DepSpec:
    """One predecessor as written: its code, type, lag and progress threshold."""

    code: str
    type: str = m.DepType.FS.value
    lag: int = 0
    lag_unit: str = m.LagUnit.day.value
    threshold: float = 1.0
    text: str = ""


def parse_dependencies_text(text: str, codes: Iterable[str], *, where: str = "") -> list[DepSpec]:
    """Read "TP-01, TP-02 30%", "TP-02芯片适配完成30%", "TP-02、TP-03完成", "TP-01 SS+2d", "无".

    `codes` are the plan's task codes: an item starts with the longest one it begins with;
    an item starting with no known code yields a spec whose code is its first word, so the
    caller reports it as an unknown predecessor.
    """
    known = sorted(set(codes), key=len, reverse=True)
    specs: dict[str, DepSpec] = {}
    for item in _ITEM_SPLIT.split(text or ""):
        item = item.strip()
        if item.lower() in _NONE_WORDS:
            continue
        code = next((c for c in known if _starts_with_code(item, c)), None)
        if code is None:
            token = _TOKEN.match(item)
            if token is None:
                raise ParseError(_("{where}: “{item}” does not start with a task ID.", where=where, item=item), where=where)
            code = token.group(0)
        specs[code] = _spec(code, item[len(code):], item, where=where)
    return list(specs.values())


def check_lag(lag: int, unit: str, *, where: str, text: str = "") -> None:
    """A lag the scheduler and the charts can place on a calendar (a hundred years at most)."""
    from planner.document.integrity import MAX_LAG_DAYS
    from planner.i18n import _

    if abs(lag) * (7 if unit == m.LagUnit.week.value else 1) > MAX_LAG_DAYS:
        raise ParseError(_("{where}: the lag in “{text}” is more than {days:,} days.", where=where,
                           text=text or str(lag), days=MAX_LAG_DAYS), where=where, key="lag_range")


def _starts_with_code(item: str, code: str) -> bool:
    """True if `item` begins with `code` as a whole word ("TP-02芯片" yes, "TP-020" no)."""
    if not item.upper().startswith(code.upper()):
        return False
    following = item[len(code):len(code) + 1]
    return not (following.isascii() and (following.isalnum() or following == "_"))


def _spec(code: str, rest: str, item: str, *, where: str) -> DepSpec:
    threshold = 1.0
    percent = _PERCENT.search(rest)
    if percent:
        threshold = float(percent.group(1)) / 100
        if not 0 < threshold <= 1:
            raise ParseError(_("{where}: {value} in “{item}” must be above 0% and at most 100%.", where=where, value=percent.group(0), item=item),
                             where=where)
        rest = rest[: percent.start()] + rest[percent.end():]
    dep_type = _TYPE.search(rest)
    lag = _LAG.search(rest)
    lag_days, unit = 0, m.LagUnit.day.value
    if lag:
        lag_days = int(lag.group(2)[:12]) * (-1 if lag.group(1) == "-" else 1)
        if (lag.group(3) or "").lower() in ("w", "周"):
            unit = m.LagUnit.week.value
        check_lag(lag_days, unit, where=where, text=item)
    return DepSpec(code, dep_type.group(1) if dep_type else m.DepType.FS.value, lag_days, unit,
                   threshold, item)


# --- graph checks --------------------------------------------------------------------------
def find_cycle(edges: Iterable[tuple[Any, Any]]) -> list[Any] | None:
    """A cycle among (predecessor, successor) edges as [a, b, ..., a] along the arrows, or None.

    Kahn's algorithm on the nodes numbered in order of appearance: sources are taken away
    until none is left; every node then left waits for another node left, so walking back
    from one along such edges comes round to a node already seen, and that loop is a cycle."""
    pairs = edges if isinstance(edges, (list, tuple)) else list(edges)
    if not pairs:
        return None
    preds, succs = zip(*pairs)
    number: dict[Any, int] = {}
    for node in chain(preds, succs):  # first seen, first numbered
        if node not in number:
            number[node] = len(number)
    pred, succ = list(map(number.__getitem__, preds)), list(map(number.__getitem__, succs))
    n = len(number)
    out: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n  # edges into each node from nodes not taken away yet
    for p, q in zip(pred, succ):
        out[p].append(q)
        waiting[q] += 1
    order = [v for v in range(n) if not waiting[v]]
    for u in order:  # grows while walked: Kahn's queue
        for v in out[u]:
            waiting[v] -= 1
            if not waiting[v]:
                order.append(v)
    if len(order) == n:
        return None
    from planner.schedule.cpm import loop_left

    loop = loop_left(n, pred, succ, waiting)
    nodes = list(number)
    return [nodes[x] for x in loop] + [nodes[loop[0]]]


def check_acyclic(
    s: Session, edges: list[tuple[int, int]], *, drop_successors: set[int] = frozenset(),
    names: dict[int, str] | None = None,
) -> None:
    """Raise CycleError (naming task codes) if the plan's edges plus `edges` form a cycle.

    Existing edges into `drop_successors` are left out (they are being replaced); `names`
    gives codes for ids not yet in the database.
    """
    # (id, id) rows read plainly, through the session's connection: no ORM row processing (half
    # the time at 10,000 links); what the session holds is flushed first, as an ORM query would
    s.flush()
    dep = m.Dependency.__table__
    current = s.connection().execute(sa_select(dep.c.predecessor_id, dep.c.successor_id)).all()
    if drop_successors:
        current = [row for row in current if row[1] not in drop_successors]
    cycle = find_cycle([*current, *edges])
    if cycle:
        code_of = dict(s.exec(select(m.Task.id, m.Task.code).where(m.Task.id.in_(set(cycle)))).all())
        code_of.update(names or {})
        raise CycleError([code_of[i] for i in cycle])


# --- services ------------------------------------------------------------------------------
def set_dependencies_text(s: Session, task_id: int, text: str) -> Changes:
    """Replace a task's predecessors with those the text names (all checked before writing)."""
    task = generic.get(s, m.Task, task_id)
    where = f"Task {task.code}, field dependencies"
    id_of = dict(s.exec(select(m.Task.code, m.Task.id)).all())
    specs = parse_dependencies_text(text, id_of, where=where)
    for spec in specs:
        if spec.code not in id_of:
            raise UnknownPredecessor(task.code, spec.code)
    return replace_predecessors(s, task_id, [(id_of[sp.code], sp) for sp in specs])


def replace_predecessors(s: Session, task_id: int, preds: list[tuple[int, DepSpec]]) -> Changes:
    task = generic.get(s, m.Task, task_id)
    check_acyclic(s, [(pid, task_id) for pid, _ in preds], drop_successors={task_id})
    j = Journal(s)
    existing = {d.predecessor_id: d for d in s.exec(select(m.Dependency).where(m.Dependency.successor_id == task_id))}
    where = f"Task {task.code}, field dependencies"
    for pred_id, spec in preds:
        values = dict(type=spec.type, lag=spec.lag, lag_unit=spec.lag_unit, threshold=spec.threshold,
                      text=spec.text)
        if pred_id in existing:
            generic.update_row(j, existing.pop(pred_id), values, where=where)
        else:
            generic.add_row(j, m.Dependency, dict(predecessor_id=pred_id, successor_id=task_id, **values),
                            where=where)
    for dep in existing.values():
        j.delete(dep)
    j.touch(task_id)
    sync_schedule(j)
    return j.changes()


def add_dependency(
    s: Session, predecessor_id: int, successor_id: int, *, type: str = "FS", lag: int = 0,
    lag_unit: str = "d", threshold: float = 1.0, text: str = "",
) -> Changes:
    """Link two tasks; refused with CycleError if the link would close a loop."""
    pred = generic.get(s, m.Task, predecessor_id)
    succ = generic.get(s, m.Task, successor_id)
    where = f"Task {succ.code}, dependency on {pred.code}"
    if predecessor_id == successor_id:
        raise CycleError([succ.code, succ.code])
    check_lag(lag, lag_unit, where=where)
    check_acyclic(s, [(predecessor_id, successor_id)])
    j = Journal(s)
    dep = generic.add_row(j, m.Dependency, dict(
        predecessor_id=predecessor_id, successor_id=successor_id, type=type, lag=lag,
        lag_unit=lag_unit, threshold=threshold, text=text,
    ), where=where)
    j.touch(successor_id)
    sync_schedule(j)
    return j.changes(created=dep.id)


def update_dependency(s: Session, dependency_id: int, **fields: Any) -> Changes:
    """Change type, lag, lag unit, threshold or text of one link (not its ends)."""
    dep = generic.get(s, m.Dependency, dependency_id)
    if {"predecessor_id", "successor_id"} & set(fields):
        raise ParseError(_("To change which tasks a link joins, remove it and add another."),
                         where=f"Dependency {dependency_id}")
    if "lag" in fields or "lag_unit" in fields:
        check_lag(int(fields.get("lag", dep.lag) or 0), fields.get("lag_unit", dep.lag_unit), where=_dep_where(s, dep))
    j = Journal(s)
    generic.update_row(j, dep, fields, where=_dep_where(s, dep))
    j.touch(dep.successor_id)
    sync_schedule(j)
    return j.changes()


def remove_dependency(s: Session, predecessor_id: int, successor_id: int) -> Changes:
    dep = s.exec(select(m.Dependency).where(
        m.Dependency.predecessor_id == predecessor_id, m.Dependency.successor_id == successor_id
    )).first()
    if dep is None:
        generic.get(s, m.Dependency, None)  # raises NotFound
    j = Journal(s)
    j.delete(dep)
    j.touch(successor_id)
    sync_schedule(j)
    return j.changes()


def dependencies_text(s: Session, task_id: int) -> str:
    """A task's predecessors written back the way `set_dependencies_text` reads them."""
    deps = s.exec(select(m.Dependency, m.Task.code).join(m.Task, m.Task.id == m.Dependency.predecessor_id)
                  .where(m.Dependency.successor_id == task_id).order_by(m.Dependency.id)).all()
    return "、".join(format_dependency(dep, code) for dep, code in deps)


def format_dependency(dep: m.Dependency, code: str) -> str:
    out = code
    if dep.type != m.DepType.FS.value:
        out += f" {dep.type}"
    if dep.lag:
        out += f"{dep.lag:+d}{'w' if dep.lag_unit == m.LagUnit.week.value else 'd'}"
    if dep.threshold < 1:
        out += f" {dep.threshold * 100:g}%"
    return out


def _dep_where(s: Session, dep: m.Dependency) -> str:
    pred = s.get(m.Task, dep.predecessor_id)
    succ = s.get(m.Task, dep.successor_id)
    return f"Task {succ.code}, dependency on {pred.code}"
