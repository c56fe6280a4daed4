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
from planner.i18n import _

DAMAGED_LOCK_GRACE_S = 30.0
"""An unreadable lock younger than this may be one being written (file systems without hard
links write it in two steps); older, it is a leftover and can be taken over."""
UNPROVABLE_LOCK_MAX_AGE_S = 24 * 3600.0
"""A lock whose owner cannot be told apart from a reused PID (no start tick recorded, as on
systems without /proc) is judged by age: from before this boot, or older than this, it is stale."""


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


def boot_time() -> float:
    """When this computer started (0 when unknown)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    return 0.0


def _age_s(stamp: str) -> float | None:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return dt.datetime.now().astimezone().timestamp() - moment.timestamp()


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
    damaged: bool = False  # the lock file could not be read (empty or garbage)
    age_s: float | None = None  # seconds since the lock file was last written

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
        """True when the owner is gone: a damaged lock past its grace time, or on this computer a
        dead process, or a live PID that cannot be proved to be the owner's and whose lock is
        older than this boot or than a day."""
        if self.damaged:
            return self.age_s is not None and self.age_s > DAMAGED_LOCK_GRACE_S
        if not self.same_host:
            return False
        if not pid_alive(self.pid, self.start):
            return True
        if self.start:
            return False  # the recorded start tick matched the live process: it is the owner
        age = _age_s(self.time)
        if age is None:
            return False
        booted = boot_time()
        return (booted and dt.datetime.now().timestamp() - age < booted) or age > UNPROVABLE_LOCK_MAX_AGE_S

    def describe(self) -> str:
        if self.damaged:
            return _("an unreadable lock file (empty or damaged)")
        return _("{user} on {host} (process {pid}, since {time})", user=self.user or _("unknown user"),
                 host=self.host or _("unknown computer"), pid=self.pid, time=self.time)


def read_owner(path: Path) -> LockOwner | None:
    """The owner recorded in a lock file; None if there is no lock; `damaged` if it cannot be read."""
    try:
        age = dt.datetime.now().timestamp() - path.stat().st_mtime
        data = json.loads(path.read_text("utf-8"))
        return LockOwner(
            str(data.get("user", "")), str(data.get("host", "")), int(data.get("pid", 0)),
            str(data.get("time", "")), str(data.get("start", "")), age_s=age,
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError):
        try:
            age = dt.datetime.now().timestamp() - path.stat().st_mtime
        except OSError:
            age = None
        return LockOwner("", "", 0, "", damaged=True, age_s=age)


class DocumentLock:
    """Held while a plan is open for editing; released on close."""

    def __init__(self, document: Path):
        self.document = document
        self.path = lock_path(document)
        self.owner = LockOwner.me()
        self.taken_over: LockOwner | None = None  # the dead owner whose lock we replaced

    def acquire(self, *, take_over: bool = False) -> "DocumentLock":
        """Create the lock; a stale same-host lock is replaced, any other one raises FileLocked."""
        for _attempt in range(3):
            if self._create():
                return self
            current = read_owner(self.path)
            if current is None:
                continue  # released between our two looks
            if current.is_me:
                raise FileLocked(
                    _("{name} is already open in this window.", name=self.document.name),
                    owner=asdict(current), where=str(self.document),
                )
            if not (take_over or current.stale):
                raise FileLocked(self._locked_message(current), owner=asdict(current), where=str(self.document))
            self.taken_over = current
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        raise FileLocked(_("{name} could not be locked.", name=self.document.name), where=str(self.document))

    def _locked_message(self, owner: LockOwner) -> str:
        name = self.document.name
        if owner.damaged:
            return _("{name} has a lock file that cannot be read (empty or damaged), written {age} seconds ago. "
                     "If no one else has the plan open, take it over; or open it read-only.",
                     name=name, age=int(owner.age_s or 0))
        if owner.same_host:
            return _("{name} is open by {owner} on this computer. You can open it read-only.",
                     name=name, owner=owner.describe())
        return _("{name} is open by {owner} on another computer ({host}). You can open it read-only, or take it "
                 "over if that computer no longer uses it.", name=name, owner=owner.describe(), host=owner.host)

    def _create(self) -> bool:
        # Write the content under a private name, then link it into place: the lock appears
        # complete or not at all, and link() fails if another process created it first.
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.new")
        record = {k: v for k, v in asdict(self.owner).items() if k not in ("damaged", "age_s")}
        try:
            tmp.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()  # a full disk must not leave the half-written temp beside the plan
            raise
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
