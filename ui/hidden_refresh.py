"""A model whose view sits on a hidden tab refreshes when the tab is shown, not on every edit.

On a 10,000-task plan re-collecting the RACI matrix or the OKR tree costs tens of milliseconds;
doing it for every view on every edit made one edit cost the sum of all of them. A view on a
tab behind another one only notes that it is out of date; the Show event of that tab brings it
up to date before it is painted. A view not in a shown window (a view built on its own, a window
not shown yet) follows every edit at once, as before.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class HiddenRefresh(QObject):
    def __init__(self, widget: QWidget, refresh: Callable[[], None]):
        super().__init__(widget)
        self._widget, self._refresh = widget, refresh
        self.pending = False
        """A change arrived while the widget was hidden: `refresh` runs when it is shown."""
        widget.installEventFilter(self)

    def hidden(self) -> bool:
        """The widget's window is on screen but the widget is not (another tab is in front)."""
        widget = self._widget
        return not widget.isVisible() and widget.window().isVisible()

    def defer(self) -> bool:
        """True, and the refresh remembered, when the widget is hidden behind another tab."""
        if self.hidden():
            self.pending = True
            return True
        return False

    def catch_up(self) -> None:
        """Run a remembered refresh now (the view is shown, or its rows are asked for)."""
        if self.pending:
            self.pending = False
            self._refresh()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and watched is self._widget:
            self.catch_up()
        return False
