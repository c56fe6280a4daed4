"""The import preview: what a workbook would add or change and every problem, before anything is written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from planner.excel.preview import Preview
from planner.excel.records import Change
from planner.excel.schema import ALL_SPECS, COVER_FIELDS

# Field -> the column header users know it by (建设内容, not "name"); the import wizard names fields so.
_HEADERS = {(spec.model, c.key): (c.zh, c.en) for spec in ALL_SPECS for c in spec.columns if spec.model is not None}
_HEADERS.update({(None, c.key): (c.zh, c.en) for c in COVER_FIELDS})

ERROR_BRUSH = QBrush(QColor("#F8CBAD"))
WARNING_BRUSH = QBrush(QColor("#FFF2CC"))


def tr(text: str) -> str:
    return QCoreApplication.translate("Excel", text)


def _item(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(item.text())
    return item


class ImportDialog(QDialog):
    """Shows a preview; Import is enabled only when there is no error. `reread(period)` is called
    when the user supplies the reporting period the sheets lack."""

    def __init__(self, preview: Preview, parent: QWidget | None = None, reread=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("Import from Excel"))
        self.resize(960, 560)
        self._reread = reread
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.collection = QLabel()
        self.collection.setWordWrap(True)
        self.tabs = QTabWidget()
        self.problems = self._table([tr("Level"), tr("Sheet"), tr("Row"), tr("Column"), tr("Value"), tr("Reason")])
        self.changes = self._table([tr("Action"), tr("Item"), tr("Details"), tr("From")])
        self.tabs.addTab(self.problems, tr("Problems"))
        self.tabs.addTab(self.changes, tr("Changes"))
        self.period = QLineEdit()
        self.period.setPlaceholderText(tr("e.g. 2025-03 or 2025-W12"))
        self.reread_button = QPushButton(tr("Read again with this period"))
        self.reread_button.clicked.connect(self._on_reread_button_clicked)
        period_row = QHBoxLayout()
        self.period_label = QLabel(tr("Reporting period:"))
        for w in (self.period_label, self.period, self.reread_button):
            period_row.addWidget(w)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.summary, self.collection):
            layout.addWidget(w)
        layout.addLayout(period_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.show_preview(preview)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        return table

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        counts = preview.counts()
        self.summary.setText(tr("{add} to add, {change} to change, {remove} to remove — {errors} error(s), {warnings} warning(s)")
                             .format(**counts) + ("" if preview.ok else "\n" + tr("Fix the errors in the workbook; nothing will be imported until then.")))
        lines = preview.collection.lines() if preview.collection is not None else []
        self.collection.setText("\n".join(lines))
        self.collection.setVisible(bool(lines))
        needs_period = any(p.code == "period_unknown" for p in preview.problems.errors)
        for w in (self.period_label, self.period, self.reread_button):
            w.setVisible(needs_period and self._reread is not None)
        self._fill_problems(preview)
        self._fill_changes(preview)
        self.import_button.setEnabled(preview.ok)
        self.tabs.setCurrentIndex(0 if preview.problems.items else 1)

    def _fill_problems(self, preview: Preview) -> None:
        items = sorted(preview.problems.items, key=lambda p: (p.level != "error", p.sheet, p.row or 0, p.column))
        self.problems.setRowCount(len(items))
        for r, p in enumerate(items):
            level = tr("Error") if p.level == "error" else tr("Warning")
            for c, value in enumerate((level, p.sheet, p.row, p.column, p.value, p.message)):
                cell = _item(value)
                cell.setBackground(ERROR_BRUSH if p.level == "error" else WARNING_BRUSH)
                self.problems.setItem(r, c, cell)
        self._fit(self.problems)

    def _fill_changes(self, preview: Preview) -> None:
        plan = getattr(preview, "plan", None)
        rows = [(tr("Add") if c.action == "add" else tr("Change"), c.item(plan), c.details(plan), c.origin.strip())
                for c in preview.changes]
        rows += [(tr("Remove"), Change("remove", t, k, {}).item(plan), "", "") for t, k in preview.removals]
        self.changes.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.changes.setItem(r, c, _item(value))
        self._fit(self.changes)

    @staticmethod
    def _fit(table: QTableWidget) -> None:
        """Columns sized to their text but none wider than a third of the dialog (tooltips hold the rest)."""
        table.resizeColumnsToContents()
        for c in range(table.columnCount() - 1):
            table.setColumnWidth(c, min(table.columnWidth(c), 320))

    def _on_reread_button_clicked(self) -> None:
        if self._reread is not None and self.period.text().strip():
            self.show_preview(self._reread(self.period.text().strip()))


def _key(key) -> str:
    parts = []
    for k in key:
        parts.append(_key(k) if isinstance(k, tuple) else ("" if k is None else str(k)))
    return " / ".join(p for p in parts if p)


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 30 else text[:27] + "…"
