"""Fast read-only loading of a whole plan (plain rows, no ORM) for scheduling and read-only views.

`load_plan` builds one SQLAlchemy-instrumented model instance per row, about 20 µs each:
a 10,000-task plan (45,000 rows with dependencies, roles, readings) takes a second. Here
rows come straight from sqlite3 into immutable named tuples carrying the same attribute
names and Python types (dates, booleans) as the model, several times faster and in a third
of the memory. The result is a normal `Plan` snapshot, read-only: its rows are not ORM
instances (no session, no assignment).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import namedtuple
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from planner.i18n import _
from planner import rowschema
from planner.errors import FileDamaged
from planner.plan import Plan


def __getattr__(name: str):
    if name == "TABLE_OF_LIST":  # the model classes: imported only when asked for
        from planner.plan import TABLE_OF_LIST

        return TABLE_OF_LIST
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _describe(table) -> dict:
    """The `planner.rowschema` entry of a model class, a table name or an entry itself
    (the columns and types come from there, so reading needs no ORM)."""
    if isinstance(table, dict):
        return table
    return rowschema.TABLE_BY_NAME[table if isinstance(table, str) else table.__tablename__]


_ROW_CLASSES: dict[str, type] = {}


def row_class(table) -> type:
    """An immutable named tuple per table (`TaskRow` ...) with the model's column names:
    a third of the memory of an instance dict and built in C straight from sqlite's tuples."""
    desc = _describe(table)
    cls = _ROW_CLASSES.get(desc["name"])
    if cls is None:
        cls = _ROW_CLASSES[desc["name"]] = namedtuple(f"{desc['class']}Row", desc["columns"])
    return cls


# text and number columns with few distinct values (codes of enums, progress, thresholds):
# sqlite3 returns a new object per cell, sharing them saves ~40 bytes a cell on big plans
_SHARED = {"status", "scheduling", "period_style", "priority", "type", "lag_unit", "language", "owner",
           "comparator", "direction", "rule", "role", "kind", "unit", "progress", "threshold"}


def _shared():
    cache: dict = {}
    return lambda column: map(cache.setdefault, column, column)


def _converters(desc: dict) -> list[tuple[str, object]]:
    out = []
    for name in desc["columns"]:
        if name in _SHARED:
            out.append((name, "shared"))
        elif name in desc["dates"]:
            out.append((name, _to_date))
        elif name in desc["datetimes"]:
            out.append((name, _to_datetime))
        elif name in desc["booleans"]:
            out.append((name, _to_bool))
        else:
            out.append((name, None))
    return out


@lru_cache(maxsize=None)  # a plan has a few thousand distinct days: share the date objects
def _to_date(v):
    if v is None or isinstance(v, dt.date):  # a server's driver returns dates already
        return v
    return dt.date.fromisoformat(v[:10])


def _to_datetime(v):
    return v if v is None or isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v)


def _to_bool(v):
    return None if v is None else bool(v)


_CHUNK = 20_000  # rows converted at a time: bounds the temporary copies on 100,000+ row tables


_SLIM_CLASSES: dict[tuple, type] = {}


def _read_table(con: sqlite3.Connection, table, only: tuple[str, ...] | None = None) -> list:
    desc = _describe(table)
    convs = _converters(desc)
    if only is not None:  # a few columns (what scheduling reads), in a row class of their own
        convs = [c for c in convs if c[0] in only]
    names = [name for name, _ in convs]
    order = ' ORDER BY "order", id' if desc["ordered"] else " ORDER BY id"
    cols = ", ".join(f'"{n}"' for n in names)
    cursor = con.execute(f'SELECT {cols} FROM "{desc["name"]}"{order}')
    if only is None:
        make = row_class(desc)._make
    else:
        key = (desc["name"], tuple(names))
        if key not in _SLIM_CLASSES:
            _SLIM_CLASSES[key] = namedtuple(f"{desc['class']}Slim", names)
        make = _SLIM_CLASSES[key]._make
    needs_conversion = any(conv is not None for _, conv in convs)
    shared = {j: _shared() for j, (_, conv) in enumerate(convs) if conv == "shared"}
    out: list = []
    while rows := cursor.fetchmany(_CHUNK):
        if needs_conversion:
            # convert column by column: one C-level map per column instead of a call per cell
            columns = list(zip(*rows))
            for j, (_name, conv) in enumerate(convs):
                if conv == "shared":
                    columns[j] = shared[j](columns[j])
                elif conv is not None:
                    columns[j] = map(conv, columns[j])
            rows = zip(*columns)
        out.extend(map(make, rows))
    return out


SCHEDULE_TABLES = ("calendar_exceptions", "tasks", "dependencies", "milestones")
"""What `schedule_plan` reads besides the programme: `fast_load_plan(p, tables=SCHEDULE_TABLES)`."""


def fast_load_plan(source, tables: tuple[str, ...] | None = None) -> Plan:
    """The plan from an open `Project` (its working copy) or a `.plan` path, as plain rows.

    `tables` names the `Plan` lists to fill (default: all); the others stay empty.
    """
    engine = getattr(source, "engine", None)
    if engine is not None:  # share the project's connection: its working copy may be mid-WAL
        conn = engine.raw_connection()
        try:
            return _load(conn.driver_connection, Path(source.work_path), tables)
        finally:
            conn.close()
    path = Path(source)
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            return _load(con, path, tables)
    except sqlite3.DatabaseError as exc:
        raise FileDamaged(_("{name} cannot be read: {exc}", name=path.name, exc=exc), where=str(path)) from exc


SCHEDULING_COLUMNS = {
    "tasks": ("id", "code", "module_id", "parent_id", "order", "start_date", "end_date", "not_before",
              "duration_days", "estimated", "progress", "actual_start", "actual_finish", "status", "scheduling",
              "is_milestone"),
}
"""The columns the scheduler reads (`read_plan_from(..., columns=SCHEDULING_COLUMNS)`): no text."""


def read_plan_from(con: sqlite3.Connection, path: Path, tables: tuple[str, ...] | None = None,
                   columns: dict[str, tuple[str, ...]] | None = None) -> Plan:
    """`fast_load_plan` on a connection the caller holds (a service's session, mid-transaction);
    `columns` keeps only the named columns of some tables (their rows then carry only those)."""
    return _load(con, path, tables, columns)


def _load(con: sqlite3.Connection, path: Path, tables: tuple[str, ...] | None,
          columns: dict[str, tuple[str, ...]] | None = None) -> Plan:
    unknown = set(tables or ()) - set(rowschema.TABLE_BY_LIST)
    if unknown:
        raise ValueError(f"unknown plan tables: {sorted(unknown)}")
    try:
        programme = _read_table(con, "programme")
        only = columns or {}
        lists = {name: _read_table(con, desc, only.get(name)) for name, desc in rowschema.TABLE_BY_LIST.items()
                 if tables is None or name in tables}
    except sqlite3.DatabaseError as exc:
        raise FileDamaged(_("{name} cannot be read: {exc}", name=path.name, exc=exc), where=str(path)) from exc
    if not programme:
        raise FileDamaged(_("The plan has no programme record."), where=str(path))
    return Plan(programme=programme[0], **lists)
