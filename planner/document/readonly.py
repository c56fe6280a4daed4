"""Read a current-format `.plan` file with sqlite3 alone: the read-only CLI verbs' fast path.

`Project.open(path, read_only=True)` copies the file into a working copy through the ORM; the
ORM's import alone is most of a command's start-up. Here the document itself is opened
read-only (`sqlitefile.connect_read_only`: SQLite can neither write it nor create it), given
exactly the checks `Project.open` gives it (header, schema allowlist and definitions, quick_check,
every value's type, the model's rules; the same messages for a missing file, a folder, a newer
file, a file that is not a plan, a damaged one) and its rows are read as plain named tuples with
the column description of `planner.rowschema`.

A file in an older format needs its migration, a `postgresql://` address a server: for those
`read_plan_file` returns None and the caller goes through `Project.open` as before.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from planner.document import oserrors
from planner.document.sqlitefile import check_contents, check_plan_path, connect_read_only, schema_version
from planner.errors import FileDamaged, PlannerError
from planner.i18n import _

log = logging.getLogger("planner.document.project")  # where Project.open reports a refused file


def read_plan_file(path: str | Path, tables: tuple[str, ...] | None = None):
    """The plan at `path` as a read-only `Plan` of plain rows (see `fast_load_plan`), or None when
    only `Project.open` can read it (a server address, a file in an older format)."""
    from planner.server.url import is_server_url

    if is_server_url(path):
        return None
    try:
        return _read(Path(os.path.realpath(Path(path).expanduser())), tables)
    except PlannerError as exc:
        log.warning("could not open %s: %s (%s)", path, exc, exc.key)
        raise
    except OSError as exc:  # permission, a disk error: told, never a traceback
        error = oserrors.describe(exc, path, "open")
        log.warning("could not open %s: %s (%s)", path, exc, error.key)
        raise error from exc


def _read(path: Path, tables: tuple[str, ...] | None):
    header = check_plan_path(path)
    if header.user_version < schema_version():
        return None  # upgraded in a working copy by Project.open
    try:
        con = connect_read_only(path)
    except sqlite3.Error as exc:
        raise FileDamaged(_("{name} cannot be read ({exc}).", name=path.name, exc=exc), where=str(path)) from exc
    try:
        try:
            check_contents(con, path, header.user_version)
        except sqlite3.DatabaseError as exc:
            raise FileDamaged(_("{name} is damaged ({exc}); it was not changed.", name=path.name, exc=exc),
                              where=str(path)) from exc
        from planner.schedule.loader import read_plan_from

        return read_plan_from(con, path, tables)
    finally:
        con.close()
