"""The whole plan as stable, sorted JSON: the same plan always gives the same bytes.

Two forms:
- `dump_plan(plan)` keeps row ids (they are stored in the file, so they are stable) and
  sorts rows by id: the canonical dump the reliability tests compare before and after an
  operation;
- `dump_plan(plan, natural=True)` drops ids and writes every reference as the referenced
  row's natural key (task code, module name, ...), rows sorted by content: two plans built
  differently (an Excel round-trip, an import into a fresh file) compare equal when they
  hold the same things.

Dates are ISO strings, floats are rounded to 12 significant digits (so 0.1 + 0.2 and 0.3
agree), nothing depends on the moment the dump is made.
"""

from __future__ import annotations

import datetime as dt
import json
from operator import attrgetter
from typing import Any

from sqlmodel import SQLModel

from planner import model as m
from planner.plan import LIST_OF_TABLE, Plan, load_plan

FORMAT = "roadmap-planner-dump/1"

# Rows are built with sorted keys already, so the encoder need not sort them again.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)



def value(v: Any) -> Any:
    """A column value in its stable JSON form."""
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if hasattr(v, "value") and not isinstance(v, (int, str)):  # an Enum
        return v.value
    return v


def _float(v: float) -> float:
    v = float(f"{v:.12g}")
    return 0.0 if v == 0 else v  # -0.0 and 0.0 dump alike


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def _num(v: Any) -> Any:
    return _float(v) if isinstance(v, float) else v


def _layout(table: type[SQLModel], skip: tuple[str, ...] = ()) -> tuple[list[str], Any, list[tuple[int, Any]]]:
    """Sorted column names, a getter returning them as a tuple, and (index, converter) to apply."""
    names = sorted(c.name for c in table.__table__.columns if c.name not in skip)
    kinds = {c.name: c.type.python_type for c in table.__table__.columns}
    convert = [(i, _iso if kinds[n] in (dt.date, dt.datetime) else _num)
               for i, n in enumerate(names) if kinds[n] in (dt.date, dt.datetime, float)]
    return names, attrgetter(*names), convert


def _fk_targets(table: type[SQLModel]) -> dict[str, type[SQLModel]]:
    by_name = {t.__tablename__: t for t in m.ALL_TABLES}
    return {fk.parent.name: by_name[fk.column.table.name] for fk in table.__table__.foreign_keys}


def _rows(plan: Plan, table: type[SQLModel]) -> list[SQLModel]:
    if table is m.Programme:
        return [plan.programme]
    return getattr(plan, LIST_OF_TABLE[table])


def dump_plan(plan: Plan, *, natural: bool = False) -> dict[str, Any]:
    """Every table of the plan as lists of plain dicts with sorted keys (see the module docstring)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    keys: dict[type[SQLModel], dict[int, str]] = {}
    for table in m.ALL_TABLES:
        rows = _rows(plan, table)
        if natural:
            tables[table.__tablename__] = _natural_rows(table, rows, keys)
        else:
            tables[table.__tablename__] = _plain_rows(table, sorted(rows, key=attrgetter("id")))
    return {"format": FORMAT, "tables": tables}


def _plain_rows(table: type[SQLModel], rows: list, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    names, getter, convert = _layout(table, skip)
    out = []
    for row in rows:
        values = list(getter(row)) if len(names) > 1 else [getter(row)]
        for i, fn in convert:
            values[i] = fn(values[i])
        out.append(dict(zip(names, values)))
    return out


def _natural_rows(table, rows, keys) -> list[dict[str, Any]]:
    refs = _fk_targets(table)
    dumped = _plain_rows(table, rows, skip=("id",))
    if table in refs.values():  # a reference within the table (a task's summary): keys first
        outer = {c: t for c, t in refs.items() if t is not table}
        keys[table] = {row.id: _natural_key(table, _with_refs(dict(data), outer, keys))
                       for row, data in zip(rows, dumped)}
    table_keys = {}
    for row, data in zip(rows, dumped):
        _with_refs(data, refs, keys)
        table_keys[row.id] = _natural_key(table, data)
    keys[table] = table_keys
    return sorted(dumped, key=_ENCODER.encode)


def _with_refs(data: dict[str, Any], refs: dict[str, type[SQLModel]], keys) -> dict[str, Any]:
    for column, target in refs.items():
        if data[column] is not None:
            data[column] = keys[target].get(data[column])
    return data


_KEY_FIELDS: dict[type[SQLModel], tuple[str, ...]] = {
    m.Programme: ("name",), m.CalendarException: ("day",), m.Stage: ("name",), m.Module: ("name",),
    m.RoadmapCell: ("stage_id", "module_id"), m.Task: ("code",), m.Team: ("name",),
    m.Role: ("name",), m.TaskRole: ("task_id", "role_id"),
    m.Dependency: ("predecessor_id", "successor_id"), m.Milestone: ("name", "date"),
    m.Risk: ("category", "description"), m.RaciCell: ("module_id", "task_id", "team_id"),
    m.DivisionOfWork: ("module_id",), m.Objective: ("code",), m.Indicator: ("code",),
    m.KeyResult: ("objective_id", "code"), m.KeyResultLink: ("key_result_id", "indicator_id", "task_id"),
    m.Reading: ("indicator_id", "period"), m.Baseline: ("name",), m.BaselineTask: ("baseline_id", "task_id"),
}


def _natural_key(table: type[SQLModel], data: dict[str, Any]) -> str:
    return "/".join("" if data[f] is None else str(data[f]) for f in _KEY_FIELDS[table])


def dump_json(plan: Plan, *, natural: bool = False) -> str:
    """`dump_plan` as JSON text: sorted keys, one row per line, UTF-8 as written, final newline."""
    data = dump_plan(plan, natural=natural)
    lines = ["{", f' "format": {json.dumps(data["format"])},', ' "tables": {']
    tables = data["tables"]
    names = sorted(tables)
    for i, name in enumerate(names):
        rows = tables[name]
        body = ",\n".join(f"   {_compact(r)}" for r in rows)
        tail = "," if i < len(names) - 1 else ""
        lines.append(f'  {json.dumps(name)}: [\n{body}\n  ]{tail}' if rows else f'  {json.dumps(name)}: []{tail}')
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def _compact(row: dict[str, Any]) -> str:
    return _ENCODER.encode(row)


def dump_session(session, *, natural: bool = False) -> dict[str, Any]:
    """Convenience for tests and services: load the plan from a session and dump it."""
    return dump_plan(load_plan(session), natural=natural)


def dump_project(project, *, natural: bool = False) -> dict[str, Any]:
    """The dump of an open `Project`'s working copy."""
    return project.read(lambda s: dump_session(s, natural=natural))


