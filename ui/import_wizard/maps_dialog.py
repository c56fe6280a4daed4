"""Settings › Saved column maps: the maps the import wizard remembers, listed and deletable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from planner.excel.headers import kind_label
from ui.import_dialog import _item
from ui.import_wizard import map_store
from ui.import_wizard.wizard import _table


def tr(text: str) -> str:
    return QCoreApplication.translate("SavedMapsDialog", text)


class SavedMapsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Saved column maps"))
        self.resize(820, 360)
        self.table = _table([tr("Sheet"), tr("Table"), tr("Headers"), tr("Saved"), tr("File")], stretch=2)
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Column maps saved in the import wizard, offered again for a workbook with the same headers. "
                                   "planner import --map FILE reads these files too.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.saved = map_store.saved_maps()
        self.table.setRowCount(len(self.saved))
        for r, s in enumerate(self.saved):
            headers = " | ".join(c.header for c in s.map.columns if c.header)
            when = dt.datetime.fromtimestamp(s.saved).strftime("%Y-%m-%d %H:%M")
            for c, v in enumerate((s.map.sheet, kind_label(s.map.kind), headers, when, str(s.path))):
                self.table.setItem(r, c, _item(v))
        self.table.resizeColumnsToContents()
        self.delete_button.setEnabled(bool(self.saved))

    def _on_delete_button_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            map_store.delete(self.saved[r].path)
        if rows:
            self.fill()
