"""Apply an import preview in one transaction; the returned `Changes.undo` reverts it exactly."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from planner.i18n import _
from planner import model as m
from planner.changes import Area, Changes
from planner.errors import ImportRejected
from planner.excel.preview import Preview, removals
from planner.excel.records import FK, PlanIndex, index_plan
from planner.plan import load_plan
from planner.services.journal import Journal, Patch
from planner.services.rows import AREA_OF
from planner.services.schedule_sync import sync_schedule


def apply_import(s: Session, preview: Preview) -> Changes:
    """Write every record of the preview (add or update by natural key); all or nothing.

    Updates and removals go through the row journal; new rows are inserted in bulk with ids
    chosen here, and recorded in the same patch, so `journal.undo` reverts the whole import
    and redo restores the same ids.
    """
    if not preview.ok:
        raise ImportRejected(_("The import has {value} error(s); nothing was imported.", value=len(preview.problems.errors)),
                             preview.problems.errors)
    index = index_plan(load_plan(s))
    j = Journal(s)
    ids = {t: {k: r.id for k, r in index.rows[t].items()} for t in m.ALL_TABLES}
    created: list[tuple[type, int, None]] = []
    areas = Area.NONE
    try:
        for table, key in removals(preview.records, index, preview.replace_scopes):
            row = s.get(table, index.rows[table][key].id)
            if row is not None:
                j.delete(row)
        for table in m.ALL_TABLES:
            new = _write_table(s, j, table, preview, index, ids)
            created += [(table, i, None) for i in new]
            if new:
                areas |= AREA_OF[table]
    except IntegrityError as exc:
        raise ImportRejected(_("The import conflicts with the plan ({orig}); nothing was imported.", orig=exc.orig)) from exc
    sync_schedule(j)  # automatic tasks and summaries take the dates the schedule gives them
    done = j.changes()
    entries = (done.undo.entries if done.undo is not None else ()) + tuple(created)
    all_areas = done.areas | areas
    return Changes(all_areas, done.ids, None, Patch(entries, all_areas, done.ids))


def _write_table(s: Session, j: Journal, table, preview: Preview, index: PlanIndex, ids) -> list[int]:
    """Insert new rows in one statement, then update existing ones through the journal. Returns new ids.

    New rows get their ids before any reference is resolved and are inserted parents first, so
    a table may refer to itself (a task's summary task) in any row order; updates come after,
    so an existing task may be placed under a summary the same import adds.
    """
    records = preview.records.of(table)
    base = _order_base(index, table)
    fresh: list[dict[str, Any]] = []
    updates: list[tuple[Any, Any]] = []
    next_id = (s.execute(select(func.max(table.id))).scalar() or 0) + 1
    new_task_defaults = _task_defaults(s) if table is m.Task else {}
    for key in records:
        existing = index.programme if table is m.Programme else index.rows[table].get(key)
        if existing is None:
            ids[table][key] = next_id
            next_id += 1
    for key, record in records.items():
        values = _resolve(table, record.values, ids)
        existing = index.programme if table is m.Programme else index.rows[table].get(key)
        if existing is not None:
            updates.append((existing, {k: v for k, v in values.items() if k not in record.auto}))
            continue
        if "order" in record.auto:
            values["order"] += base.get(_scope(table, values), 0)
        row = {**_defaults(table), **new_task_defaults, **values}  # typed by the readers; defaults fill the rest
        if table is m.Task and row.get("scheduling") == m.Scheduling.auto.value and row.get("start_date") \
                and "not_before" not in values:  # a reader that knows the constraint (MS Project's) says so
            row["not_before"] = row["start_date"]  # the dates the sheet gives hold unless links push later
        missing = [c for c in _required(table) if row.get(c) is None]
        if missing:
            raise ImportRejected(_("{origin}: {value} missing; nothing was imported.", origin=record.origin, value=', '.join(missing)))
        row["id"] = ids[table][key]
        fresh.append(row)
    if fresh:
        s.execute(insert(table), _parents_first(fresh) if table is m.Task else fresh)
    for existing, values in updates:
        j.update(s.get(table, existing.id), **values)
    return [r["id"] for r in fresh]


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """New task rows ordered so that a summary is inserted before its children."""
    pending = {r["id"]: r for r in rows}
    out: list[dict[str, Any]] = []
    placed: set[int] = set()
    for row in rows:
        chain, seen = [], set()
        while row is not None and row["id"] not in placed and row["id"] not in seen:
            chain.append(row)
            seen.add(row["id"])
            row = pending.get(row.get("parent_id"))
        for r in reversed(chain):
            placed.add(r["id"])
            out.append(r)
    return out


def _task_defaults(s: Session) -> dict[str, Any]:
    """New tasks are scheduled as the plan says for new tasks, unless the sheet says otherwise."""
    default = s.execute(select(m.Programme.default_scheduling)).scalar()
    return {"scheduling": default} if default else {}


@functools.cache
def _defaults(table) -> dict[str, Any]:
    """Each column's default from the model (the same values `table(**values)` would fill in)."""
    out = {}
    for name, info in table.model_fields.items():
        if name != "id" and not info.is_required():
            out[name] = info.get_default(call_default_factory=True)
    return out


@functools.cache
def _required(table) -> tuple[str, ...]:
    return tuple(name for name, info in table.model_fields.items() if info.is_required())


def _resolve(table, values: dict[str, Any], ids) -> dict[str, Any]:
    out = dict(values)
    for field, target in FK[table].items():
        if out.get(field) is not None:
            out[field] = ids[target][out[field]]
    return out


def _scope(table, values) -> Any:
    if table is m.Task:  # children are ordered under their summary, top-level tasks as one list
        return ("parent", values["parent_id"]) if values.get("parent_id") is not None else None
    return values.get("objective_id") if table is m.KeyResult else None


def _order_base(index: PlanIndex, table) -> dict[Any, int]:
    """New rows ordered by position go after the plan's own rows in the same scope."""
    base: dict[Any, int] = {}
    for row in index.rows.get(table, {}).values():
        order = getattr(row, "order", None)
        if order is not None:
            scope = _scope(table, row.model_dump())
            base[scope] = max(base.get(scope, 0), order + 1)
    return base
