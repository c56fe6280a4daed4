"""Tabs whose views are built the first time they are shown (or asked for), so start-up stays fast.

A view whose module is slow to import (the dashboard: matplotlib) names it as `preload`: when its
tab is first shown, the page shows a placeholder with a busy bar at once, imports the module on a
background thread and builds the view when the import is done, so the window never waits for it.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStackedLayout, QTabWidget, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("LazyTabs", text)


class LazyPage(QWidget):
    """A tab page that builds its view on first use and then simply holds it."""

    def __init__(self, key: str, factory: Callable[[], QWidget], parent=None, on_built=None,
                 preload: tuple[str, ...] = ()):
        super().__init__(parent)
        self.key, self._factory, self.view = key, factory, None
        self._on_built = on_built
        self._layout = QStackedLayout(self)
        self.preload = tuple(preload)
        self._importer: threading.Thread | None = None
        self.placeholder: QWidget | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(30)
        self._poll.timeout.connect(self._check_import)

    def showEvent(self, event) -> None:
        if self.view is None and self._needs_import():
            self._start_import()  # the placeholder now, the view when its modules are loaded
        else:
            self.materialise()  # the first time the page is on screen
        super().showEvent(event)

    def _needs_import(self) -> bool:
        return any(name not in sys.modules for name in self.preload)

    def _start_import(self) -> None:
        if self._importer is not None:
            return
        self.placeholder = QWidget(self)
        self.placeholder.setObjectName(f"loading_{self.key}")
        label = QLabel(tr("Loading…"), self.placeholder)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar(self.placeholder)
        bar.setRange(0, 0)
        bar.setMaximumWidth(320)
        box = QVBoxLayout(self.placeholder)
        box.addStretch(1)
        box.addWidget(label)
        box.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self._layout.addWidget(self.placeholder)
        self._importer = threading.Thread(target=self._import, name=f"import-{self.key}", daemon=True)
        self._importer.start()
        self._poll.start()

    def _import(self) -> None:
        # No garbage collection while the modules load: a collection holds the GIL (and so the GUI
        # thread) for 50-150 ms, and an import makes objects that live as long as the app.
        # Frozen afterwards, they are not walked again by the collections the charts' drawing
        # triggers (measured in benchmarks/bench_dashboard.py).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for name in self.preload:
                try:
                    importlib.import_module(name)
                except Exception:  # the build on the GUI thread reports it the usual way
                    log.exception("preloading %s failed", name)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def _check_import(self) -> None:
        if self._importer is not None and not self._importer.is_alive():
            self._poll.stop()
            self.materialise()

    def materialise(self) -> QWidget:
        if self.view is None:
            if self._importer is not None:
                self._importer.join()  # asked for before the import finished
                self._poll.stop()
            self.view = self._factory()
            self.view.setObjectName(f"view_{self.key}")
            self._layout.addWidget(self.view)
            self._layout.setCurrentWidget(self.view)
            if self.placeholder is not None:
                self.placeholder.deleteLater()
                self.placeholder = None
            if self._on_built is not None:
                self._on_built(self.key, self.view)
        return self.view


class LazyViews:
    """`views["tasks"]` returns the built view, building it (and nothing else) on first access."""

    def __init__(self, tabs: QTabWidget):
        self.tabs = tabs
        self.pages: dict[str, LazyPage] = {}
        self.built_callbacks: list[Callable[[str, QWidget], None]] = []
        """Called with (key, view) when a view is first built, e.g. to connect views to each other."""

    def add(self, key: str, label: str, factory: Callable[[], QWidget], preload: tuple[str, ...] = ()) -> None:
        page = LazyPage(key, factory, self.tabs, on_built=self._on_page_built, preload=preload)
        self.pages[key] = page
        self.tabs.addTab(page, label)

    def _on_page_built(self, key: str, view: QWidget) -> None:
        for callback in self.built_callbacks:
            callback(key, view)

    def __getitem__(self, key: str) -> QWidget:
        return self.pages[key].materialise()

    def __contains__(self, key: str) -> bool:
        return key in self.pages

    def keys(self):
        return self.pages.keys()

    def built(self) -> list[QWidget]:
        return [p.view for p in self.pages.values() if p.view is not None]

    def show(self, key: str) -> QWidget:
        view = self[key]
        self.tabs.setCurrentWidget(self.pages[key])
        return view
