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

from planner import rowschema
from planner.plan import Plan

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


# Tables are described by `planner.rowschema` (columns, types, references), so a dump needs no ORM.
_TABLES = rowschema.TABLE_BY_NAME
_DATE_LIKE = ("dates", "datetimes")


def _layout(table: dict, skip: tuple[str, ...] = ()) -> tuple[list[str], Any, list[tuple[int, Any]]]:
    """Sorted column names, a getter returning them as a tuple, and (index, converter) to apply."""
    names = sorted(n for n in table["columns"] if n not in skip)
    dated = {n for kind in _DATE_LIKE for n in table[kind]}
    convert = [(i, _iso if n in dated else _num) for i, n in enumerate(names) if n in dated or n in table["floats"]]
    return names, attrgetter(*names), convert


def _fk_targets(table: dict) -> dict[str, str]:
    """Column -> the name of the table it refers to."""
    return dict(table["references"])


def _rows(plan: Plan, table: dict) -> list:
    if table["list"] is None:
        return [plan.programme]
    return getattr(plan, table["list"])


def dump_plan(plan: Plan, *, natural: bool = False) -> dict[str, Any]:
    """Every table of the plan as lists of plain dicts with sorted keys (see the module docstring)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    keys: dict[str, dict[int, str]] = {}
    for table in rowschema.TABLES:
        rows = _rows(plan, table)
        if natural:
            tables[table["name"]] = _natural_rows(table, rows, keys)
        else:
            tables[table["name"]] = _plain_rows(table, sorted(rows, key=attrgetter("id")))
    return {"format": FORMAT, "tables": tables}


def _plain_rows(table: dict, rows: list, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    names, getter, convert = _layout(table, skip)
    out = []
    for row in rows:
        values = list(getter(row)) if len(names) > 1 else [getter(row)]
        for i, fn in convert:
            values[i] = fn(values[i])
        out.append(dict(zip(names, values)))
    return out


def _natural_rows(table, rows, keys) -> list[dict[str, Any]]:
    name = table["name"]
    refs = _fk_targets(table)
    dumped = _plain_rows(table, rows, skip=("id",))
    if name in refs.values():  # a reference within the table (a task's summary): keys first
        outer = {c: t for c, t in refs.items() if t != name}
        keys[name] = {row.id: _natural_key(name, _with_refs(dict(data), outer, keys))
                      for row, data in zip(rows, dumped)}
    table_keys = {}
    for row, data in zip(rows, dumped):
        _with_refs(data, refs, keys)
        table_keys[row.id] = _natural_key(name, data)
    keys[name] = table_keys
    return sorted(dumped, key=_ENCODER.encode)


def _with_refs(data: dict[str, Any], refs: dict[str, str], keys) -> dict[str, Any]:
    for column, target in refs.items():
        if data[column] is not None:
            data[column] = keys[target].get(data[column])
    return data


_KEY_FIELDS: dict[str, tuple[str, ...]] = {
    # table name -> the columns of its natural key
    "programme": ("name",), "calendarexception": ("day",), "stage": ("name",), "module": ("name",),
    "roadmapcell": ("stage_id", "module_id"), "task": ("code",), "team": ("name",),
    "role": ("name",), "taskrole": ("task_id", "role_id"),
    "dependency": ("predecessor_id", "successor_id"), "milestone": ("name", "date"),
    "risk": ("category", "description"), "racicell": ("module_id", "task_id", "team_id"),
    "divisionofwork": ("module_id",), "objective": ("code",), "indicator": ("code",),
    "keyresult": ("objective_id", "code"), "keyresultlink": ("key_result_id", "indicator_id", "task_id"),
    "reading": ("indicator_id", "period"), "baseline": ("name",), "baselinetask": ("baseline_id", "task_id"),
}


def _natural_key(table: str, data: dict[str, Any]) -> str:
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
    from planner.plan import load_plan

    return dump_plan(load_plan(session), natural=natural)


def dump_project(project, *, natural: bool = False) -> dict[str, Any]:
    """The dump of an open `Project`'s working copy."""
    return project.read(lambda s: dump_session(s, natural=natural))


