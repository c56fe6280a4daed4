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


# Format 3: tasks form an outline (parent_id), have an owner and may be undated. SQLite cannot
# drop NOT NULL from a column, so the task table is rebuilt (its recipe: new table, copy, drop,
# rename, indexes again), with foreign keys OFF as the runner arranges.
_TASK_V3 = """
CREATE TABLE task_v3 (
	id INTEGER NOT NULL,
	code VARCHAR NOT NULL,
	module_id INTEGER,
	stage_id INTEGER,
	parent_id INTEGER,
	"order" INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	actions VARCHAR NOT NULL,
	start_date DATE,
	end_date DATE,
	not_before DATE,
	period_style VARCHAR NOT NULL,
	duration_days INTEGER,
	estimated BOOLEAN DEFAULT '0' NOT NULL,
	progress FLOAT NOT NULL,
	actual_start DATE,
	actual_finish DATE,
	owner VARCHAR DEFAULT '' NOT NULL,
	roles_text VARCHAR NOT NULL,
	milestone_text VARCHAR NOT NULL,
	acceptance VARCHAR NOT NULL,
	risk_response VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	scheduling VARCHAR NOT NULL,
	priority VARCHAR,
	is_milestone BOOLEAN NOT NULL,
	notes VARCHAR NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (code),
	CONSTRAINT task_progress_range CHECK (progress >= 0 AND progress <= 1),
	CONSTRAINT task_span_order CHECK (end_date >= start_date),
	CONSTRAINT task_span_both CHECK ((start_date IS NULL) = (end_date IS NULL)),
	CONSTRAINT task_parent_not_self CHECK (parent_id IS NULL OR parent_id != id),
	FOREIGN KEY(module_id) REFERENCES module (id),
	FOREIGN KEY(stage_id) REFERENCES stage (id),
	FOREIGN KEY(parent_id) REFERENCES task (id)
)"""
_TASK_V2_COLUMNS = (
    'id, code, module_id, stage_id, "order", name, actions, start_date, end_date, period_style, '
    "duration_days, progress, actual_start, actual_finish, roles_text, milestone_text, acceptance, "
    "risk_response, status, scheduling, priority, is_milestone, notes"
)

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
    3: Migration(
        3,
        "Work breakdown: summary tasks (parent_id), task owners (负责人), undated and estimated tasks, "
        "start-no-earlier-than dates of automatic tasks, and the plan's default scheduling for new tasks.",
        (
            _TASK_V3,
            f"INSERT INTO task_v3 ({_TASK_V2_COLUMNS}) SELECT {_TASK_V2_COLUMNS} FROM task",
            "DROP TABLE task",
            "ALTER TABLE task_v3 RENAME TO task",
            "CREATE INDEX ix_task_module_id ON task (module_id)",
            "CREATE INDEX ix_task_parent_id ON task (parent_id)",
            "CREATE INDEX ix_task_stage_id ON task (stage_id)",
            "ALTER TABLE programme ADD COLUMN default_scheduling VARCHAR DEFAULT 'auto' NOT NULL",
            # tasks added to an upgraded plan keep being scheduled as before (manually)
            "UPDATE programme SET default_scheduling = 'manual'",
        ),
    ),
    4: Migration(
        4,
        "Capacity (heads available per period) of roles and teams for the head-count load view, "
        "and the plan's week numbering (programme weeks or ISO weeks).",
        (
            "ALTER TABLE role ADD COLUMN capacity INTEGER",
            "ALTER TABLE team ADD COLUMN capacity INTEGER",
            "ALTER TABLE programme ADD COLUMN week_numbering VARCHAR DEFAULT 'programme' NOT NULL",
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
