"""Workbooks read off the GUI thread, one file at a time, with progress and cancel between files."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, Signal

from planner.excel.preview import ImportOptions, preview_grids
from planner.excel.sheets import Workbooks, open_workbooks
from ui.import_wizard import map_store


def saved_maps_for(preview) -> dict:
    """(file, sheet) -> the saved map for the same headers as the core's guess on that sheet."""
    out = {}
    for report in preview.sheets:
        if report.map is None:
            continue
        saved = map_store.find(report.map.signature())
        if saved is not None:
            saved.sheet, saved.file = report.sheet, report.file
            for c in saved.columns:
                c.reason = c.reason or "from the saved map"
            out[(report.file, report.sheet)] = saved
    return out


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


class ReadThread(QThread):
    """Emits `progress(done, total, file name)` before each file and, at the end (not when
    cancelled), `read(Workbooks, first Preview, saved maps applied)`. A cancel stops before the
    next file; the file being read finishes. The plan is the snapshot the GUI holds, only read."""

    progress = Signal(int, int, str)
    read = Signal(object, object, object)

    # Qt aborts the process when a QThread is destroyed while it runs. A wizard closed without
    # done() (its window deleted, or collected) must not take a running reader with it, so the
    # thread has no parent and a running one is kept here until it finishes.
    _running: set["ReadThread"] = set()

    def __init__(self, paths: list[Path], plan=None):
        super().__init__()
        self.paths = [Path(p) for p in paths]
        self.plan = plan
        self._cancelled = False
        self.finished.connect(self._forget)

    def start(self, *args) -> None:
        ReadThread._running.add(self)
        super().start(*args)

    def _forget(self) -> None:
        ReadThread._running.discard(self)

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        books = Workbooks(list(self.paths), {}, [])
        enabled = gc.isenabled()
        gc.disable()  # as read_workbooks: many small objects that all live on
        try:
            for i, path in enumerate(self.paths):
                if self._cancelled:
                    return
                self.progress.emit(i, len(self.paths), path.name)
                one = open_workbooks([path])
                books.grids.update(one.grids)
                books.problems.extend(one.problems)
                books.mtimes.update(one.mtimes)
                books.opened |= one.opened
            if self._cancelled:
                return
            self.progress.emit(len(self.paths), len(self.paths), tr("the preview"))
            preview = preview_grids(books, self.plan, ImportOptions())
            saved = saved_maps_for(preview)
            if saved:
                preview = preview_grids(books, self.plan, ImportOptions(maps=list(saved.values())))
            if not self._cancelled:
                self.progress.emit(len(self.paths), len(self.paths), "")
                self.read.emit(books, preview, saved)
        finally:
            if enabled:
                gc.enable()
