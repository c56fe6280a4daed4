"""Helpers shared by the CLI sub-commands: read a plan file, write output atomically."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

from planner.i18n import _
from planner.errors import FileDamaged, ValidationError
from planner.plan import Plan


def read_plan(path: str | Path, tables: tuple[str, ...] | None = None) -> Plan:
    """Open a plan read-only (all the document's checks), load it as plain rows, close it.

    A current-format file is read with sqlite3 alone (`planner.document.readonly`: no ORM, no
    working copy); an older one (its migration) and a plan on a server go through `Project.open`.
    `tables` names the `Plan` lists to fill (default: all). Damage found while reading becomes
    FileDamaged."""
    from planner.document.readonly import read_plan_file

    plan = read_plan_file(path, tables)
    return plan if plan is not None else read_plan_with_project(path, tables)


def read_plan_with_project(path: str | Path, tables: tuple[str, ...] | None = None) -> Plan:
    """`read_plan` through `Project.open(read_only=True)`: its working copy, migrations, servers."""
    from sqlalchemy.exc import DatabaseError

    from planner.document import Project
    from planner.schedule.loader import fast_load_plan
    from planner.server.url import is_server_url

    path = path if is_server_url(path) else Path(path)  # postgresql://host/db?plan=NAME: a plan on a server
    project = Project.open(path, read_only=True)  # a folder, no permission ...: a FileAccessError
    try:
        return fast_load_plan(project, tables)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise FileDamaged(_("{name} is damaged and cannot be read ({value}).", name=getattr(path, 'name', path), value=_reason(exc)), where=str(path)) from None
    finally:
        project.close()


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).splitlines()[0]


def parse_date_arg(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("{option}: “{text}” is not a date (YYYY-MM-DD).", option=option, text=text), where=option) from None


def write_text(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a failed write leaves no partial file)."""
    if not output or output == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    from planner.document.atomic import atomic_write

    with atomic_write(output) as tmp:
        Path(tmp).write_bytes(text.encode("utf-8"))
