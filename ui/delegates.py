"""Cell editors driven by the column specs: combo boxes for choices, live-checked text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QStyledItemDelegate

from planner.errors import PlannerError
from ui.messages import user_message


class SpecDelegate(QStyledItemDelegate):
    """Edits a `PlanTableModel` cell; `problem` carries the live validation message ("" = fine)."""

    problem = Signal(str)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model

    def _spec(self, index):
        return self.model.columns[index.column()]

    def createEditor(self, parent, option, index):
        spec = self._spec(index)
        if spec.kind == "choice" and spec.choices:
            combo = QComboBox(parent)
            for label, value in spec.choices(self.model):
                combo.addItem(label, value)
            return combo
        if spec.kind == "multiline":  # numbered lists keep their line breaks; Tab or a click commits
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(option.rect.height())
            return editor
        editor = QLineEdit(parent)
        if spec.check is not None:
            row = self.model.row_at(index.row())
            editor.textEdited.connect(lambda text, e=editor: self._check(e, spec, row, text))
        return editor

    def _check(self, editor: QLineEdit, spec, row, text: str) -> None:
        try:
            spec.check(self.model, row, text)
        except PlannerError as exc:
            editor.setStyleSheet("QLineEdit { border: 2px solid #da3633; }")
            editor.setToolTip(user_message(exc))
            self.problem.emit(user_message(exc))
            return
        editor.setStyleSheet("")
        editor.setToolTip("")
        self.problem.emit("")

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        else:
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        else:
            value = editor.text()
        if not model.setData(index, value, Qt.ItemDataRole.EditRole) and model.last_error:
            self.problem.emit(model.last_error)
            model.last_error = ""
        else:
            self.problem.emit("")

