"""What each schema version looks like: the allowlist checked before opening, and drift checks."""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from importlib import resources

from planner import rowschema

FROZEN_VERSIONS = (1, 2, 3)
"""Versions whose DDL is frozen as `schema_v<N>.sql` (released formats; never edited)."""

SQLITE_INTERNAL = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})


def frozen_sql(version: int) -> str:
    return resources.files("planner.document").joinpath(f"schema_v{version}.sql").read_text("utf-8")


def current_ddl() -> list[str]:
    """The DDL `create_all` emits for the model as it is now (the head schema).

    Opening a plan compares with `planner.rowschema.DDL`, this list stored (a test keeps them equal)."""
    from sqlmodel import SQLModel, create_engine

    from planner import model as _model  # noqa: F401 - registers the tables on SQLModel.metadata

    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with engine.connect() as con:
        rows = con.exec_driver_sql(
            "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
    engine.dispose()
    return [r[0] for r in rows]


def _memory_db(version: int) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    if version in FROZEN_VERSIONS:
        con.executescript(frozen_sql(version))
    elif version == rowschema.SCHEMA_VERSION:  # the head schema, as `current_ddl()` emits it
        for ddl in rowschema.DDL:
            con.execute(ddl)
    else:
        raise KeyError(f"no schema known for version {version}")
    return con


@functools.lru_cache(maxsize=None)
def expected_objects(version: int) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """name -> (type, table, column names) of every object a plan of `version` holds."""
    with contextlib.closing(_memory_db(version)) as con:
        return objects(con)


@functools.lru_cache(maxsize=None)
def _expected_normalised(version: int) -> dict[str, dict]:
    with contextlib.closing(_memory_db(version)) as con:
        return normalised(con)


def definition_differences(con: sqlite3.Connection, version: int) -> list[str]:
    """Where the file's table definitions (types, CHECKs, keys, indexes) differ from the version's."""
    return diff(normalised(con), _expected_normalised(version))


def objects(con: sqlite3.Connection) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Read the schema table only; PRAGMA table_info runs no trigger and no view."""
    found: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    rows = con.execute("SELECT type, name, tbl_name FROM sqlite_schema").fetchall()
    for kind, name, table in rows:
        columns: tuple[str, ...] = ()
        if kind == "table":
            # Sorted: a column added by ALTER TABLE sits last, wherever the model declares it.
            columns = tuple(sorted(r[1] for r in con.execute("SELECT * FROM pragma_table_info(?)", (name,))))
        found[name] = (kind, table, columns)
    return found


def unexpected_objects(con: sqlite3.Connection, version: int) -> list[str]:
    """Everything in the file that a plan of `version` does not have: the allowlist check."""
    want = expected_objects(version)
    problems: list[str] = []
    for name, (kind, table, columns) in sorted(objects(con).items()):
        if name in SQLITE_INTERNAL:
            continue
        if kind in ("trigger", "view"):
            problems.append(f"{kind} {name!r}")
        elif name not in want or want[name][:2] != (kind, table):
            problems.append(f"unknown {kind} {name!r}")
        elif columns != want[name][2]:
            problems.append(f"table {name!r} has unexpected columns")
    missing = sorted(set(want) - set(objects(con)))
    problems.extend(f"missing {want[n][0]} {n!r}" for n in missing)
    return problems


# --- normalised schema, for the drift test ------------------------------------------------
_CHECK = re.compile(r"(?:CONSTRAINT\s+(\"?\w+\"?)\s+)?CHECK\s*\(", re.IGNORECASE)


def _balanced(text: str, start: int) -> str:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return text[start:]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace('"', "")).strip()


def _checks(sql: str) -> list[str]:
    found = []
    for match in _CHECK.finditer(sql):
        body = _balanced(sql, match.end() - 1)
        found.append(f"{(match.group(1) or '').strip(chr(34))}:{_squash(body)}")
    return sorted(found)


def normalised(con: sqlite3.Connection) -> dict[str, dict]:
    """Every table's columns, CHECKs, foreign keys and indexes, independent of DDL layout."""
    result: dict[str, dict] = {}
    tables = con.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for name, sql in sorted(tables):
        indexes = []
        for _seq, idx, unique, origin, partial in con.execute(f"PRAGMA index_list({name!r})"):
            cols = tuple(r[2] for r in con.execute(f"PRAGMA index_info({idx!r})"))
            label = idx if origin == "c" else origin
            indexes.append((label, unique, origin, partial, cols))
        result[name] = {
            "columns": sorted(tuple(r[1:]) for r in con.execute(f"PRAGMA table_info({name!r})")),
            "checks": _checks(sql),
            "foreign_keys": sorted(
                tuple(r[2:]) for r in con.execute(f"PRAGMA foreign_key_list({name!r})")
            ),
            "indexes": sorted(indexes),
        }
    others = con.execute(
        "SELECT type, name FROM sqlite_schema WHERE type NOT IN ('table','index')"
    ).fetchall()
    if others:
        result["<other objects>"] = {"objects": sorted(others)}
    return result


def diff(old: dict[str, dict], new: dict[str, dict]) -> list[str]:
    """Human-readable differences between two normalised schemas (empty when equal)."""
    lines: list[str] = []
    for table in sorted(set(old) | set(new)):
        if table not in old:
            lines.append(f"table {table}: only in the second schema")
            continue
        if table not in new:
            lines.append(f"table {table}: only in the first schema")
            continue
        for key in old[table].keys() | new[table].keys():
            a, b = old[table].get(key), new[table].get(key)
            if a != b:
                lines.append(f"table {table} {key}: {a!r} != {b!r}")
    return lines


# --- value types, which quick_check does not look at --------------------------------------------
_DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"


def _type_condition(column: str, declared: str, notnull: bool) -> str:
    col = f'"{column}"'
    kind = declared.upper()
    if kind == "BOOLEAN":
        bad = f"(typeof({col}) NOT IN ('integer','null') OR {col} NOT IN (0, 1))"
    elif kind.startswith("INT"):
        bad = f"typeof({col}) NOT IN ('integer','null')"
    elif kind in ("FLOAT", "REAL", "NUMERIC") or kind.startswith("DOUBLE"):
        bad = f"typeof({col}) NOT IN ('real','integer','null')"
    elif kind == "DATE":
        # date(x, '+0 days') rolls 2025-02-30 over and rejects month 13; Python has no year 0.
        bad = (
            f"({col} IS NOT NULL AND (typeof({col}) != 'text' OR {col} NOT GLOB '{_DATE_GLOB}'"
            f" OR date({col}, '+0 days') IS NOT {col} OR substr({col}, 1, 4) = '0000'))"
        )
    elif kind.startswith(("VARCHAR", "TEXT", "DATETIME")):
        bad = f"typeof({col}) NOT IN ('text','null')"
    else:
        bad = "0"
    return f"({bad} OR {col} IS NULL)" if notnull else bad


def values_of_wrong_type(con: sqlite3.Connection) -> list[str]:
    """'table.column row N' for values no plan can hold (a flipped byte inside a record)."""
    found: list[str] = []
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    ]
    for table in tables:
        columns = [(r[1], r[2], bool(r[3])) for r in con.execute(f"PRAGMA table_info({table!r})")]
        conditions = [_type_condition(name, kind, notnull) for name, kind, notnull in columns]
        row = con.execute(
            f'SELECT rowid, {", ".join(conditions)} FROM "{table}" WHERE {" OR ".join(conditions)} LIMIT 1'
        ).fetchone()
        if row:
            column = columns[[bool(v) for v in row[1:]].index(True)][0]
            found.append(f"{table}.{column} in row {row[0]} holds a value of the wrong type")
    return found
