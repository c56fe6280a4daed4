"""The task matrix's name cells as an outline: indented by level, a fold arrow on summary tasks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from ui.delegates import SpecDelegate

INDENT = 16  # px per outline level
ARROW = 14  # px of the fold arrow (every name leaves room for it, so names line up by level)


class OutlineDelegate(SpecDelegate):
    """`SpecDelegate` whose "name" column draws the work breakdown (only while the rows are
    the outline: no filter, no sort). A click on the arrow folds or unfolds the summary."""

    def _offset(self, index) -> tuple[int, object | None]:
        """(px the text moves right, the row's task) for a name cell shown as outline."""
        model = self.model
        if model.columns[index.column()].key != "name" or not model.outline_shown() or model.is_entry_row(index.row()):
            return 0, None
        task = model.row_at(index.row())
        return model.depth_of(task) * INDENT + ARROW, task

    def paint(self, painter, option, index):
        offset, task = self._offset(index)
        if task is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        if self.model.is_summary(task):
            arrow = QRect(opt.rect.left() + offset - ARROW, opt.rect.top(), ARROW, opt.rect.height())
            painter.save()
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.text().color())
            painter.drawText(arrow, Qt.AlignmentFlag.AlignCenter, "▸" if self.model.is_collapsed(task) else "▾")
            painter.restore()
        opt.rect = opt.rect.adjusted(offset, 0, 0, 0)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def editorEvent(self, event, model, option, index):
        offset, task = self._offset(index)
        if (task is not None and event.type() == QEvent.Type.MouseButtonPress and self.model.is_summary(task)
                and offset - ARROW <= event.position().x() - option.rect.left() < offset):
            self.model.toggle(task)
            return True
        return super().editorEvent(event, model, option, index)

    def updateEditorGeometry(self, editor, option, index):
        super().updateEditorGeometry(editor, option, index)
        offset, _task = self._offset(index)
        if offset:
            editor.setGeometry(editor.geometry().adjusted(offset, 0, 0, 0))
