"""Tabs whose views are built the first time they are shown (or asked for), so start-up stays fast."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QStackedLayout, QTabWidget, QWidget


class LazyPage(QWidget):
    """A tab page that builds its view on first use and then simply holds it."""

    def __init__(self, key: str, factory: Callable[[], QWidget], parent=None, on_built=None):
        super().__init__(parent)
        self.key, self._factory, self.view = key, factory, None
        self._on_built = on_built
        self._layout = QStackedLayout(self)

    def showEvent(self, event) -> None:
        self.materialise()  # the first time the page is on screen
        super().showEvent(event)

    def materialise(self) -> QWidget:
        if self.view is None:
            self.view = self._factory()
            self.view.setObjectName(f"view_{self.key}")
            self._layout.addWidget(self.view)
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

    def add(self, key: str, label: str, factory: Callable[[], QWidget]) -> None:
        page = LazyPage(key, factory, self.tabs, on_built=self._on_page_built)
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
