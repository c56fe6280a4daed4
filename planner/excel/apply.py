"""Apply an import preview in one transaction; the returned `Changes.undo` reverts it exactly."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from planner import model as m
from planner.changes import Changes
from planner.errors import ImportRejected
from planner.excel.preview import Preview, removals
from planner.excel.records import FK, PlanIndex, index_plan
from planner.plan import load_plan
from planner.services.journal import Journal


def apply_import(s: Session, preview: Preview) -> Changes:
    """Write every record of the preview (add or update by natural key); all or nothing."""
    if not preview.ok:
        raise ImportRejected(f"The import has {len(preview.problems.errors)} error(s); nothing was imported.",
                             preview.problems.errors)
    index = index_plan(load_plan(s))
    j = Journal(s)
    ids = {t: {k: r.id for k, r in index.rows[t].items()} for t in m.ALL_TABLES}
    try:
        for table, key in removals(preview.records, index, preview.replace_scopes):
            row = s.get(table, index.rows[table][key].id)
            if row is not None:
                j.delete(row)
        for table in m.ALL_TABLES:
            _write_table(s, j, table, preview, index, ids)
    except IntegrityError as exc:
        raise ImportRejected(f"The import conflicts with the plan ({exc.orig}); nothing was imported.") from exc
    return j.changes()


def _write_table(s: Session, j: Journal, table, preview: Preview, index: PlanIndex, ids) -> None:
    records = preview.records.of(table)
    base = _order_base(index, table)
    for key, record in records.items():
        values = _resolve(table, record.values, ids)
        existing = index.programme if table is m.Programme else index.rows[table].get(key)
        if existing is not None:
            row = s.get(table, existing.id)
            j.update(row, **{k: v for k, v in values.items() if k not in record.auto})
            continue
        if "order" in record.auto:
            values["order"] += base.get(_scope(table, values), 0)
        row = j.add(table(**values))
        ids[table][key] = row.id


def _resolve(table, values: dict[str, Any], ids) -> dict[str, Any]:
    out = dict(values)
    for field, target in FK[table].items():
        if out.get(field) is not None:
            out[field] = ids[target][out[field]]
    return out


def _scope(table, values) -> Any:
    return values.get("module_id") if table is m.Task else values.get("objective_id") if table is m.KeyResult else None


def _order_base(index: PlanIndex, table) -> dict[Any, int]:
    """New rows ordered by position go after the plan's own rows in the same scope."""
    base: dict[Any, int] = {}
    for row in index.rows.get(table, {}).values():
        order = getattr(row, "order", None)
        if order is not None:
            scope = _scope(table, row.model_dump())
            base[scope] = max(base.get(scope, 0), order + 1)
    return base
