"""The model's rules checked on a plan file at open: foreign keys, CHECK constraints and value ranges.

SQLite enforces foreign keys and CHECKs only when a row is written, and `quick_check` does not
look at them, so a file written by another program (or edited by hand) can hold a dependency on
a task that does not exist, a progress of 250% or a lag of 10^15 days; the exporters and charts
would then fail far from the cause. Each violation is named by table, the row's own name (its
code or name where it has one) and the rule.
"""

from __future__ import annotations

import sqlite3

from planner.i18n import _
from planner.rowschema import CHECKS

_NAMES = ("code", "name", "period", "title")
MAX_LAG_DAYS = 36_500  # a hundred years: the scheduler and charts handle any lag within it


def _label(con: sqlite3.Connection, table: str, rowid: int) -> str:
    columns = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
    for column in _NAMES:
        if column in columns:
            row = con.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
            if row and row[0] not in (None, ""):
                return _("{table} {name} (row {row})", table=table, name=str(row[0])[:40], row=rowid)
    return _("{table} row {row}", table=table, row=rowid)


def violations(con: sqlite3.Connection, limit: int = 5) -> list[str]:
    """Sentences naming the first rows that break a rule (empty when the plan keeps them all)."""
    found: list[str] = []
    for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check").fetchmany(limit):
        found.append(_("{row} refers to a {parent} that does not exist", row=_label(con, table, rowid),
                       parent=parent))
    for table, rule in CHECKS:  # the model's CHECK constraints (planner.rowschema, kept equal by a test)
        if len(found) >= limit:
            continue
        try:
            rows = con.execute(f'SELECT rowid FROM "{table}" WHERE NOT ({rule}) LIMIT ?', (limit,)).fetchall()
        except sqlite3.OperationalError:  # a column of a later format: not a rule of this file
            continue
        for (rowid,) in rows:
            found.append(_("{row} breaks the rule {rule}", row=_label(con, table, rowid), rule=rule))
    try:
        rows = con.execute("SELECT rowid FROM dependency WHERE abs(lag) * (CASE lag_unit WHEN 'w' THEN 7 ELSE 1 END)"
                           " > ? LIMIT ?", (MAX_LAG_DAYS, limit)).fetchall()
    except sqlite3.OperationalError:
        rows = []
    for (rowid,) in rows:
        found.append(_("{row} has a lag of more than {days:,} days", row=_label(con, "dependency", rowid),
                       days=MAX_LAG_DAYS))
    return found[:limit]
