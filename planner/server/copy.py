"""Copy every table the model declares from one database to another (file <-> server).

Walks `SQLModel.metadata.sorted_tables` (parents before children), so a table added to
`planner/model.py` is copied without a change here. Columns referring to their own table
(a task's summary `parent_id`) are filled in after all rows exist, so rows may come in any order.
"""

from __future__ import annotations

from sqlalchemy import Table, bindparam
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from planner import model as m  # noqa: F401  (registers the tables)
from planner.server.catalog import quote


def _self_refs(table: Table) -> list[str]:
    return [c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]


def copy_tables(src: Connection, dst: Connection, *, schema: str | None = None) -> dict[str, int]:
    """Copy all rows; `schema` set means `dst` is PostgreSQL (rows go in with COPY into that
    schema, and the id sequences continue after the copied ids). Returns rows per table."""
    counts: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        names = [c.name for c in table.columns]
        rows = [tuple(r) for r in src.execute(table.select()).all()]
        counts[table.name] = len(rows)
        if not rows:
            continue
        later = _self_refs(table)
        fix: list[tuple] = []
        if later:
            at = [names.index(n) for n in later]
            ident = names.index("id")
            fix = [(r[ident], *(r[i] for i in at)) for r in rows if any(r[i] is not None for i in at)]
            rows = [tuple(None if i in at else v for i, v in enumerate(r)) for r in rows]
        if schema is not None:
            _copy_pg(dst, schema, table, names, rows, later, fix)
        else:
            dst.execute(table.insert(), [dict(zip(names, r)) for r in rows])
            if fix:
                stmt = table.update().where(table.c.id == bindparam("_id")).values(
                    {n: bindparam(f"_{n}") for n in later})
                dst.execute(stmt, [{"_id": f[0], **{f"_{n}": v for n, v in zip(later, f[1:])}} for f in fix])
    return counts


def _copy_pg(dst: Connection, schema: str, table: Table, names: list[str], rows: list[tuple],
             later: list[str], fix: list[tuple]) -> None:
    target = f"{schema}.{quote(table.name)}"
    cur = dst.connection.driver_connection.cursor()
    try:
        with cur.copy(f"COPY {target} ({', '.join(quote(n) for n in names)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)
        if fix:
            types = {c.name: c.type.compile(dialect=dst.dialect) for c in table.columns}
            cols = ", ".join(f"{quote(n)} {types[n]}" for n in ["id", *later])
            cur.execute(f"CREATE TEMP TABLE _planner_fix ({cols}) ON COMMIT DROP")
            with cur.copy(f"COPY _planner_fix FROM STDIN") as cp:
                for f in fix:
                    cp.write_row(f)
            sets = ", ".join(f"{quote(n)} = f.{quote(n)}" for n in later)
            cur.execute(f"UPDATE {target} t SET {sets} FROM _planner_fix f WHERE t.id = f.id")
            cur.execute("DROP TABLE _planner_fix")
        if "id" in names:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{target}', 'id'), "
                        f"(SELECT coalesce(max(id), 0) + 1 FROM {target}), false)")
    finally:
        cur.close()


def plan_to_file(plan, path) -> "Path":
    """Write a loaded `Plan` (e.g. what a window last read from a server that is now away) to a
    `.plan` file: the rows of every table the plan holds, ids kept."""
    from pathlib import Path

    from planner.document import Project
    from planner.schedule.loader import TABLE_OF_LIST

    local = Project.new(plan.programme.name, plan.programme.start_date)
    try:
        with local.engine.begin() as dst:
            dst.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # rows in any order: checked at commit
            for table in reversed(SQLModel.metadata.sorted_tables):
                dst.execute(table.delete())
            lists = {m.Programme: [plan.programme]} | {table: getattr(plan, name) for name, table in TABLE_OF_LIST.items()}
            for model, rows in lists.items():
                cols = [c.name for c in model.__table__.columns]
                if rows:
                    dst.execute(model.__table__.insert(), [{c: getattr(r, c) for c in cols} for r in rows])
        local.save_as(Path(path))
        return local.path
    finally:
        local.close()
