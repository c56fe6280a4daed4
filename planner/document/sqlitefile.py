"""Checks a `.plan` file before trusting it: header, size, application id, version, schema, pages."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from planner.i18n import _
from planner import rowschema
from planner.document import schema
from planner.errors import FileAccessError, FileDamaged, FileMissing, FileTooNew, FileTooOld, NotAPlanFile

APPLICATION_ID = 0x524D504C  # "RMPL"
SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_SCHEMA_VERSION = 1
MAX_PLAN_BYTES = 512 * 1024 * 1024
"""A plan of 100,000 tasks is tens of MB; anything this big is refused before SQLite reads it."""

DOCUMENT_PRAGMAS = (
    "trusted_schema=OFF",
    "cell_size_check=ON",
    "mmap_size=0",
    "foreign_keys=ON",
)
"""Set on every connection to a document file (RELIABILITY-MATRIX section 8)."""


def schema_version() -> int:
    """The newest file format this build reads and writes: `planner.model.SCHEMA_VERSION`, or
    the same number from `planner.rowschema` when the ORM is not loaded (a test keeps them equal)."""
    model = sys.modules.get("planner.model")
    return model.SCHEMA_VERSION if model is not None else rowschema.SCHEMA_VERSION


class FileTooLarge(NotAPlanFile):
    """The file is far larger than any plan (C6)."""


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int  # 0 when the header's count is not valid (written by old SQLite)
    write_version: int  # 1 rollback journal, 2 WAL
    user_version: int
    application_id: int


def parse_header(head: bytes) -> Header:
    raw_page = int.from_bytes(head[16:18], "big")
    page_size = 65536 if raw_page == 1 else raw_page
    change_counter = int.from_bytes(head[24:28], "big")
    valid_for = int.from_bytes(head[92:96], "big")
    count = int.from_bytes(head[28:32], "big") if change_counter == valid_for else 0
    return Header(
        page_size=page_size,
        page_count=count,
        write_version=head[18],
        user_version=int.from_bytes(head[60:64], "big"),
        application_id=int.from_bytes(head[68:72], "big"),
    )


def _describe_foreign(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "looks like an Excel workbook or other zip file renamed to .plan; use Import instead"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "looks like an old Office document (.xls/.doc) renamed to .plan"
    if head.startswith(b"%PDF"):
        return "is a PDF document"
    return "is not a Roadmap Planner plan (unknown content)"


def check_plan_path(path: Path) -> Header:
    """A plan file that exists, is not a folder, and whose header is right (see `check_header`)."""
    if not path.exists():
        raise FileMissing(_("{name} does not exist (moved or deleted?): {path}", name=path.name, path=path),
                          where=str(path), key="not_found")
    if path.is_dir():
        raise FileAccessError(_("{name} is a folder, not a plan file.", name=path.name), where=str(path),
                              key="is_folder")
    return check_header(path)


def check_header(path: Path) -> Header:
    """Everything that can be judged from the first 100 bytes and the size; reads no pages.

    Raises FileDamaged (empty/truncated), NotAPlanFile (other content), FileTooNew/FileTooOld.
    """
    size = path.stat().st_size
    where = str(path)
    if size == 0:
        raise FileDamaged(
            _("{name} is empty: the file is incomplete (still downloading or syncing?) or damaged.", name=path.name),
            where=where,
        )
    if size > MAX_PLAN_BYTES:
        raise FileTooLarge(
            f"{path.name} is {size // (1024 * 1024)} MB, far larger than any plan; not opened.",
            where=where,
        )
    with open(path, "rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_MAGIC):
        if SQLITE_MAGIC.startswith(head[: len(SQLITE_MAGIC)]):
            raise FileDamaged(_("{name} is incomplete or damaged (only {size} bytes).", name=path.name, size=size), where=where)
        raise NotAPlanFile(_("{name} {value}.", name=path.name, value=_describe_foreign(head)), where=where)
    if len(head) < 100:
        raise FileDamaged(_("{name} is incomplete or damaged (only {size} bytes).", name=path.name, size=size), where=where)
    header = parse_header(head)
    if header.application_id != APPLICATION_ID:
        raise NotAPlanFile(
            _("{name} is an SQLite database of another program, not a Roadmap Planner plan.", name=path.name),
            where=where,
        )
    if (
        head[18] not in (1, 2) or head[19] not in (1, 2)  # else SQLite opens read-only or not at all
        or head[21:24] != b"\x40\x20\x20"  # payload fractions, fixed by the file format
        or int.from_bytes(head[56:60], "big") != 1  # plans are UTF-8
        or not 1 <= int.from_bytes(head[44:48], "big") <= 4  # schema format number
    ):
        raise FileDamaged(_("{name} is damaged (invalid values in its header).", name=path.name), where=where)
    if header.page_size < 512 or header.page_size & (header.page_size - 1):
        raise FileDamaged(_("{name} is damaged (invalid page size in its header).", name=path.name), where=where)
    if header.page_count and size < header.page_count * header.page_size:
        raise FileDamaged(
            _("{name} is incomplete: {size} bytes of the {value} its header announces (cut short while copying, downloading or syncing?).", name=path.name, size=size, value=header.page_count * header.page_size),
            where=where,
        )
    if size % header.page_size:
        raise FileDamaged(_("{name} is incomplete or damaged (size is not whole pages).", name=path.name), where=where)
    newest = schema_version()
    if header.user_version > newest:
        raise FileTooNew(
            _("{name} was saved by a newer version of Roadmap Planner (file format {user_version}; this version reads formats up to {schema_version}). Please update the app; the file was not changed.", name=path.name, user_version=header.user_version, schema_version=newest),
            where=where,
        )
    if header.user_version < MIN_SCHEMA_VERSION:
        raise FileTooOld(
            _("{name} has file format {user_version}, older than this app can upgrade (format {min_schema_version} or later).", name=path.name, user_version=header.user_version, min_schema_version=MIN_SCHEMA_VERSION),
            where=where,
        )
    return header


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write to `path` nor create it if it is missing.

    `immutable=1`: SQLite reads the file alone, ignoring any `-wal` or `-journal` beside it and
    creating no `-shm`. A plan is never written in place (Save replaces it with a complete
    snapshot), so a journal beside it is never its own: a stale `-wal` of an older copy, or a
    hot journal left by another program, must neither be applied nor make the plan look damaged.
    """
    uri = f"{path.resolve().as_uri()}?immutable=1"
    con = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    for pragma in DOCUMENT_PRAGMAS:
        con.execute(f"PRAGMA {pragma}")
    return con


