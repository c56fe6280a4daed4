"""A sheet as it looks in Excel: its first rows, merged cells spanned, the header row highlighted,
the data rows the map reads tinted, a problem's cell selectable."""

from __future__ import annotations

import datetime as dt

from openpyxl.utils import get_column_letter
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from planner.excel.grid import SheetGrid

HEADER_BRUSH = QBrush(QColor("#BDD7EE"))
DATA_BRUSH = QBrush(QColor("#F2F8EE"))
ROWS_SHOWN = 60


def cell_text(v) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour, v.minute) != (0, 0) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class SheetView(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.grid: SheetGrid | None = None
        self.header_row = -1
        self.first_data_row = -1

    def show_grid(self, grid: SheetGrid | None, header_row: int = -1, first_data_row: int = -1,
                  extra_rows: int = 0) -> None:
        self.clearSpans()
        self.grid, self.header_row, self.first_data_row = grid, header_row, first_data_row
        if grid is None:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        rows = min(len(grid.rows), max(ROWS_SHOWN, extra_rows + 1))
        cols = max((len(r) for r in grid.rows[:rows]), default=0)
        self.setRowCount(rows)
        self.setColumnCount(cols)
        self.setHorizontalHeaderLabels([get_column_letter(c + 1) for c in range(cols)])
        self.setVerticalHeaderLabels([str(r + 1) for r in range(rows)])
        bold = QFont(self.font())
        bold.setBold(True)
        for r in range(rows):
            row = grid.rows[r]
            for c in range(cols):
                item = QTableWidgetItem(cell_text(row[c]) if c < len(row) else "")
                item.setToolTip(item.text())
                if r == header_row:
                    item.setBackground(HEADER_BRUSH)
                    item.setFont(bold)
                elif r >= first_data_row >= 0:
                    item.setBackground(DATA_BRUSH)
                self.setItem(r, c, item)
        for r0, c0, r1, c1 in grid.merges:
            if r0 < rows and c0 < cols and (r1 > r0 or c1 > c0):
                self.setSpan(r0, c0, min(r1, rows - 1) - r0 + 1, min(c1, cols - 1) - c0 + 1)
                if self.item(r0, c0) is not None:
                    self.item(r0, c0).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.resizeColumnsToContents()
        for c in range(cols):
            self.setColumnWidth(c, min(max(self.columnWidth(c), 48), 220))

    def show_cell(self, row: int, column: int) -> None:
        """Select a cell (0-based), showing more rows when it lies below those shown."""
        if self.grid is not None and row >= self.rowCount():
            self.show_grid(self.grid, self.header_row, self.first_data_row, extra_rows=row + 5)
        if 0 <= row < self.rowCount() and 0 <= column < self.columnCount():
            self.setCurrentCell(row, column)
            self.scrollToItem(self.item(row, column), QTableWidget.ScrollHint.PositionAtCenter)
