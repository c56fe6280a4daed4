"""What `planner.rowschema` must say, computed from `planner.model` (the ORM): the drift test
compares the two, and `python -m tests.unit.rowschema_source` prints the module's data again."""

from __future__ import annotations

import datetime as dt
import pprint


def describe_model() -> dict:
    from sqlalchemy import Boolean, CheckConstraint, Date, DateTime
    from sqlmodel import SQLModel

    from planner import model as m
    from planner.document import schema
    from planner.plan import _ORDERED, LIST_OF_TABLE

    tables = []
    for table in m.ALL_TABLES:
        cols = list(table.__table__.columns)
        tables.append({
            "name": table.__tablename__,
            "list": LIST_OF_TABLE.get(table),
            "class": table.__name__,
            "columns": tuple(c.name for c in cols),
            "dates": tuple(c.name for c in cols if isinstance(c.type, Date)),
            "datetimes": tuple(c.name for c in cols if isinstance(c.type, DateTime)),
            "booleans": tuple(c.name for c in cols if isinstance(c.type, Boolean)),
            "floats": tuple(c.name for c in cols if c.type.python_type is float),
            "ordered": table in _ORDERED,
            "references": tuple(sorted((fk.parent.name, fk.column.table.name)
                                       for fk in table.__table__.foreign_keys)),
        })
    # sorted: a table's constraints are a set, in no stable order
    checks = tuple(sorted((t.name, str(c.sqltext)) for t in SQLModel.metadata.sorted_tables
                          for c in t.constraints if isinstance(c, CheckConstraint)))
    ddl = schema.current_ddl()  # tables in creation order, then their indexes (a set: sorted)
    ddl = [d for d in ddl if d.startswith("CREATE TABLE")] + sorted(d for d in ddl if not d.startswith("CREATE TABLE"))
    return {"SCHEMA_VERSION": m.SCHEMA_VERSION, "TABLES": tuple(tables), "DDL": tuple(ddl),
            "CHECKS": checks}


if __name__ == "__main__":
    for key, value in describe_model().items():
        print(f"{key} = {pprint.pformat(value, width=116, sort_dicts=False)}\n")
