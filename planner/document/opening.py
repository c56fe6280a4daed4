"""Opening steps behind `Project.open` and `.recover`: copy in, upgrade, check a working copy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.exc import OperationalError

from planner.i18n import _
from planner import model as m
from planner.document import migrations, workcopy
from planner.document.identity import FileIdentity
from planner.document.sqlitefile import APPLICATION_ID, check_contents, connect_read_only
from planner.errors import DocumentError, FileDamaged, UpgradeFailed


def storage_error(exc: OperationalError) -> Exception:
    """A full disk or I/O error under an edit: the edit was rolled back, earlier ones kept."""
    text = str(exc.orig)
    if "full" in text or "I/O" in text or "readonly" in text:
        reason = "the disk is full" if "full" in text else "the disk reported an error"
        return DocumentError(
            _("The change was not applied: {reason}. Your earlier changes are kept; free some space, then try again or save.", reason=reason)
        )
    return exc


def writable(path: Path) -> bool:
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def copy_in(path: Path, version: int) -> tuple[Path, FileIdentity]:
    """Check the document read-only, then copy it page by page into a new working copy."""
    work_dir = workcopy.new_work_dir()
    work = work_dir / workcopy.WORK_FILE
    try:
        try:
            src = connect_read_only(path)
        except sqlite3.Error as exc:
            raise FileDamaged(_("{name} cannot be read ({exc}).", name=path.name, exc=exc), where=str(path)) from exc
        try:
            check_contents(src, path, version)
            identity = FileIdentity.of(path)
            _copy_pages(src, work, path)
        except sqlite3.DatabaseError as exc:
            raise FileDamaged(_("{name} is damaged ({exc}); it was not changed.", name=path.name, exc=exc), where=str(path)) from exc
        finally:
            src.close()
    except FileDamaged as exc:
        workcopy.remove(work_dir)
        exc.backups = workcopy.backups_of(path)  # offered by the UI (O8)
        raise
    except BaseException:
        workcopy.remove(work_dir)
        raise
    return work, identity


def _copy_pages(src: sqlite3.Connection, work: Path, path: Path) -> None:
    """The document passed every check: a failure now is the app-data disk's, not the file's."""
    try:
        dst = sqlite3.connect(work, isolation_level=None)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except (sqlite3.Error, OSError) as exc:
        reason = "the disk is full" if "full" in str(exc) else f"{exc}"
        raise DocumentError(
            _("Could not open {name}: its working copy could not be written in {parent} ({reason}). The file was not changed.", name=path.name, parent=work.parent.parent, reason=reason),
            where=str(path),
        ) from exc


def upgrade_if_needed(path: Path, work: Path, version: int) -> int | None:
    if version >= m.SCHEMA_VERSION:
        return None
    workcopy.keep_pre_upgrade(path, version, m.SCHEMA_VERSION)
    try:
        upgrade_work_copy(work, version)
    except BaseException:
        workcopy.remove(work.parent)
        raise
    return version


def upgrade_work_copy(work: Path, version: int) -> None:
    con = sqlite3.connect(work, isolation_level=None)
    try:
        migrations.upgrade(con, version)
    except migrations.MigrationError as exc:
        raise UpgradeFailed(
            _("Could not upgrade this plan from format {version} to {schema_version} ({cause}). The file was not changed.", version=version, schema_version=m.SCHEMA_VERSION, cause=exc.cause),
        ) from exc
    finally:
        con.close()


def check_work_copy(work: Path) -> int:
    """A recovered working copy must be intact; returns its schema version."""
    try:
        con = sqlite3.connect(work, isolation_level=None)
        try:
            rows = con.execute("PRAGMA integrity_check(20)").fetchall()
            version = con.execute("PRAGMA user_version").fetchone()[0]
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise FileDamaged(_("The recovery copy is damaged ({exc}).", exc=exc), where=str(work)) from exc
    if rows != [("ok",)] or app_id != APPLICATION_ID:
        raise FileDamaged(_("The recovery copy is damaged."), where=str(work))
    if version > m.SCHEMA_VERSION:
        raise DocumentError(_("The recovery copy was made by a newer version of the app."), where=str(work))
    return version
