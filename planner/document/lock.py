"""The lock file beside an open plan: who has it open, and whether that owner is still alive."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from planner.errors import FileLocked


def lock_path(document: Path) -> Path:
    """`.~<name>.plan.lock`, hidden like LibreOffice's and Office's owner files."""
    return document.with_name(f".~{document.name}.lock")


def process_start(pid: int) -> str:
    """The process's start tick (Linux), so a reused PID is not mistaken for the owner."""
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    return ""


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def pid_alive(pid: int, start: str = "") -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    except OSError:
        return False
    if start and process_start(pid) not in ("", start):
        return False  # the PID was reused by an unrelated process
    return True


def _user() -> str:
    with contextlib.suppress(Exception):
        return getpass.getuser()
    return ""


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    time: str
    start: str = ""

    @classmethod
    def me(cls) -> "LockOwner":
        pid = os.getpid()
        now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        return cls(_user(), socket.gethostname(), pid, now, process_start(pid))

    @property
    def same_host(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def is_me(self) -> bool:
        return self.same_host and self.pid == os.getpid()

    @property
    def stale(self) -> bool:
        """True only when we can prove the owner is gone: same host and a dead process."""
        return self.same_host and not pid_alive(self.pid, self.start)

    def describe(self) -> str:
        return f"{self.user or 'unknown user'} on {self.host or 'unknown computer'} (process {self.pid}, since {self.time})"


def read_owner(path: Path) -> LockOwner | None:
    """The owner recorded in a lock file; None if there is no lock, an unreadable one is 'unknown'."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return LockOwner(
            str(data.get("user", "")), str(data.get("host", "")), int(data.get("pid", 0)),
            str(data.get("time", "")), str(data.get("start", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError):
        return LockOwner("", "", 0, "")


class DocumentLock:
    """Held while a plan is open for editing; released on close."""

    def __init__(self, document: Path):
        self.document = document
        self.path = lock_path(document)
        self.owner = LockOwner.me()
        self.taken_over: LockOwner | None = None  # the dead owner whose lock we replaced

    def acquire(self, *, take_over: bool = False) -> "DocumentLock":
        """Create the lock; a stale same-host lock is replaced, any other one raises FileLocked."""
        for _ in range(3):
            if self._create():
                return self
            current = read_owner(self.path)
            if current is None:
                continue  # released between our two looks
            if current.is_me:
                raise FileLocked(
                    f"{self.document.name} is already open in this window.",
                    owner=asdict(current), where=str(self.document),
                )
            if not (take_over or current.stale):
                raise FileLocked(self._locked_message(current), owner=asdict(current), where=str(self.document))
            self.taken_over = current
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        raise FileLocked(f"{self.document.name} could not be locked.", where=str(self.document))

    def _locked_message(self, owner: LockOwner) -> str:
        where = "on this computer" if owner.same_host else f"on another computer ({owner.host})"
        return (
            f"{self.document.name} is open by {owner.describe()} {where}. "
            "You can open it read-only"
            + ("" if owner.same_host else ", or take it over if that computer no longer uses it")
            + "."
        )

    def _create(self) -> bool:
        # Write the content under a private name, then link it into place: the lock appears
        # complete or not at all, and link() fails if another process created it first.
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.new")
        tmp.write_text(json.dumps(asdict(self.owner), ensure_ascii=False), "utf-8")
        try:
            os.link(tmp, self.path)
            return True
        except FileExistsError:
            return False
        except OSError:
            # File systems without hard links: exclusive create, content written after.
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                return False
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(tmp.read_text("utf-8"))
            return True
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def release(self) -> None:
        current = read_owner(self.path)
        if current is not None and current.pid == self.owner.pid and current.same_host:
            with contextlib.suppress(OSError):
                self.path.unlink()
