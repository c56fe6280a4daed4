"""Where the main window goes: its minimum size, its place remembered per plan, and out of the
way of another running instance's window.

Each running instance holds a numbered slot in the app-data folder (`instances/slot-N.lock`,
a `QLockFile`, so a crashed instance's slot is freed by the next one) and publishes its window
geometry beside it (`slot-N.json`). A window about to open exactly where another instance's
window is moves down and right by `CASCADE` pixels, as many times as needed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication

from planner.document.paths import data_dir
from ui import settings

log = logging.getLogger(__name__)

MINIMUM = QSize(800, 500)
"""Every view is laid out to be usable at this size (it fits a 1920x1080 screen at 200% with a
task bar, and 1280x720 at 150%); a smaller screen lowers it to what is available."""
DEFAULT = QSize(1280, 800)
CASCADE = 32
SLOTS = 32


def minimum_size(screen=None) -> QSize:
    available = _available(screen)
    return MINIMUM.boundedTo(available.size()) if available.isValid() else QSize(MINIMUM)


def default_size(screen=None) -> QSize:
    available = _available(screen)
    if not available.isValid():
        return QSize(DEFAULT)
    return DEFAULT.boundedTo(QSize(int(available.width() * 0.92), int(available.height() * 0.92)))


def _available(screen=None) -> QRect:
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect()


def plan_key(path: Path | str) -> str:
    """The settings group of one plan file (its resolved path, hashed: paths may hold any character)."""
    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"plans/{digest}"


def saved_geometry(path: Path | str | None) -> QByteArray | None:
    key = f"{plan_key(path)}/geometry" if path is not None else "window/geometry"
    value = settings.settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(geometry: QByteArray, path: Path | str | None) -> None:
    store = settings.settings()
    store.setValue("window/geometry", geometry)
    if path is not None:
        store.setValue(f"{plan_key(path)}/geometry", geometry)


# --- other instances ---------------------------------------------------------------------
class InstanceSlot:
    """This process's numbered slot among the running instances, and their published windows."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or data_dir() / "instances"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.number = -1
        self._lock: QLockFile | None = None

    def acquire(self) -> int:
        """The lowest free slot (-1 when the folder cannot be written: placement then just skips this)."""
        for number in range(SLOTS):
            lock = _lock_file(self.folder, number)
            if lock.tryLock(0):
                self.number, self._lock = number, lock
                self._geometry_file(number).unlink(missing_ok=True)  # a crashed holder's window
                return number
        return -1

    def release(self) -> None:
        if self._lock is not None:
            self._geometry_file(self.number).unlink(missing_ok=True)
            self._lock.unlock()
            self._lock, self.number = None, -1

    def publish(self, rect: QRect) -> None:
        if self.number < 0:
            return
        try:
            self._geometry_file(self.number).write_text(
                json.dumps([rect.x(), rect.y(), rect.width(), rect.height()]), encoding="utf-8")
        except OSError as exc:  # placement is a convenience: never let it interrupt the user
            log.info("window placement not published: %s", exc)

    def others(self) -> list[QRect]:
        """Windows of the other live instances (a slot whose lock is free has no live holder)."""
        out = []
        for number in range(SLOTS):
            path = self._geometry_file(number)
            if number == self.number or not path.exists():
                continue
            probe = _lock_file(self.folder, number)
            if probe.tryLock(0):  # nobody holds it: a leftover of a crashed instance
                probe.unlock()
                continue
            try:
                x, y, w, h = json.loads(path.read_text(encoding="utf-8"))
                out.append(QRect(int(x), int(y), int(w), int(h)))
            except (OSError, ValueError, TypeError):
                continue
        return out

    def _geometry_file(self, number: int) -> Path:
        return self.folder / f"slot-{number}.json"


def _lock_file(folder: Path, number: int) -> QLockFile:
    lock = QLockFile(str(folder / f"slot-{number}.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


_slot: InstanceSlot | None = None


def instance_slot() -> InstanceSlot:
    """The process's slot, taken on first use and kept until exit (windows of one process share it).

    A new one is taken if the app-data folder changed (tests give each test its own).
    """
    global _slot
    folder = data_dir() / "instances"
    if _slot is not None and _slot.folder != folder:
        release_instance_slot()
    if _slot is None:
        _slot = InstanceSlot(folder)
        _slot.acquire()
    return _slot


def release_instance_slot() -> None:
    global _slot
    if _slot is not None:
        _slot.release()
        _slot = None


def out_of_the_way(rect: QRect, others: list[QRect], area: QRect) -> QRect:
    """`rect` moved down and right in steps of CASCADE until no other window's top-left corner is
    there; a step that would leave the screen starts again near its top-left corner."""
    moved = QRect(rect)
    for step in range(1, SLOTS + 1):
        if not any((o.topLeft() - moved.topLeft()).manhattanLength() < CASCADE for o in others):
            break
        moved = rect.translated(CASCADE * step, CASCADE * step)
        if area.isValid() and not area.contains(moved):
            corner = CASCADE * (step % 4)
            moved.moveTopLeft(area.topLeft() + QPoint(corner, corner))
    return moved


class WindowPlacement:
    """Places one main window: restored per plan, kept off other instances' windows, published."""

    def __init__(self, window):
        self.window = window
        self.slot = instance_slot()
        self.plan_path: Path | None = None
        self._publish_timer = QTimer(window, singleShot=True, interval=300)
        self._publish_timer.timeout.connect(self.publish)

    def apply_minimum(self) -> None:
        screen = self.window.screen() if hasattr(self.window, "screen") else None
        self.window.setMinimumSize(minimum_size(screen))

    def restore(self, path: Path | str | None = None) -> bool:
        """The geometry last used for this plan (else the last one of any plan), then out of the way."""
        if self.window.isMaximized() or self.window.isFullScreen():
            return False
        geometry = saved_geometry(path) or (saved_geometry(None) if path is not None else None)
        restored = bool(geometry) and self.window.restoreGeometry(geometry)
        if not restored:
            self.window.resize(default_size(self.window.screen()))
        self.avoid_others()
        return restored

    def avoid_others(self) -> None:
        if self.window.isMaximized() or self.window.isFullScreen():
            return
        others = self.slot.others()
        if not others:
            return
        frame = self.window.geometry()
        moved = out_of_the_way(frame, others, _available(self.window.screen()))
        if moved.topLeft() != frame.topLeft():
            self.window.setGeometry(moved)  # the client area, as published (a move() places the frame)

    def plan_opened(self, path: Path | None) -> None:
        """A plan was opened in this window: remember the last one's place, take this one's."""
        if self.plan_path is not None and self.window.isVisible():
            save_geometry(self.window.saveGeometry(), self.plan_path)
        self.plan_path = path
        if path is not None and saved_geometry(path) is not None:
            self.restore(path)

    def save(self) -> None:
        save_geometry(self.window.saveGeometry(), self.plan_path)

    def moved(self) -> None:
        self._publish_timer.start()

    def publish(self) -> None:
        if self.window.isVisible():
            self.slot.publish(self.window.geometry())