def check_contents(con: sqlite3.Connection, path: Path, version: int) -> None:
    """Schema allowlist first (before any query of ours touches a table), then quick_check."""
    where = str(path)
    try:
        problems = schema.unexpected_objects(con, version)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise FileDamaged(_("{name} is damaged ({value}).", name=path.name, value=_short(exc)), where=where) from exc
    if problems:
        listed = "; ".join(problems[:5])
        raise NotAPlanFile(
            _("{name} contains database objects a Roadmap Planner plan never has ({listed}); it was not opened.", name=path.name, listed=listed),
            where=where,
        )
    try:
        differences = schema.definition_differences(con, version)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise FileDamaged(_("{name} is damaged ({value}).", name=path.name, value=_short(exc)), where=where) from exc
    if differences:
        raise FileDamaged(
            _("{name} is damaged or was altered by another program: its table definitions differ from a plan's ({value}). The file was not changed.", name=path.name, value=differences[0][:160]),
            where=where,
        )
    try:
        rows = con.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise FileDamaged(_("{name} is damaged ({exc}).", name=path.name, exc=exc), where=where) from exc
    if rows != [("ok",)]:
        raise FileDamaged(
            _("{name} is damaged: {value}. The file was not changed; open a backup instead.", name=path.name, value=rows[0][0]),
            where=where,
        )
    _read_every_row(con, path)
    _check_rules(con, path)


def _check_rules(con: sqlite3.Connection, path: Path) -> None:
    """Foreign keys, CHECKs and value ranges, verified at open (SQLite checks them only on write)."""
    from planner.document import integrity
    from planner.i18n import _

    try:
        broken = integrity.violations(con)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise FileDamaged(_("{name} is damaged ({value}).", name=path.name, value=_short(exc)), where=str(path)) from exc
    if broken:
        raise FileDamaged(
            _("{name} holds data no plan can hold: {problems}. It was changed by another program or damaged; "
              "the file was not changed. Open a backup instead.", name=path.name, problems="; ".join(broken)),
            where=str(path), key="rules")


def _short(exc: BaseException) -> str:
    return str(exc)[:200]


def _read_every_row(con: sqlite3.Connection, path: Path) -> None:
    """quick_check does not look inside values: text must decode and columns hold their type."""
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type='table'")]
    try:
        for table in tables:
            for _row in con.execute(f'SELECT * FROM "{table}"'):
                pass
        bad = schema.values_of_wrong_type(con)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise FileDamaged(
            _("{name} is damaged ({value}). The file was not changed; open a backup instead.", name=path.name, value=_short(exc)),
            where=str(path),
        ) from exc
    if bad:
        raise FileDamaged(
            _("{name} is damaged: {value}. The file was not changed; open a backup instead.", name=path.name, value=bad[0]),
            where=str(path),
        )


def verify_snapshot(path: Path) -> None:
    """The last gate before a snapshot replaces the document: open it read-only and check it."""
    with contextlib.closing(connect_read_only(path)) as con:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        journal = con.execute("PRAGMA journal_mode").fetchone()[0]
        check = con.execute("PRAGMA quick_check").fetchall()
    with open(path, "rb") as fh:
        write_version = fh.read(20)[18]
    failures = []
    if app_id != APPLICATION_ID:
        failures.append(f"application_id {app_id:#x}")
    if version != schema_version():
        failures.append(f"schema version {version}")
    if journal != "delete" or write_version != 1:
        failures.append(f"journal mode {journal}")
    if check != [("ok",)]:
        failures.append(f"quick_check {check[0][0]}")
    if failures:
        raise sqlite3.DatabaseError("snapshot verification failed: " + ", ".join(failures))
