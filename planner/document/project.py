"""The `Project` facade: one plan document (a `.plan` SQLite file) and its private working copy.

Edits go to a working copy; the document on disk changes only on Save, which writes a
complete snapshot beside the target and atomically replaces it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from planner import model as m
from planner.changes import Changes
from planner.errors import FileDamaged, FileTooNew, NotAPlanFile, ReadOnlyDocument, SaveFailed

APPLICATION_ID = 0x524D504C  # "RMPL"
PLAN_SUFFIX = ".plan"
SQLITE_MAGIC = b"SQLite format 3\x00"

T = TypeVar("T")


def _connect_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    for pragma in (
        "foreign_keys=ON",
        "trusted_schema=OFF",
        "journal_mode=WAL",
        "synchronous=NORMAL",
    ):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _connect_pragmas)
    return engine


def initialise_schema(db_path: Path) -> None:
    """Create every table in an empty database and stamp it as a plan of this schema."""
    engine = make_engine(db_path)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    with contextlib.closing(sqlite3.connect(db_path)) as con:
        con.execute(f"PRAGMA application_id={APPLICATION_ID}")
        con.execute(f"PRAGMA user_version={m.SCHEMA_VERSION}")
        con.commit()


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) read from the file header without opening SQLite."""
    with open(path, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise NotAPlanFile(f"{path.name} is not a Roadmap Planner plan.", where=str(path))
    user_version = int.from_bytes(head[60:64], "big")
    application_id = int.from_bytes(head[68:72], "big")
    return application_id, user_version


def check_plan_file(path: Path) -> int:
    """Raise a clear error unless `path` is a plan this app can open; return its schema version."""
    if not path.exists():
        raise FileNotFoundError(path)
    if path.stat().st_size == 0:
        raise FileDamaged(f"{path.name} is empty (incomplete download or copy?).", where=str(path))
    application_id, version = read_header(path)
    if application_id != APPLICATION_ID:
        raise NotAPlanFile(
            f"{path.name} is an SQLite database but not a Roadmap Planner plan.", where=str(path)
        )
    if version > m.SCHEMA_VERSION:
        raise FileTooNew(
            f"{path.name} was saved by a newer version of Roadmap Planner "
            f"(format {version}; this version reads up to {m.SCHEMA_VERSION}). "
            "Please update the app.",
            where=str(path),
        )
    return version


class Project:
    """An open plan. Use `Project.new`, `Project.create` or `Project.open`; close when done."""

    def __init__(self, work_path: Path, path: Path | None, *, read_only: bool = False):
        self.work_path = work_path
        self.path = path
        self.read_only = read_only
        self.engine = make_engine(work_path)
        self.dirty = False

    # --- lifecycle -----------------------------------------------------------------
    @classmethod
    def new(cls, name: str, start_date: dt.date, *, language: str = m.Language.zh.value) -> "Project":
        """An untitled plan (no file yet: the first Save asks for a name)."""
        work = _new_work_path("untitled")
        initialise_schema(work)
        project = cls(work, None)
        with project.session() as s:
            s.add(m.Programme(name=name, start_date=start_date, language=language))
        return project

    @classmethod
    def create(cls, path: Path | str, name: str, start_date: dt.date, **kw) -> "Project":
        project = cls.new(name, start_date, **kw)
        project.save_as(Path(path))
        return project

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> "Project":
        path = Path(path)
        check_plan_file(path)
        work = _new_work_path(path.stem)
        _backup(path, work)
        return cls(work, path, read_only=read_only)

    def close(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.work_path.parent, ignore_errors=True)

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transactions --------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise
        self.dirty = True

    def run(self, service: Callable[..., Changes], *args, **kwargs) -> Changes:
        """Run one service in one transaction and return what it changed."""
        if self.read_only:
            raise ReadOnlyDocument("This plan is open read-only; use Save As to keep changes.")
        with self.session() as s:
            return service(s, *args, **kwargs)

    def read(self, reader: Callable[[Session], T]) -> T:
        with Session(self.engine, expire_on_commit=False) as s:
            return reader(s)

    # --- saving --------------------------------------------------------------------
    def save(self) -> None:
        if self.path is None:
            raise SaveFailed("This plan has no file name yet; use Save As.")
        if self.read_only:
            raise ReadOnlyDocument("This plan is open read-only; use Save As to keep changes.")
        self._write_snapshot(self.path)
        self.dirty = False

    def save_as(self, path: Path | str) -> None:
        path = Path(path)
        if path.suffix != PLAN_SUFFIX:
            path = path.with_suffix(PLAN_SUFFIX)
        self._write_snapshot(path)
        self.path = path
        self.read_only = False
        self.dirty = False

    def _write_snapshot(self, target: Path) -> None:
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        try:
            _backup(self.work_path, tmp, journal_mode="DELETE")
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise SaveFailed(f"Could not save {target.name}: {exc.strerror or exc}", where=str(target)) from exc


def _new_work_path(stem: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="roadmap-planner-"))
    return folder / f"{stem}.work.sqlite"


def _backup(source: Path, target: Path, *, journal_mode: str | None = None) -> None:
    """Copy a database page by page with SQLite's online backup API."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise FileDamaged(f"{source.name} cannot be read: {exc}", where=str(source)) from exc
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        if journal_mode:
            dst.execute(f"PRAGMA journal_mode={journal_mode}")
        dst.commit()
    except sqlite3.DatabaseError as exc:
        raise FileDamaged(f"{source.name} is damaged: {exc}", where=str(source)) from exc
    finally:
        dst.close()
        src.close()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
