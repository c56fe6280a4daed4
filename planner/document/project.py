"""The `Project` facade: one plan document (a `.plan` SQLite file) and its private working copy.

Edits go to a working copy in the user's app-data folder (durable after every transaction,
offered for recovery after a crash); the document changes only on Save, which writes a
complete, verified snapshot beside it and atomically replaces it (see `save.py`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from planner import model as m
from planner.changes import Changes
from planner.document import location, opening, oserrors, workcopy
from planner.document.atomic import remove_stale_temps
from planner.document.identity import FileIdentity
from planner.document.lock import DocumentLock, LockOwner
from planner.document.save import Progress, write_snapshot
from planner.document.sqlitefile import APPLICATION_ID, check_plan_path
from planner.document.workcopy import RecoveryEntry
from planner.errors import (
    ChangedOnDisk,
    FileDamaged,
    PlannerError,
    ReadOnlyDocument,
    SaveFailed,
)
from planner.i18n import _

PLAN_SUFFIX = ".plan"

WORK_PRAGMAS = (
    "locking_mode=EXCLUSIVE",  # before WAL: the WAL index then lives in memory (no -shm file)
    "journal_mode=WAL",
    "synchronous=NORMAL",  # WAL + NORMAL: every commit survives a crash of the app
    "foreign_keys=ON",
    "trusted_schema=OFF",
)

log = logging.getLogger(__name__)
T = TypeVar("T")


def _work_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    for pragma in WORK_PRAGMAS:
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def make_engine(db_path: Path) -> Engine:
    """One connection for the working copy: the exclusive lock admits no second one."""
    engine = create_engine(
        f"sqlite:///{db_path}", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _work_pragmas)
    return engine


def real_path(path: Path | str) -> Path:
    """The file a path names, through symbolic links: saving replaces that file (never the link)
    and the lock sits beside it, so a link and its target cannot be open twice."""
    return Path(os.path.realpath(Path(path).expanduser()))


class Project:
    """An open plan. Use `Project.new`, `.create`, `.open` or `.recover`; close when done."""

    def __init__(
        self,
        work_path: Path,
        path: Path | None,
        *,
        read_only: bool = False,
        read_only_reason: str = "",
        identity: FileIdentity | None = None,
        lock: DocumentLock | None = None,
        dirty: bool = False,
        title: str = "",
    ):
        self.work_path = work_path
        self.work_dir = work_path.parent
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason  # "" | "requested" | "folder" | "locked"
        self.identity = identity
        self.lock = lock
        self.title = title or (path.stem if path else "")
        self.upgraded_from: int | None = None
        self.engine = make_engine(work_path)
        self.dirty = dirty
        self._closed = False
        try:
            self._write_manifest()
        except OSError as exc:
            self.engine.dispose()
            raise oserrors.describe(exc, self.work_dir, "workspace") from exc

    # --- creating and opening ----------------------------------------------------------
    @classmethod
    def new(cls, name: str, start_date: dt.date, *, language: str = m.Language.zh.value) -> "Project":
        """An untitled plan (no file yet: the first Save asks for a name)."""
        try:
            work = workcopy.new_work_dir() / workcopy.WORK_FILE
        except OSError as exc:
            raise oserrors.describe(exc, exc.filename, "workspace") from exc
        engine = make_engine(work)
        SQLModel.metadata.create_all(engine)
        with engine.begin() as con:
            con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            con.exec_driver_sql(f"PRAGMA user_version={m.SCHEMA_VERSION}")
        engine.dispose()
        project = cls(work, None, dirty=True, title=name)
        with project.session() as s:
            s.add(m.Programme(name=name, start_date=start_date, language=language))
        return project

    @classmethod
    def create(cls, path: Path | str, name: str, start_date: dt.date, **kw) -> "Project":
        project = cls.new(name, start_date, **kw)
        try:
            project.save_as(Path(path))
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, take_over: bool = False) -> "Project":
        """Open a plan file. Raises FileLocked if another window or computer has it open
        (read_only=True still works; take_over=True replaces another computer's lock), and a
        DocumentError naming the problem for a file that is not a plan, damaged or too new.

        A `postgresql://host/database?plan=NAME` address opens that plan on a server instead
        (a `planner.server.ServerProject`, with the same interface)."""
        from planner.server.url import is_server_url

        if is_server_url(path):
            from planner.server.project import ServerProject

            return ServerProject.open(path, read_only=read_only)
        try:
            return cls._open(real_path(path), read_only, take_over)
        except PlannerError as exc:
            log.warning("could not open %s: %s (%s)", path, exc, exc.key)
            raise
        except OSError as exc:  # permission, a folder, a disk error: told, never a traceback
            error = oserrors.describe(exc, path, "open")
            log.warning("could not open %s: %s (%s)", path, exc, error.key)
            raise error from exc

    @classmethod
    def _open(cls, path: Path, read_only: bool, take_over: bool) -> "Project":
        header = check_plan_path(path)
        reason = "requested" if read_only else ""
        if not read_only and not opening.writable(path):
            read_only, reason = True, "folder"
        try:
            lock = None if read_only else DocumentLock(path).acquire(take_over=take_over)
        except OSError as exc:  # e.g. the plan's folder is full: the lock cannot be written
            raise oserrors.describe(exc, path, "lock") from exc
        try:
            if lock is not None:
                # Holding the lock proves no live instance is saving this document: its
                # temps are leftovers of a crashed save.
                remove_stale_temps(path.parent, older_than=time.time(), target=path.name)
            work, identity = opening.copy_in(path, header.user_version)
            upgraded = opening.upgrade_if_needed(path, work, header.user_version)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        # An upgrade reaches the file only on Save, so an upgraded plan starts out unsaved.
        project = cls(
            work, path, read_only=read_only, read_only_reason=reason, identity=identity,
            lock=lock, dirty=upgraded is not None and not read_only,
        )
        project.upgraded_from = upgraded
        try:
            with project.engine.connect():  # WAL and exclusive locking need a writable copy
                pass
        except OperationalError as exc:
            project.close()
            raise FileDamaged(_("{name} is damaged ({orig}).", name=path.name, orig=exc.orig), where=str(path)) from exc
        return project

    # --- crash recovery ------------------------------------------------------------------
    @staticmethod
    def recoverable(document: Path | str | None = None) -> list[RecoveryEntry]:
        """Working copies of sessions that ended without closing (newest first)."""
        entries = workcopy.orphans()
        if document is None:
            return entries
        wanted = real_path(document)
        return [e for e in entries if e.document is not None and real_path(e.document) == wanted]

    @classmethod
    def recover(cls, entry: RecoveryEntry, *, read_only: bool = False) -> "Project":
        """Continue from a crashed session's working copy: its last committed edit included."""
        try:
            return cls._recover(entry, read_only)
        except OSError as exc:
            raise oserrors.describe(exc, entry.document or entry.work_dir, "recover") from exc

    @classmethod
    def _recover(cls, entry: RecoveryEntry, read_only: bool) -> "Project":
        data = workcopy.read_manifest(entry.work_dir)
        work = workcopy.claim(entry) / workcopy.WORK_FILE
        version = opening.check_work_copy(work)
        if version < m.SCHEMA_VERSION:
            opening.upgrade_work_copy(work, version)
        document = entry.document
        lock = None
        if document is not None and not read_only and document.parent.exists() and opening.writable(document):
            lock = DocumentLock(document).acquire()
            # The crashed session cannot be saving any more: its temps beside the plan are leftovers.
            remove_stale_temps(document.parent, older_than=time.time(), target=document.name)
        identity = FileIdentity.from_json(data.get("identity"))
        pending = FileIdentity.from_json(data.get("saving"))
        if document is not None and pending is not None and document.exists() and pending.same_content(document):
            # It died after its snapshot replaced the plan: the plan on disk is its own save.
            identity = FileIdentity.of(document, pending.sha256)
        return cls(
            work, document, read_only=read_only, read_only_reason="requested" if read_only else "",
            identity=identity, lock=lock, dirty=True, title=entry.title,
        )

    @staticmethod
    def discard(entry: RecoveryEntry) -> None:
        """Delete a crashed session's working copy the user chose not to recover."""
        workcopy.remove(entry.work_dir)

    @staticmethod
    def backups(path: Path | str) -> list[Path]:
        """Saved versions and pre-upgrade copies of a document kept in app-data, newest first."""
        return workcopy.backups_of(Path(path).absolute())

    # --- lifecycle -----------------------------------------------------------------------
    @property
    def location_warning(self) -> str:
        """Banner text when the plan lives on a network drive or in a synced folder (B7)."""
        return location.warning(location.classify(self.path)) if self.path else ""

    @property
    def lock_taken_over(self) -> LockOwner | None:
        """The crashed session whose stale lock this open replaced (offer its recovery)."""
        return self.lock.taken_over if self.lock else None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
        workcopy.remove(self.work_dir)

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def detach(self, title: str = "") -> None:
        """Forget the file this plan came from (e.g. a bundled sample opened as a new plan):
        the next Save asks for a name, and crash recovery no longer names that file."""
        if self.lock is not None:
            self.lock.release()
        self.lock, self.path, self.identity = None, None, None
        self.read_only, self.read_only_reason = False, ""
        self.title = title or self.title
        self._write_manifest()

    # --- transactions --------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if not self.dirty:
            # Mark before committing: after a crash the copy must not claim to be saved.
            self.dirty = True
            self._write_manifest()
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except OperationalError as exc:
                s.rollback()
                raise opening.storage_error(exc) from exc
            except BaseException:
                s.rollback()
                raise

    def run(self, service: Callable[..., Changes], *args, **kwargs) -> Changes:
        """Run one service in one transaction and return what it changed."""
        if self.read_only:
            raise ReadOnlyDocument(_("This plan is open read-only; use Save As to keep changes."))
        with self.session() as s:
            return service(s, *args, **kwargs)

    def read(self, reader: Callable[[Session], T]) -> T:
        with Session(self.engine, expire_on_commit=False) as s:
            return reader(s)

    def autosave(self) -> None:
        """For the UI's timer: fold the write-ahead log into the working copy and stamp it.

        Every committed edit is already durable; this bounds the log and the recovery time.
        """
        if self._closed:
            return
        with self.engine.connect() as con:
            con.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        self._write_manifest()

    # --- saving --------------------------------------------------------------------------
    def check_on_disk(self) -> str:
        """'' if the document is as we last opened or saved it, else what happened to it."""
        if self.path is None or self.identity is None:
            return ""
        return self.identity.change(self.path)

    def save(self, *, overwrite: bool = False, progress: Progress | None = None) -> None:
        """Save to the document's own file. Raises ChangedOnDisk if that file was moved,
        deleted or replaced since it was opened (unless `overwrite`), SaveFailed otherwise."""
        if self.path is None:
            raise SaveFailed(_("This plan has no file name yet; use Save As."))
        if self.read_only:
            if self.read_only_reason == "folder":
                raise SaveFailed(
                    _("Cannot save {name}: its folder or file is read-only. Use Save As to save a copy "
                      "elsewhere; the file is unchanged.", name=self.path.name),
                    where=str(self.path),
                )
            raise ReadOnlyDocument(_("This plan is open read-only; use Save As to keep changes."))
        try:
            change = "" if overwrite else self.check_on_disk()
        except OSError as exc:
            raise oserrors.describe(exc, self.path, "save") from exc
        if change:
            if change.startswith("deleted"):
                message = _("{name} was deleted, renamed or moved since it was opened. Save As keeps your "
                            "changes in a new file.", name=self.path.name)
            else:
                message = _("{name} was changed or replaced by another program since it was opened. Save As "
                            "keeps your changes in a new file, Overwrite replaces what is there now, Reload "
                            "discards your changes.", name=self.path.name)
            raise ChangedOnDisk(message, where=str(self.path))
        self._write(self.path, progress)

    def save_as(self, path: Path | str, *, progress: Progress | None = None) -> None:
        path = Path(path).absolute()
        if path.suffix != PLAN_SUFFIX:
            path = path.with_name(path.name + PLAN_SUFFIX)
        try:
            self._save_as(real_path(path), progress)
        except OSError as exc:
            raise oserrors.describe(exc, path, "save") from exc

    def _save_as(self, path: Path, progress: Progress | None) -> None:
        if path.is_dir():
            raise SaveFailed(_("Cannot save {name}: a folder of that name is in the way.", name=path.name),
                             where=str(path))
        if path == self.path and not self.read_only:
            self._write(path, progress)
            return
        if not opening.writable(path):
            raise SaveFailed(
                _("Cannot save {name}: no permission to write in {folder}. Choose another folder.",
                  name=path.name, folder=path.parent),
                where=str(path),
            )
        lock = DocumentLock(path).acquire()
        try:
            self._write(path, progress)
        except BaseException:
            lock.release()
            raise
        if self.lock is not None:
            self.lock.release()
        self.lock, self.path, self.title = lock, path, path.stem
        self.read_only, self.read_only_reason = False, ""
        self._write_manifest()

    def _write(self, target: Path, progress: Progress | None) -> None:
        raw = self.engine.raw_connection()

        def before_rename(pending: FileIdentity) -> None:
            # Recovery compares the plan with this: if the process dies after the rename, the
            # plan on disk is recognised as this save's, not as a change by another program.
            self._write_manifest(saving=pending)

        try:
            identity = write_snapshot(raw.dbapi_connection, target, progress=progress, before_rename=before_rename)
        except SaveFailed as exc:
            log.warning("could not save %s: %s", target, exc)
            if getattr(exc, "renamed", False) and target == self.path:
                self.identity = FileIdentity.of(target)
            raise
        finally:
            raw.close()
        self.identity = identity
        self.dirty = False
        try:
            workcopy.keep_saved_version(target)
        except OSError as exc:  # the save itself succeeded; a missing backup is only logged
            log.warning("could not keep a backup of %s: %s", target, exc)
        try:
            self._write_manifest(document=target)
        except OSError as exc:  # app-data full: the plan is saved; the recovery record is a day old
            log.warning("saved %s, but could not update the recovery record: %s", target, exc)

    def _write_manifest(self, document: Path | None = None, saving: FileIdentity | None = None) -> None:
        document = document or self.path
        record = {
            "document": str(document) if document else None,
            "title": self.title,
            "unsaved": self.dirty,
            "read_only": self.read_only,
            "identity": self.identity.to_json() if self.identity else None,
            "schema_version": m.SCHEMA_VERSION,
            "stamped": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        if saving is not None:
            record["saving"] = saving.to_json()
        workcopy.write_manifest(self.work_dir, record)
