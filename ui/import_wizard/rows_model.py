"""Rows of text for the wizard's long lists (the rows read, the changes, the problems): a model
reset costs nothing however many rows, and only the rows on screen are painted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list = []
        self.brushes: list = []  # one per row, or empty
        self.fmt = None  # row object -> tuple of texts, called when the row is first shown
        self._texts: dict[int, tuple] = {}

    def set_rows(self, rows: list, brushes: list | None = None, fmt=None) -> None:
        self.beginResetModel()
        self.rows, self.brushes, self.fmt, self._texts = rows, brushes or [], fmt, {}
        self.endResetModel()

    def texts(self, row: int) -> tuple:
        if self.fmt is None:
            return self.rows[row]
        out = self._texts.get(row)
        if out is None:
            out = self._texts[row] = self.fmt(self.rows[row])
        return out

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            v = self.texts(index.row())[index.column()]
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.BackgroundRole and self.brushes:
            return self.brushes[index.row()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class RowsView(QTableView):
    """A read-only table over a `RowsModel`; `text(row, column)` as a user reads it."""

    def __init__(self, headers: list[str], stretch: int = -1, widths: tuple[int, ...] = (), parent=None):
        super().__init__(parent)
        self.rows_model = RowsModel(headers, self)
        self.setModel(self.rows_model)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(len(headers) - 1 if stretch < 0 else stretch, QHeaderView.ResizeMode.Stretch)
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)

    def set_rows(self, rows: list, brushes: list | None = None, fmt=None) -> None:
        """`rows` are tuples of texts, or any objects `fmt` turns into them when shown."""
        self.rows_model.set_rows(rows, brushes, fmt)

    def rowCount(self) -> int:
        return self.rows_model.rowCount()

    def text(self, row: int, column: int) -> str:
        return self.rows_model.data(self.rows_model.index(row, column))

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedRows()})
