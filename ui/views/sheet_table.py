"""A table that behaves like a spreadsheet: Enter moves down, Delete clears, Ctrl+V pastes a block
copied from Excel or WPS, Ctrl+C copies one, and the first columns stay put while scrolling
sideways (Excel's freeze panes: a second view over the left edge, sharing model and selection)."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QHeaderView, QTableView

_COMMITTED = (QAbstractItemDelegate.EndEditHint.NoHint, QAbstractItemDelegate.EndEditHint.SubmitModelCache)


def read_block(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text as Excel and WPS write it: tab-separated, a cell holding a
    line break or a quote is quoted ("a""b"), the block ends with one line break."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows = list(csv.reader(io.StringIO(text), dialect="excel-tab"))
    return [row if row else [""] for row in rows]


def write_block(rows: list[list[str]]) -> str:
    """The reverse of `read_block`, as Excel puts a block on the clipboard."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


class SheetTable(QTableView):
    """The spreadsheet keys of the task matrix; `sheet` (the view) does the edits."""

    def __init__(self, sheet, parent=None):
        super().__init__(parent)
        self.sheet = sheet
        self.enter_pressed = False
        self.frozen: FrozenPane | None = None

    # --- keys ------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if self.state() != QTableView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.sheet.paste_clipboard()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.sheet.copy_selection()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.sheet.clear_selected_cells()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.move_down()
                return
        super().keyPressEvent(event)

    def move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            below = self.model().index(current.row() + 1, current.column())
            self.selectionModel().setCurrentIndex(below, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(below)

    def closeEditor(self, editor, hint) -> None:
        """Enter in a one-line editor commits and moves to the cell below (unless the value was refused)."""
        move = self.enter_pressed and hint in _COMMITTED
        self.enter_pressed = False
        super().closeEditor(editor, hint)
        delegate = self.itemDelegate()
        if move and not getattr(delegate, "refused", None):
            self.move_down()

    # --- the frozen columns ------------------------------------------------------------
    def freeze(self, columns: int) -> FrozenPane:
        self.frozen = FrozenPane(self, columns)
        return self.frozen

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen is not None:
            self.frozen.place()

    def scrollTo(self, index, hint=QTableView.ScrollHint.EnsureVisible) -> None:
        if self.frozen is not None and self.horizontalHeader().visualIndex(index.column()) < self.frozen.columns:
            # a frozen cell is always in sight: scroll rows only, keep the sideways position
            x = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(x)
            return
        super().scrollTo(index, hint)
        if self.frozen is not None and index.isValid():  # not hidden under the frozen columns
            rect = self.visualRect(index)
            cover = self.frozen.width() - self.verticalHeader().width() - self.frameWidth()
            if rect.left() < cover:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - (cover - rect.left()))

    def moveCursor(self, action, modifiers):
        index = super().moveCursor(action, modifiers)
        if self.frozen is not None and index.isValid():
            self.scrollTo(index)
        return index


class FrozenPane(QTableView):
    """The first `columns` visual columns, drawn over the left edge of `table` and never scrolled
    sideways (the same model, selection and row heights)."""

    def __init__(self, table: SheetTable, columns: int):
        super().__init__(table)
        self.table, self.columns = table, columns
        self.setObjectName("frozen_columns")
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(table.wordWrap())
        self.setSelectionBehavior(table.selectionBehavior())
        self.setEditTriggers(table.editTriggers())
        self.setStyleSheet("QTableView#frozen_columns { border: none; border-right: 2px solid palette(mid); }")
        self.horizontalHeader().setSectionsMovable(False)
        self.verticalHeader().hide()  # the table's row numbers stay to its left
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().sectionResized.connect(lambda n, _o, size: self.setRowHeight(n, size))
        table.horizontalHeader().sectionResized.connect(self._on_table_sectionResized)
        table.horizontalHeader().sectionMoved.connect(lambda *_: self.sync_columns())
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        self.horizontalHeader().setSortIndicatorShown(True)
        self._show_sort(table.horizontalHeader().sortIndicatorSection(), table.horizontalHeader().sortIndicatorOrder())
        self.horizontalHeader().sectionClicked.connect(self._on_header_sectionClicked)
        table.horizontalHeader().sortIndicatorChanged.connect(self._show_sort)
        table.model().modelReset.connect(self.sync_columns)
        table.model().layoutChanged.connect(self.sync_columns)
        table.viewport().stackUnder(self)
        self.sync_columns()
        self.show()

    def sync_columns(self) -> None:
        """The table's first visual columns, in its order and widths; all others hidden."""
        header, mine = self.table.horizontalHeader(), self.horizontalHeader()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if mine.visualIndex(logical) != visual:
                mine.moveSection(mine.visualIndex(logical), visual)
            self.setColumnHidden(logical, visual >= self.columns)
            if visual < self.columns:
                self.setColumnWidth(logical, self.table.columnWidth(logical))
        for row in range(self.model().rowCount()):
            if self.rowHeight(row) != self.table.rowHeight(row):
                self.setRowHeight(row, self.table.rowHeight(row))
        self.place()

    def frozen_width(self) -> int:
        header = self.table.horizontalHeader()
        return sum(self.table.columnWidth(header.logicalIndex(v)) for v in range(min(self.columns, header.count())))

    def place(self) -> None:
        t = self.table
        self.setGeometry(t.verticalHeader().width() + t.frameWidth(), t.frameWidth(),
                         self.frozen_width(), t.viewport().height() + t.horizontalHeader().height())
        self.horizontalHeader().setFixedHeight(t.horizontalHeader().height())
        self.verticalScrollBar().setValue(t.verticalScrollBar().value())

    def _on_table_sectionResized(self, logical: int, _old: int, size: int) -> None:
        if self.table.horizontalHeader().visualIndex(logical) < self.columns:
            self.setColumnWidth(logical, size)
            self.place()

    def _on_header_sectionClicked(self, logical: int) -> None:
        if self.table.isSortingEnabled():  # a click on a frozen title sorts as the table's title does
            header = self.table.horizontalHeader()
            order = (Qt.SortOrder.DescendingOrder if header.sortIndicatorSection() == logical
                     and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder else Qt.SortOrder.AscendingOrder)
            header.setSortIndicator(logical, order)

    def _show_sort(self, logical: int, order) -> None:
        self.horizontalHeader().blockSignals(True)
        self.horizontalHeader().setSortIndicator(logical, order)
        self.horizontalHeader().blockSignals(False)
        self.horizontalHeader().viewport().update()

    def keyPressEvent(self, event) -> None:
        self.table.keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        move = self.table.enter_pressed and hint in _COMMITTED
        self.table.enter_pressed = False
        super().closeEditor(editor, hint)
        if move and not getattr(self.itemDelegate(), "refused", None):
            self.table.move_down()
        self.table.setFocus()


def clipboard_text() -> str:
    return QApplication.clipboard().text()
