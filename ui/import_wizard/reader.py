"""Workbooks read off the GUI thread, one file at a time, with progress and cancel between files."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from planner.excel.sheets import Workbooks, open_workbooks


class ReadThread(QThread):
    """Emits `progress(done, total, file name)` before each file and `read(Workbooks)` at the end
    (not when cancelled). A cancel stops before the next file; the file being read finishes."""

    progress = Signal(int, int, str)
    read = Signal(object)

    def __init__(self, paths: list[Path], parent=None):
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self._cancelled = False

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
            if not self._cancelled:
                self.progress.emit(len(self.paths), len(self.paths), "")
                self.read.emit(books)
        finally:
            if enabled:
                gc.enable()
