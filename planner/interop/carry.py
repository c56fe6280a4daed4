"""Plan tables MS Project has no place for (roadmap cells, risks, indicators, readings, OKRs),
carried in our own export as JSON rows with natural keys, so reading it back loses nothing.

They ride as entries of the "Roadmap Planner" attribute's value list; MS Project shows the
attribute but does not use them. Another planner's file simply has none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner import model as m
from planner.excel.records import FK, KEY_FIELDS
from planner.plan import LIST_OF_TABLE, Plan

CARRIED = (m.RoadmapCell, m.Risk, m.Objective, m.Indicator, m.KeyResult, m.KeyResultLink, m.Reading)
PREFIX = "table:"


def natural_keys(plan: Plan) -> dict[type, dict[int, tuple]]:
    """Each row's natural key by id, for every table (references resolved in dependency order)."""
    keys: dict[type, dict[int, tuple]] = {}
    for table in m.ALL_TABLES:
        if table is m.Programme:
            continue
        refs = FK[table]
        keys[table] = {
            row.id: tuple(keys[refs[f]].get(getattr(row, f)) if f in refs else getattr(row, f) for f in KEY_FIELDS[table])
            for row in getattr(plan, LIST_OF_TABLE[table])
        }
    return keys


def entries(plan: Plan) -> list[tuple[str, list[dict[str, Any]]]]:
    keys = natural_keys(plan)
    out = []
    for table in CARRIED:
        rows = getattr(plan, LIST_OF_TABLE[table])
        if rows:
            rows = sorted(rows, key=lambda r: r.id)  # in id order, so a new file gives them the same ids
            out.append((PREFIX + table.__tablename__, [_row(table, row, keys) for row in rows]))
    return out


def _row(table: type, row: Any, keys) -> dict[str, Any]:
    refs = FK[table]
    out = {}
    for c in table.__table__.columns:
        if c.name == "id":
            continue
        v = getattr(row, c.name)
        if c.name in refs and v is not None:
            v = keys[refs[c.name]].get(v)
        out[c.name] = v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
    return out


def tables_by_name() -> dict[str, type]:
    return {PREFIX + t.__tablename__: t for t in CARRIED}


def tupled(value: Any) -> Any:
    """JSON lists back to the nested tuples natural keys are made of."""
    return tuple(tupled(v) for v in value) if isinstance(value, list) else value


def record_values(table: type, data: dict[str, Any]) -> dict[str, Any]:
    from planner.interop.reading import typed

    values = typed(table, data)
    for column in FK[table]:
        if values.get(column) is not None:
            values[column] = tupled(values[column])
    return values
