"""Atomic file replacement: write beside the target, fsync, rename over it, fsync the folder."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from pathlib import Path
from typing import Callable, Iterator

TMP_MARKER = ".tmp-"
"""Temp files are named `.<target name>.tmp-<random>` so start-up can recognise our own."""

REPLACE_ATTEMPTS = 6
REPLACE_FIRST_DELAY = 0.05  # seconds; doubled after each refused attempt (about 1.5 s in all)


class ReplaceRefused(OSError):
    """`os.replace` kept failing with a sharing violation (sync client, antivirus, Excel)."""


def temp_path_for(target: Path) -> Path:
    """A fresh hidden temp name in the target's own folder (same file system: no EXDEV)."""
    return target.with_name(f".{target.name}{TMP_MARKER}{secrets.token_hex(6)}")


def is_our_temp(path: Path) -> bool:
    return path.name.startswith(".") and TMP_MARKER in path.name


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def keep_mode(target: Path, tmp: Path) -> None:
    """Give the new file the old one's permission bits (a group-shared plan stays shared)."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)


def replace_with_retry(
    source: Path,
    target: Path,
    *,
    attempts: int | None = None,
    first_delay: float | None = None,
    sleep: Callable[[float], None] | None = None,
) -> None:
    """`os.replace` with bounded retries and back-off while another program holds the target.

    Sync clients and antivirus briefly open freshly written files on Windows, which makes the
    rename fail with a sharing violation (PermissionError); it usually clears within a second.
    """
    attempts = attempts or REPLACE_ATTEMPTS
    delay = REPLACE_FIRST_DELAY if first_delay is None else first_delay
    sleep = sleep or time.sleep
    for attempt in range(1, attempts + 1):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if attempt == attempts:
                raise ReplaceRefused(exc.errno or errno.EACCES, str(exc), str(target)) from exc
            sleep(delay)
            delay *= 2


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "wb") -> Iterator[Path]:
    """Yield a temp path beside `path`; when the block succeeds, it atomically becomes `path`.

    Usage: ``with atomic_write(target) as tmp_path: workbook.save(tmp_path)``.
    On any exception (or if the block wrote nothing) the target is untouched and the temp
    file is removed. `mode` is the mode the temp file is first created with ("wb"); the
    block may reopen or overwrite the temp path as it likes.
    """
    target = Path(path)
    tmp = temp_path_for(target)
    # Create it now so writers that only accept an open path find it, and so the name is ours.
    with open(tmp, mode):
        pass
    try:
        yield tmp
        if not tmp.exists():
            raise FileNotFoundError(errno.ENOENT, "nothing was written", str(tmp))
        keep_mode(target, tmp)
        fsync_file(tmp)
        replace_with_retry(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_stale_temps(folder: Path, *, older_than: float, target: str = "") -> list[Path]:
    """Delete our own `.X.tmp-*` leftovers in `folder` last modified before `older_than`.

    Only names we create are touched (with `target`, only those of that file name); SQLite
    journals of the document and other programs' files never are.
    """
    removed: list[Path] = []
    prefix = f".{target}{TMP_MARKER}" if target else "."
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not (is_our_temp(entry) and entry.name.startswith(prefix)) or not entry.is_file():
                continue
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < older_than:
                    entry.unlink()
                    removed.append(entry)
    return removed
