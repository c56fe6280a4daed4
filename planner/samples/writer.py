"""Write a sample plan file byte-stably: fixed ids, one insertion order, VACUUM INTO the target."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from sqlmodel import Session, SQLModel, select

from planner import model as m
from planner.document.project import Project
from planner.schedule import notation


class RowBook:
    """Rows of a plan to be written, each given the next id of its table as it is added."""

    def __init__(self) -> None:
        self.rows: dict[type[SQLModel], list[SQLModel]] = {}

    def add(self, row):
        rows = self.rows.setdefault(type(row), [])
        row.id = len(rows) + 1
        rows.append(row)
        return row

    def all(self, table: type[SQLModel]) -> list:
        return list(self.rows.get(table, []))


def write_plan(book: RowBook, target: Path) -> Path:
    """Write `book` as a plan file at `target` (replacing it); the same book gives the same bytes.

    The plan is made with `Project.new` (so it has the current schema and header), rows go
    in in table order and id order, and the working copy is then copied with VACUUM INTO,
    which writes a compact, rollback-journal file holding no leftovers of the build. (Save's
    fsync pipeline is not needed for a build product and would triple the build time.)
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    programme = book.all(m.Programme)[0]
    project = Project.new(programme.name, programme.start_date)
    try:
        with project.session() as session:
            _fill(session, book)
        project.engine.dispose()  # no connection may hold the file while indexes are rebuilt
        _sort_indexes(project.work_path)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        try:
            with contextlib.closing(sqlite3.connect(project.work_path)) as con:
                con.execute("VACUUM INTO ?", (str(tmp),))
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    finally:
        project.close()
    return target


def _fill(session: Session, book: RowBook) -> None:
    """The programme row `Project.new` made takes the book's values; every other row is added."""
    existing = session.exec(select(m.Programme)).one()
    for key, value in book.all(m.Programme)[0].model_dump(exclude={"id"}).items():
        setattr(existing, key, value)
    session.add(existing)
    session.flush()
    for table in m.ALL_TABLES:
        if table is m.Programme:
            continue
        for row in book.all(table):
            session.add(row)
        session.flush()  # parents exist before their children are inserted


def _sort_indexes(db: Path) -> None:
    """Recreate the indexes in name order: create_all emits them in set order, which varies
    between interpreter runs and would change the file's bytes."""
    with contextlib.closing(sqlite3.connect(db)) as con:
        rows = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        ).fetchall()
        for name, _sql in rows:
            con.execute(f'DROP INDEX "{name}"')
        for _name, sql in rows:
            con.execute(sql)
        con.commit()


# --- helpers the sample builders share ---------------------------------------------------
def week_start(programme_start: dt.date, week: int) -> dt.date:
    return notation.week_start(week, programme_start)


def week_end(programme_start: dt.date, week: int) -> dt.date:
    return notation.week_end(week, programme_start)


def week_span(programme_start: dt.date, text: str) -> tuple[dt.date, dt.date]:
    """'第4-22周' -> (start of week 4, end of week 22); '第24周' -> week 24 only."""
    span = notation.parse_span(text, programme_start)
    return span.start, span.end


add_months = notation.add_months


def parse_roles(text: str) -> list[tuple[str, int]]:
    """'算子组工程师×8、架构师×2' -> [('算子组工程师', 8), ('架构师', 2)]."""
    out = []
    for part in re.split(r"[、，,;；]", text):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(.+?)\s*[×xX*]\s*(\d+)", part)
        out.append((match.group(1).strip(), int(match.group(2))) if match else (part, 1))
    return out
