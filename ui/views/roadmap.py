"""The roadmap view: the stage x module grid, a side panel to edit a cell, stage and module tools."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QInputDialog, QLabel, QMenu, QPlainTextEdit, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from planner import model as m
from planner.services import generic, structure
from ui.column_widths import fit_columns
from ui.commands import JournalCommand
from ui.delegates import SpecDelegate
from ui.views.roadmap_model import CELL_FIELDS, RoadmapModel, tr


class CellPanel(QWidget):
    """Edits every text of the selected cell; Apply makes it one undo step, and so does leaving the
    panel or the cell (typed text is never dropped), with the window marked unsaved at once."""

    LABELS = {"scope": "Scope", "actions": "Actions", "acceptance": "Acceptance indicators",
              "evaluation_method": "Evaluation method", "data_source": "Data source"}

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.editors: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(3)
        for key in CELL_FIELDS:
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(editor.fontMetrics().lineSpacing() * 2 + 12)  # fits a short window; scrolls
            editor.installEventFilter(self)
            editor.textChanged.connect(self._on_editor_textChanged)
            self.editors[key] = editor
            form.addRow(QCoreApplication.translate("Column", self.LABELS[key]), editor)
        self.apply_button = QPushButton(tr("Apply"), self)
        self.apply_button.setToolTip(tr("Save the texts of this cell (one undo step)"))
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form, 1)
        layout.addWidget(self.apply_button)
        self.row = None
        self._loading = False

    def show_row(self, row) -> None:
        self._loading = True
        try:
            self._show_row(row)
        finally:
            self._loading = False

    def _show_row(self, row) -> None:
        self.row = row
        if row is None:
            self.title.setText(tr("Select a cell of the roadmap"))
            for editor in self.editors.values():
                editor.setPlainText("")
            return
        self.title.setText(f"<b>{row.stage.label or row.stage.name}</b> · {row.module.name}")
        cell = self.view.controller.plan().cell(row.stage.id, row.module.id)
        for key, editor in self.editors.items():
            editor.setPlainText(getattr(cell, key) if cell else "")

    def pending(self) -> dict[str, str]:
        """The texts typed here that differ from the cell's."""
        if self.row is None or self.view.controller.project is None:
            return {}
        cell = self.view.controller.plan().cell(self.row.stage.id, self.row.module.id)
        return {k: e.toPlainText().strip() for k, e in self.editors.items()
                if e.toPlainText().strip() != ((getattr(cell, k) if cell else "") or "")}

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.editors.values():
            self.apply()  # leaving the panel keeps what was typed
        return super().eventFilter(watched, event)

    def _on_editor_textChanged(self) -> None:
        window = self.window()
        if not self._loading and "[*]" in window.windowTitle() and self.pending():
            window.setWindowModified(True)  # the title's unsaved mark while typing

    def apply(self) -> None:
        if self.row is None:
            return
        values = self.pending()
        if values:
            text = tr("Edit cell %1 / %2").replace("%1", self.row.stage.name).replace("%2", self.row.module.name)
            self.view.controller.try_push(JournalCommand(self.view.controller, text, structure.set_cell,
                                                         self.row.stage.id, self.row.module.id, **values))


class RoadmapView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = RoadmapModel(controller, self)
        self.model.refresh_when_shown(self)  # behind another tab: refreshed when shown
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(SpecDelegate(self.model, self.table))
        self.table.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.panel = CellPanel(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1150, 270])
        layout = QVBoxLayout(self)
        layout.addLayout(self._tool_bar())
        layout.addWidget(splitter, 1)
        self.model.modelReset.connect(self._layout_rows)
        self.model.dataChanged.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_currentRowChanged)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._layout_rows()

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(tr("Indicators from cell…"), self.indicators_from_cell)
        menu.addAction(tr("Rename…"), self.rename_current)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def indicators_from_cell(self) -> None:
        from ui.indicators_from_cell import indicators_from_cell

        row = self.current_row()
        self.panel.apply()  # texts typed in the side panel count
        indicators_from_cell(self, self.controller, row.stage.id if row else None, row.module.id if row else None)

    def _tool_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        for text, tip, slot in (
            (tr("Add stage"), tr("Add a stage after the last one"), self.add_stage),
            (tr("Add module"), tr("Add a module (workstream) after the last one"), self.add_module),
            (tr("Rename…"), tr("Rename the current stage (stage column) or module"), self.rename_current),
            (tr("Move up"), tr("Move the current stage (stage column) or module earlier"), lambda: self.move_current(-1)),
            (tr("Move down"), tr("Move the current stage (stage column) or module later"), lambda: self.move_current(1)),
            (tr("Indicators from cell…"), tr("Turn the lines of the current cell's acceptance indicators into "
                                             "indicators, previewed first"), self.indicators_from_cell),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _layout_rows(self) -> None:
        self.table.clearSpans()
        spans = {self.model.data(self.model.index(r, 1)) for r in range(self.model.rowCount())}
        fit_columns(self.table, self.model.columns, {"span": spans})
        for row_number, row in enumerate(self.model.visible_rows()):
            if row.first_of_stage and row.modules_in_stage > 1:
                self.table.setSpan(row_number, 0, row.modules_in_stage, 1)
                self.table.setSpan(row_number, 1, row.modules_in_stage, 1)
        self.table.resizeRowsToContents()
        self.panel.show_row(self.current_row())

    def current_row(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_selection_currentRowChanged(self, current, _previous) -> None:
        self.panel.apply()  # the texts typed for the cell being left go in first
        self.panel.show_row(self.model.row_at(current.row()) if current.isValid() else None)

    def hideEvent(self, event) -> None:
        self.panel.apply()  # another tab: what was typed in the panel is kept
        super().hideEvent(event)

    # --- stages and modules -------------------------------------------------------------
    def _target(self):
        """(table, row id, name) of the stage when the stage columns are current, else the module."""
        row = self.current_row()
        if row is None:
            return None
        if self.table.currentIndex().column() <= 1:
            return m.Stage, row.stage.id, row.stage.name
        return m.Module, row.module.id, row.module.name

    def add_stage(self, name: str | None = None) -> None:
        name = name or tr("Stage %1").replace("%1", str(len(self.controller.plan().stages) + 1))
        self.controller.try_push(JournalCommand(self.controller, tr("Add stage %1").replace("%1", name),
                                                structure.add_stage, name))

    def add_module(self, name: str | None = None) -> None:
        name = name or tr("Module %1").replace("%1", str(len(self.controller.plan().modules) + 1))
        self.controller.try_push(JournalCommand(self.controller, tr("Add module %1").replace("%1", name),
                                                structure.add_module, name))

    def rename_current(self) -> None:
        target = self._target()
        if target is None:
            return
        table, row_id, old = target
        name, ok = QInputDialog.getText(self, tr("Rename"), tr("New name:"), text=old)
        if ok:
            self.rename(table, row_id, name)

    def rename(self, table, row_id: int, name: str) -> None:
        name = name.strip()
        service = structure.update_stage if table is m.Stage else structure.update_module
        if name:
            self.controller.try_push(JournalCommand(self.controller, tr("Rename %1").replace("%1", name),
                                                    service, row_id, name=name))

    def move_current(self, step: int) -> None:
        target = self._target()
        if target is None:
            return
        table, row_id, name = target
        plan = self.controller.plan()
        ids = [x.id for x in (plan.stages if table is m.Stage else plan.modules)]
        index = ids.index(row_id) + step
        if 0 <= index < len(ids):
            self.controller.try_push(JournalCommand(self.controller, tr("Move %1").replace("%1", name),
                                                    generic.reorder, table, row_id, index))
