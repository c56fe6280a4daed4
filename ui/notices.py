"""Messages that stay while their cause does: the status-bar notice and the bubble beside a cell.

A refused edit or gesture is told twice: in a bubble at the cell (next to what the user typed)
and in the status bar. Neither uses a timer: the status notice clears when the user edits,
undoes, switches view or plan, or when the cause reports itself resolved
(`controller.problem_resolved` with the same message); the cell bubble closes with its editor
or as soon as the typed text is acceptable.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSizePolicy, QWidget

_NOTICE_STYLE = "QLabel { color: #b42318; }"
_BUBBLE_STYLE = ("QLabel { background: #fff4f2; color: #7a1a10; border: 1px solid #da3633; "
                 "border-radius: 3px; padding: 3px 6px; }")


class StatusNotice(QLabel):
    """The status bar's message about the last refused action; clears with its cause."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("status_notice")
        self.setStyleSheet(_NOTICE_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # long text never widens the window
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.message = ""

    def show_message(self, message: str) -> None:
        self.message = message.strip()
        self.setToolTip(self.message)
        self._elide()

    def resolve(self, message: str) -> None:
        """The cause of `message` is gone: clear it if it is what is shown."""
        if message and self.message == message.strip():
            self.clear_message()

    def clear_message(self, *_args) -> None:
        self.message = ""
        self.setToolTip("")
        self.clear()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        """One line, cut with "…" where the status bar ends (the whole text is the tooltip)."""
        text = " ".join(self.message.split())
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(0, self.width() - 4)))


class CellBubble(QLabel):
    """Why the value typed into a cell was refused, shown just below (or above) that cell."""

    MAX_WIDTH = 420

    def __init__(self, view: QAbstractItemView):
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName("cell_problem")
        self.setStyleSheet(_BUBBLE_STYLE)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.index = None
        self.hide()
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self._on_scroll_valueChanged)

    def show_for(self, index, message: str) -> None:
        self.index = index
        self.setText(message)
        self._place()
        self.show()
        self.raise_()

    def dismiss(self) -> None:
        self.index = None
        self.hide()

    def _place(self) -> None:
        if self.index is None or not self.index.isValid():
            return
        area = self.view.viewport().rect()
        cell = self.view.visualRect(self.index)
        line = self.view.fontMetrics().height() + 8
        if cell.height() > 3 * line:  # a tall (spanned) cell: the editor's text sits in its middle
            cell = QRect(cell.left(), cell.center().y() - line // 2, cell.width(), line)
        width = max(min(self.MAX_WIDTH, area.width() - 8), min(max(cell.width(), 260), area.width() - 8))
        height = self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height()
        x = max(2, min(cell.left(), area.width() - width - 2))
        below, above = cell.bottom() + 2, cell.top() - height - 2
        y = below if below + height <= area.height() or above < 0 else above
        self.setGeometry(QRect(QPoint(x, y), QSize(width, height)))

    def _on_scroll_valueChanged(self, _value: int) -> None:
        if self.isVisible():
            self._place()
