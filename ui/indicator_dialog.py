"""Indicators tab > Add indicator… (code, name, target as written "≥25款", module, stage, team) and Delete."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget,
)

from planner.errors import PlannerError
from planner.indicators.from_cell import next_codes
from planner.services import indicators as indicator_service
from ui.commands import JournalCommand
from ui.messages import user_message


def tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorDialog", text)


def next_indicator_code(plan) -> str:
    return next_codes({i.code for i in plan.indicators}, 1)[0]


def _choices(box: QComboBox, rows, none_label: str) -> None:
    box.addItem(none_label, None)
    for row in rows:
        box.addItem(row.name, row.id)


class IndicatorDialog(QDialog):
    def __init__(self, plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Add indicator"))
        self.plan = plan
        self.code = QLineEdit(next_indicator_code(plan), self)
        self.name = QLineEdit(self)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText(tr("as written, e.g. ≥25 models, 45% → 90%, ≤2d"))
        self.module, self.stage, self.team = QComboBox(self), QComboBox(self), QComboBox(self)
        _choices(self.module, plan.modules, tr("(no module)"))
        _choices(self.stage, plan.stages, tr("(no stage)"))
        _choices(self.team, plan.teams, tr("(no team)"))
        form = QFormLayout()
        for label, widget in ((tr("Code:"), self.code), (tr("Name:"), self.name), (tr("Target:"), self.target),
                              (tr("Module:"), self.module), (tr("Stage:"), self.stage),
                              (tr("Reported by team:"), self.team)):
            form.addRow(label, widget)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #da3633;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(buttons)

    def values(self) -> dict:
        return {"code": self.code.text().strip(), "name": self.name.text().strip(),
                "target_text": self.target.text().strip(), "module_id": self.module.currentData(),
                "stage_id": self.stage.currentData(), "owner_team_id": self.team.currentData()}

    def _accept_if_valid(self) -> None:
        v = self.values()
        if not v["code"] or not v["name"]:
            self.problem.setText(tr("An indicator needs a code and a name."))
        elif any(i.code == v["code"] for i in self.plan.indicators):
            self.problem.setText(tr("There is already an indicator %1.").replace("%1", v["code"]))
        else:
            if v["target_text"]:
                from planner.indicators.targets import parse_target
                try:
                    parse_target(v["target_text"], where=v["code"])
                except PlannerError as exc:
                    self.problem.setText(user_message(exc))
                    return
            self.accept()


def add_indicator(parent: QWidget, controller) -> bool:
    if controller.project is None:
        return False
    dialog = IndicatorDialog(controller.plan(), parent)
    if dialog.exec() != QDialog.Accepted:
        return False
    v = dialog.values()
    code, name = v.pop("code"), v.pop("name")
    return controller.try_push(JournalCommand(controller, tr("Add indicator %1").replace("%1", code),
                                              indicator_service.add_indicator, code, name, **v))


def delete_indicators(parent: QWidget, controller, indicators) -> bool:
    if not indicators:
        QMessageBox.information(parent, tr("Delete indicators"), tr("Select the indicators to delete first."))
        return False
    codes = ", ".join(i.code for i in indicators)
    readings = sum(1 for r in controller.plan().readings if r.indicator_id in {i.id for i in indicators})
    text = tr("Delete %1 and its %2 readings?").replace("%1", codes).replace("%2", str(readings))
    if QMessageBox.question(parent, tr("Delete indicators"), text) != QMessageBox.StandardButton.Yes:
        return False
    stack = controller.undo_stack
    stack.beginMacro(tr("Delete %1").replace("%1", codes))
    for indicator in indicators:
        controller.try_push(JournalCommand(controller, tr("Delete %1").replace("%1", indicator.code),
                                           indicator_service.delete_indicator, indicator.id))
    stack.endMacro()
    return True
