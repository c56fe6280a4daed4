"""Indicators from a roadmap cell: the lines of its 量化验收指标 previewed as indicators, added in one undo step.

Opened from the roadmap (toolbar, or the cell's context menu) on the current cell, or from the
Indicators tab, where the stage and module are chosen in the dialog. Each line shows the code,
name and target as written, and the unit and direction parsed from it; lines are ticked to be
added, and the code, name and target can be corrected before OK.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from planner import model as m
from planner.errors import PlannerError
from planner.indicators.from_cell import Proposal, propose, renumber
from planner.indicators.targets import parse_target
from planner.services import indicators as indicator_service
from ui.commands import JournalCommand
from ui.messages import user_message

CHECK, CODE, NAME, TARGET, UNIT, DIRECTION, NOTE = range(7)


def tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorsFromCell", text)


def direction_text(direction: str) -> str:
    return tr("lower is better") if direction == m.Direction.lower.value else tr("higher is better")


def _owner_team(plan, module_id: int) -> int | None:
    """The module's responsible team (its one R letter), which reports the module's figures."""
    responsible = [c.team_id for c in plan.raci if c.module_id == module_id and c.role == m.RaciRole.R.value]
    return responsible[0] if len(responsible) == 1 else None


class IndicatorsFromCellDialog(QDialog):
    def __init__(self, plan, stage_id: int | None = None, module_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Indicators from a roadmap cell"))
        self.plan = plan
        self.proposals: list[Proposal] = []
        self.stage, self.module = QComboBox(self), QComboBox(self)
        for box, rows in ((self.stage, plan.stages), (self.module, plan.modules)):
            for row in rows:
                box.addItem(row.name, row.id)
        if stage_id is not None:
            self.stage.setCurrentIndex(max(0, self.stage.findData(stage_id)))
        if module_id is not None:
            self.module.setCurrentIndex(max(0, self.module.findData(module_id)))
        pick = QHBoxLayout()
        pick.addWidget(QLabel(tr("Stage:"), self))
        pick.addWidget(self.stage, 1)
        pick.addWidget(QLabel(tr("Module:"), self))
        pick.addWidget(self.module, 1)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels([tr("Add"), tr("Code"), tr("Name"), tr("Target as written"), tr("Unit"),
                                              tr("Direction"), tr("Note")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (CHECK, CODE, UNIT, DIRECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #da3633;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(pick)
        box.addWidget(self.source)
        box.addWidget(self.table, 1)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.stage.currentIndexChanged.connect(lambda _i: self.reload())
        self.module.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemChanged.connect(self._on_item_changed)
        self.resize(900, 460)
        self.reload()

    # --- filling -------------------------------------------------------------------------
    def reload(self) -> None:
        stage_id, module_id = self.stage.currentData(), self.module.currentData()
        cell = self.plan.cell(stage_id, module_id) if stage_id is not None and module_id is not None else None
        text = cell.acceptance.strip() if cell is not None else ""
        existing = {i.name: i.code for i in self.plan.indicators
                    if i.stage_id == stage_id and i.module_id == module_id}
        self.proposals = propose(
            text, evaluation_method=cell.evaluation_method if cell else "", data_source=cell.data_source if cell else "",
            existing=existing, taken_codes={i.code for i in self.plan.indicators},
            extra={"stage_id": stage_id, "module_id": module_id, "owner_team_id": _owner_team(self.plan, module_id)})
        self.source.setText(tr("This cell has no acceptance indicators yet: write them in the roadmap first.")
                            if not text else tr("Acceptance indicators of the cell, one indicator per figure:"))
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.proposals))
        for row, p in enumerate(self.proposals):
            check = QTableWidgetItem(str(p.number))
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            check.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable if p.addable else flags)
            check.setCheckState(Qt.CheckState.Checked if p.checked else Qt.CheckState.Unchecked)
            self.table.setItem(row, CHECK, check)
            for column, value in ((CODE, p.code), (NAME, p.name), (TARGET, p.target_text)):
                item = QTableWidgetItem(value)
                if not p.addable:
                    item.setFlags(flags)
                self.table.setItem(row, column, item)
            for column in (UNIT, DIRECTION, NOTE):
                item = QTableWidgetItem("")
                item.setFlags(flags)
                self.table.setItem(row, column, item)
            self._show_parsed(row)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.problem.setText("")

    def _note(self, p: Proposal) -> str:
        if p.target is None:
            return tr("No target figure in this line")
        if p.problem:
            code = next((i.code for i in self.plan.indicators if i.name == p.name and i.stage_id == p.extra.get("stage_id")
                         and i.module_id == p.extra.get("module_id")), "")
            return tr("Already indicator %1").replace("%1", code)
        return ""

    def _show_parsed(self, row: int) -> None:
        p = self.proposals[row]
        self.table.item(row, UNIT).setText(p.target.unit if p.target else "")
        self.table.item(row, DIRECTION).setText(direction_text(p.target.direction) if p.target else "")
        self.table.item(row, NOTE).setText(self._note(p))

    # --- editing -------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        row, p = item.row(), self.proposals[item.row()]
        self.table.blockSignals(True)
        try:
            if item.column() == CHECK:
                p.checked = item.checkState() == Qt.CheckState.Checked
                renumber(self.proposals, {i.code for i in self.plan.indicators})
                for r, q in enumerate(self.proposals):
                    self.table.item(r, CODE).setText(q.code)
            elif item.column() == CODE:
                p.code = item.text().strip()
            elif item.column() == NAME:
                p.name = item.text().strip()
            elif item.column() == TARGET:
                p.target_text = item.text().strip()
                try:
                    p.target = parse_target(p.target_text, where=p.code or p.name)
                    self.problem.setText("")
                except PlannerError as exc:
                    self.problem.setText(user_message(exc))
                    p.target = None
                    self.table.item(row, UNIT).setText("")
                    self.table.item(row, DIRECTION).setText("")
                    return
                self._show_parsed(row)
        finally:
            self.table.blockSignals(False)

    def set_checked(self, row: int, checked: bool) -> None:
        self.table.item(row, CHECK).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[Proposal]:
        """The ticked lines (a target corrected into one that cannot be read stays ticked, and is refused)."""
        return [p for p in self.proposals if p.checked and p.name]

    def _accept_if_valid(self) -> None:
        chosen = self.chosen()
        taken = {i.code for i in self.plan.indicators}
        seen: set[str] = set()
        if not chosen:
            self.problem.setText(tr("Tick at least one line to add."))
            return
        for p in chosen:
            if not p.code or not p.name:
                self.problem.setText(tr("Line %1: an indicator needs a code and a name.").replace("%1", str(p.number)))
                return
            if p.target is None:
                self.problem.setText(tr("Line %1: the target %2 cannot be read.").replace("%1", str(p.number)).replace(
                    "%2", p.target_text))
                return
            if p.code in taken or p.code in seen:
                self.problem.setText(tr("There is already an indicator %1.").replace("%1", p.code))
                return
            seen.add(p.code)
        self.accept()


def indicators_from_cell(parent: QWidget, controller, stage_id: int | None = None, module_id: int | None = None) -> bool:
    """Open the preview on a cell (or the first one) and add the ticked indicators as one undo step."""
    if controller.project is None:
        return False
    plan = controller.plan()
    if not plan.stages or not plan.modules:
        QMessageBox.information(parent, tr("Indicators from a roadmap cell"),
                                tr("The roadmap has no cells yet: add a stage and a module first."))
        return False
    dialog = IndicatorsFromCellDialog(plan, stage_id, module_id, parent)
    if dialog.exec() != QDialog.Accepted:
        return False
    chosen = dialog.chosen()
    text = tr("Add %1 indicators from %2 / %3").replace("%1", str(len(chosen))).replace(
        "%2", dialog.stage.currentText()).replace("%3", dialog.module.currentText())
    return controller.try_push(JournalCommand(controller, text, indicator_service.add_indicators,
                                              [p.fields() for p in chosen]))
