"""Checks on a plan file as the reliability oracles state them: consistency (O2) and a canonical dump (O3)."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

from planner import model as m
from planner.document.sqlitefile import APPLICATION_ID, connect_read_only


def consistency_problems(path: Path, *, full: bool = True) -> list[str]:
    """O2: integrity_check ok, no broken references, our application id, a supported version."""
    problems: list[str] = []
    try:
        with contextlib.closing(connect_read_only(path)) as con:
            check = "integrity_check" if full else "quick_check"
            rows = con.execute(f"PRAGMA {check}").fetchall()
            if rows != [("ok",)]:
                problems.append(f"{check}: {rows[0][0]}")
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                problems.append(f"foreign_key_check: {len(broken)} broken reference(s), first {broken[0]}")
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                problems.append(f"application_id {app_id:#x}")
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if not 1 <= version <= m.SCHEMA_VERSION:
                problems.append(f"schema version {version}")
    except sqlite3.Error as exc:
        problems.append(f"cannot read: {exc}")
    return problems


def dump(path: Path) -> dict[str, list[tuple]]:
    """O3: every table's rows, sorted, read through a read-only connection."""
    with contextlib.closing(connect_read_only(path)) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def digest(path: Path) -> str:
    """A short fingerprint of the canonical dump (equal plans give equal digests)."""
    return hashlib.sha256(repr(sorted(dump(path).items())).encode("utf-8")).hexdigest()
