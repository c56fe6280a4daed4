"""The save pipeline: snapshot beside the target, fsync, verify, atomic replace, fsync the folder.

RELIABILITY-MATRIX section 8. Until `os.replace` the document is untouched; after it the
document is the complete new snapshot. A crash at any instant leaves one or the other.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from pathlib import Path
from typing import Callable

from planner.i18n import _
from planner.document import faults
from planner.document.atomic import (
    ReplaceRefused,
    fsync_dir,
    fsync_file,
    keep_mode,
    replace_with_retry,
    temp_path_for,
)
from planner.document.identity import FileIdentity
from planner.document.sqlitefile import verify_snapshot
from planner.errors import SaveFailed

PAGES_PER_STEP = 256  # backup API step (1 MB at 4 KiB pages): lets a progress bar move

Progress = Callable[[int, int], None]  # (pages copied, total pages)


def copy_pages(source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress | None) -> None:
    """SQLite's online backup API; one function so tests can make it fail like a full disk."""
    mid_copy = faults.armed("mid-copy")
    step = 1 if mid_copy else PAGES_PER_STEP

    def on_step(_status: int, remaining: int, total: int) -> None:
        if mid_copy and 0 < remaining < total:
            faults.crash_point("mid-copy")
        if progress:
            progress(total - remaining, total)

    source.backup(target, pages=step, progress=on_step)


def write_snapshot(source: sqlite3.Connection, target: Path, *, progress: Progress | None = None,
                   before_rename: Callable[[FileIdentity], None] | None = None) -> FileIdentity:
    """Write `source` (the working copy) to `target` atomically; return the new file's identity.

    `before_rename` is told the snapshot's identity just before it replaces the target (the
    content hash is the one the target will have). Raises SaveFailed with the document
    untouched if anything before the rename fails.
    """
    tmp = temp_path_for(target)
    renamed = False
    try:
        _snapshot(source, tmp, progress)
        fsync_file(tmp)
        faults.crash_point("temp-synced")
        verify_snapshot(tmp)
        faults.crash_point("verified")
        keep_mode(target, tmp)
        pending = FileIdentity.of(tmp)
        if before_rename is not None:
            before_rename(pending)
        replace_with_retry(tmp, target)
        renamed = True
        faults.crash_point("renamed")
        fsync_dir(target.parent)
        faults.crash_point("dir-synced")
        return FileIdentity.of(target, pending.sha256)  # the rename keeps the bytes: no second hash
    except ReplaceRefused as exc:
        raise SaveFailed(
            _("Could not save {name}: the file is in use by another program (e.g. OneDrive, Dropbox, an antivirus or Excel). Close it or wait, then save again.", name=target.name),
            where=str(target),
        ) from exc
    except (OSError, sqlite3.Error) as exc:
        if renamed:
            failed = SaveFailed(
                _("{name} was written, but the system could not confirm it reached the disk ({value}). Save again to be sure.", name=target.name, value=_reason(exc)),
                where=str(target),
            )
            failed.renamed = True  # the document already holds the new snapshot
            raise failed from exc
        raise SaveFailed(_("Could not save {name}: {value}. {value2}", name=target.name, value=_reason(exc), value2=_advice(exc)), where=str(target)) from exc
    finally:
        if not renamed:
            _remove_temp(tmp)


def _snapshot(source: sqlite3.Connection, tmp: Path, progress: Progress | None) -> None:
    dst = sqlite3.connect(tmp, isolation_level=None)
    try:
        dst.execute("PRAGMA synchronous=FULL")  # the document's setting (RELIABILITY-MATRIX 8)
        faults.crash_point("temp-created")
        copy_pages(source, dst, progress)
        # WAL mode is stored in the file header and the backup copies it from the working
        # copy; the document must be a plain rollback-journal file (no -wal/-shm beside it).
        mode = dst.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError(f"could not set journal_mode=DELETE (got {mode})")
    finally:
        dst.close()


def _remove_temp(tmp: Path) -> None:
    for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "the disk is full"
        if exc.errno == errno.EIO:
            return "the disk reported an input/output error"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "no permission to write in that folder"
        if exc.errno == errno.EXDEV:
            return "the file could not be moved into place"
        return exc.strerror or str(exc)
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    if "I/O" in text:
        return "the disk reported an input/output error"
    return text


def _advice(exc: BaseException) -> str:
    no_access = isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    if no_access or "unable to open" in str(exc) or "readonly" in str(exc):
        return "Use Save As to save a copy in another folder; the previous file is unchanged."
    if "full" in _reason(exc):
        return "Free some space and save again; the previous file is unchanged."
    return "The previous file is unchanged; try again or use Save As."
