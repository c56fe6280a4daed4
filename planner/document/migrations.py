"""Versioned schema migrations: explicit steps, one transaction, run on the working copy only.

Each entry of MIGRATIONS upgrades a plan from `version - 1` to `version`. Steps are written out
by hand (never derived by comparing with the model), so what a release does to users' files is
reviewable here. The runner follows SQLite's advice for schema changes: foreign keys OFF
before BEGIN, all DDL inside the transaction, `foreign_key_check` before COMMIT.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable, Union

from planner import model as m
from planner.document import faults

Step = Union[str, Callable[[sqlite3.Connection], None]]


@dataclass(frozen=True)
class Migration:
    version: int  # the version this migration produces
    summary: str
    steps: tuple[Step, ...]


MIGRATIONS: dict[int, Migration] = {
    2: Migration(
        2,
        "Readings record who did the second-source check (双源验证人).",
        (
            # Schema 2 is not released yet: columns added to the model before the release get
            # their own explicit ALTER TABLE line here (the drift test names any that is missing).
            "ALTER TABLE reading ADD COLUMN verified_by VARCHAR DEFAULT '' NOT NULL",
        ),
    ),
}


class MigrationError(Exception):
    """A migration step failed; the transaction was rolled back."""

    def __init__(self, version: int, cause: BaseException):
        super().__init__(f"upgrade to format {version} failed: {cause}")
        self.version = version
        self.cause = cause


def pending(from_version: int, to_version: int = m.SCHEMA_VERSION) -> list[Migration]:
    missing = [v for v in range(from_version + 1, to_version + 1) if v not in MIGRATIONS]
    if missing:
        raise KeyError(f"no migration to format {missing[0]}")
    return [MIGRATIONS[v] for v in range(from_version + 1, to_version + 1)]


def upgrade(con: sqlite3.Connection, from_version: int, to_version: int = m.SCHEMA_VERSION) -> None:
    """Upgrade the database behind `con` (autocommit mode) one version per transaction."""
    if con.isolation_level is not None:
        raise ValueError("upgrade() needs an autocommit connection (isolation_level=None)")
    for migration in pending(from_version, to_version):
        _apply(con, migration)


def _apply(con: sqlite3.Connection, migration: Migration) -> None:
    # PRAGMA foreign_keys is a no-op inside a transaction, so it is switched before BEGIN.
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("BEGIN IMMEDIATE")
    try:
        faults.crash_point("upgrade-begun")
        for step in migration.steps:
            if callable(step):
                step(con)
            else:
                con.execute(step)
        violations = con.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            table, rowid, parent, _ = violations[0]
            raise sqlite3.IntegrityError(
                f"{len(violations)} broken reference(s), first: {table} row {rowid} -> {parent}"
            )
        con.execute(f"PRAGMA user_version={migration.version}")
        faults.crash_point("upgrade-steps-done")
        con.execute("COMMIT")
    except BaseException as exc:
        con.execute("ROLLBACK")
        if isinstance(exc, Exception):
            raise MigrationError(migration.version, exc) from exc
        raise
    finally:
        con.execute("PRAGMA foreign_keys=ON")
