"""Working copies in app-data: one folder per open plan, with a manifest for crash recovery."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from planner.document import paths
from planner.document.atomic import fsync_dir
from planner.document.lock import LockOwner

WORK_FILE = "work.sqlite"
MANIFEST = "session.json"
BACKUPS_KEPT = 5  # saved versions kept per document (pre-upgrade copies are kept apart)
UPGRADE_BACKUPS_KEPT = 3


def new_work_dir() -> Path:
    folder = paths.work_root() / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True)
    return folder


def write_manifest(work_dir: Path, data: dict) -> None:
    """Replace the manifest atomically (it is read after crashes)."""
    owner = LockOwner.me()
    record = dict(data, pid=owner.pid, start=owner.start, host=owner.host, user=owner.user)
    tmp = work_dir / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, work_dir / MANIFEST)


def read_manifest(work_dir: Path) -> dict:
    try:
        return json.loads((work_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


@dataclass(frozen=True)
class RecoveryEntry:
    """A working copy left behind by a session that ended without closing (a crash)."""

    work_dir: Path
    document: Path | None  # None for a plan that was never saved
    title: str
    last_edit: dt.datetime
    unsaved: bool  # edits made after the last save

    @property
    def work_file(self) -> Path:
        return self.work_dir / WORK_FILE


def _last_edit(work_dir: Path) -> dt.datetime:
    stamps = [
        p.stat().st_mtime for p in (work_dir / WORK_FILE, work_dir / f"{WORK_FILE}-wal") if p.exists()
    ]
    return dt.datetime.fromtimestamp(max(stamps) if stamps else work_dir.stat().st_mtime)


def orphans() -> list[RecoveryEntry]:
    """Working copies whose session died on this computer, newest first."""
    entries = []
    root = paths.work_root()
    _sweep_trash(root)
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(TRASH_PREFIX) or not (folder / WORK_FILE).exists():
            continue
        try:
            entry = _entry(folder)
        except OSError:
            continue  # closed by its owner while we looked
        if entry is not None:
            entries.append(entry)
    return sorted(entries, key=lambda e: e.last_edit, reverse=True)


def _entry(folder: Path) -> RecoveryEntry | None:
    """The recovery entry of one working-copy folder, None while its session lives."""
    data = read_manifest(folder)
    owner = LockOwner("", str(data.get("host", "")), int(data.get("pid", 0) or 0), "", str(data.get("start", "")))
    if data and not owner.stale:
        return None  # a live session (ours or another window's)
    if data.get("read_only") and not data.get("unsaved"):
        remove(folder)  # a crashed viewer: nothing in it that is not in the document
        return None
    document = Path(data["document"]) if data.get("document") else None
    return RecoveryEntry(
        work_dir=folder,
        document=document,
        title=str(data.get("title") or (document.stem if document else folder.name)),
        last_edit=_last_edit(folder),
        unsaved=bool(data.get("unsaved", True)),
    )


def claim(entry: RecoveryEntry) -> Path:
    """Move an orphaned working copy to a fresh folder; only one process can win the rename."""
    target = paths.work_root() / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
    os.rename(entry.work_dir, target)
    return target


TRASH_PREFIX = ".trash-"


def remove(work_dir: Path) -> None:
    """Rename first, then delete: a crash half-way leaves trash, never a half working copy."""
    trash = work_dir.with_name(f"{TRASH_PREFIX}{work_dir.name}")
    try:
        os.rename(work_dir, trash)
    except OSError:
        trash = work_dir
    shutil.rmtree(trash, ignore_errors=True)


def _sweep_trash(root: Path) -> None:
    for folder in root.glob(f"{TRASH_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)


# --- backups ---------------------------------------------------------------------------
def _rotate(folder: Path, pattern: str, keep: int) -> None:
    found = sorted(folder.glob(pattern), key=lambda p: p.name, reverse=True)
    for old in found[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _copy_durably(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def keep_saved_version(document: Path) -> Path:
    """Copy a just-saved, verified document into its backup folder; keep the newest few."""
    folder = paths.backups_dir(document)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"saved-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.plan"
    _copy_durably(document, target)
    _rotate(folder, "saved-*.plan", BACKUPS_KEPT)
    return target


def keep_pre_upgrade(document: Path, from_version: int, to_version: int) -> Path:
    """The original bytes of a document about to be upgraded (Zotero's habit)."""
    folder = paths.backups_dir(document)
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob(f"pre-upgrade-v{from_version}-to-v{to_version}-*.plan"))
    if existing:
        return existing[-1]  # repeated failing upgrades must not push the original out (A9)
    target = folder / f"pre-upgrade-v{from_version}-to-v{to_version}-{dt.datetime.now():%Y%m%d-%H%M%S}.plan"
    _copy_durably(document, target)
    _rotate(folder, "pre-upgrade-*.plan", UPGRADE_BACKUPS_KEPT)
    return target


def backups_of(document: Path) -> list[Path]:
    """Every backup of a document, newest first (offered when the document is damaged)."""
    folder = paths.backups_dir(document)
    if not folder.exists():
        return []
    return sorted(folder.glob("*.plan"), key=lambda p: p.stat().st_mtime, reverse=True)
