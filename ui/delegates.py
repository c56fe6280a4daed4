"""Cell editors driven by the column specs: combo boxes for choices, live-checked text.

A value the model refuses is never thrown away: the editor opens again on the same cell with
the text as typed, and a bubble at the cell says why (Escape gives up and restores the value).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPersistentModelIndex, QTimer, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QStyledItemDelegate

from planner.errors import PlannerError
from ui.messages import user_message
from ui.notices import CellBubble

_INVALID = "QLineEdit { border: 2px solid #da3633; }"


def tr(text: str) -> str:
    return QCoreApplication.translate("CellEditor", text)


class SpecDelegate(QStyledItemDelegate):
    """Edits a `PlanTableModel` cell; `problem` carries the live validation message ("" = fine)."""

    problem = Signal(str)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.bubble = CellBubble(parent) if parent is not None else None
        self.refused: tuple[QPersistentModelIndex, object, str] | None = None  # (cell, typed value, reason)
        self._reopen = False
        self.closeEditor.connect(self._on_closeEditor)

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
        if spec.check is not None and not getattr(self.model, "is_entry_row", lambda _r: False)(index.row()):
            row, cell = self.model.row_at(index.row()), QPersistentModelIndex(index)
            editor.textEdited.connect(lambda text, e=editor: self._check(e, spec, row, cell, text))
        return editor

    def _check(self, editor: QLineEdit, spec, row, cell, text: str) -> None:
        try:
            spec.check(self.model, row, text)
        except PlannerError as exc:
            self._show_problem(editor, cell, user_message(exc))
            return
        self._clear_problem(editor)

    def _show_problem(self, editor, cell, message: str, *, refused: bool = False) -> None:
        if isinstance(editor, QLineEdit):
            editor.setStyleSheet(_INVALID)
        editor.setToolTip(message)
        if self.bubble is not None:
            hint = "\n" + tr("Correct it and press Enter, or press Esc to keep the previous value.") if refused else ""
            self.bubble.show_for(cell, message + hint)
        self.problem.emit(message)

    def _clear_problem(self, editor=None) -> None:
        if editor is not None:
            editor.setStyleSheet("")
            editor.setToolTip("")
        if self.bubble is not None:
            self.bubble.dismiss()
        if self.refused is not None:
            self.model.controller.problem_resolved.emit(self.refused[2])
            self.refused = None
        self.problem.emit("")

    def setEditorData(self, editor, index):
        refused = self.refused is not None and QPersistentModelIndex(index) == self.refused[0]
        value = self.refused[1] if refused else index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        else:
            editor.setText("" if value is None else str(value))
        if refused:
            self._show_problem(editor, self.refused[0], self.refused[2], refused=True)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        else:
            value = editor.text()
        if not model.setData(index, value, Qt.ItemDataRole.EditRole) and model.last_error:
            self.refused = (QPersistentModelIndex(index), value, model.last_error)
            self.problem.emit(model.last_error)
            model.last_error = ""
            if not self._reopen:  # once the view has closed this editor (by Enter, Tab or a click)
                self._reopen = True
                QTimer.singleShot(0, self._edit_refused)
        else:
            self._clear_problem()

    def eventFilter(self, editor, event) -> bool:
        """Enter in a one-line editor or a list box tells a spreadsheet-like view to move down after it."""
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not isinstance(editor, QPlainTextEdit) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            view = editor.parent().parent() if editor.parent() is not None else None
            if hasattr(view, "enter_pressed"):
                view.enter_pressed = True
        return super().eventFilter(editor, event)

    def _on_closeEditor(self, _editor, _hint) -> None:
        if not self._reopen:
            self._clear_problem()  # Escape, or the value was accepted

    def _edit_refused(self) -> None:
        """Open the refused cell again with what was typed (unless its view has gone away)."""
        self._reopen = False
        view = self.parent()
        cell = self.refused[0] if self.refused is not None else None
        if cell is None or not cell.isValid() or view is None or not view.isVisible():
            self._clear_problem()
            return
        index = self.model.index(cell.row(), cell.column())
        view.setCurrentIndex(index)
        view.edit(index)
