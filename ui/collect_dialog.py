"""The team and period of a data-collection workbook, chosen and checked before any file is asked for."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from planner.errors import PlannerError
from planner.excel.collect import collection_period, default_collection_period, due_date
from ui.messages import user_message

_INVALID = "QLineEdit { border: 2px solid #da3633; }"


def tr(text: str) -> str:
    return QCoreApplication.translate("CollectDialog", text)


def collecting_teams(plan) -> list[str]:
    """Teams that own at least one indicator, in the plan's order."""
    owners = {i.owner_team_id for i in plan.indicators}
    return [t.name for t in plan.teams if t.id in owners]


class CollectDialog(QDialog):
    """Team and reporting period; the period starts at the plan's status date and OK waits for a valid one."""

    def __init__(self, plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Data collection workbook"))
        self.team = QComboBox(self)
        self.team.addItems(collecting_teams(plan))
        self.period = QLineEdit(default_collection_period(plan), self)
        self.period.setPlaceholderText(tr("2025-03 or 2025-W12"))
        self.period.setToolTip(tr("A month (2025-03) or an ISO week (2025-W12); the workbook asks for "
                                  "the readings of this period"))
        self.status = QLabel(self)
        self.status.setObjectName("collect_period_status")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Team:"), self.team)
        form.addRow(tr("Period:"), self.period)
        form.addRow("", self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.export_button = self.buttons.addButton(tr("Choose file…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("A fill-in workbook with the team's indicators for one reporting period."), self))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.period.textChanged.connect(self._on_period_textChanged)
        self._on_period_textChanged(self.period.text())

    def chosen(self) -> tuple[str, str]:
        """(team, period as stored: 2025-03 or 2025-W12); valid once the dialog was accepted."""
        return self.team.currentText(), collection_period(self.period.text())

    def _on_period_textChanged(self, text: str) -> None:
        try:
            period = collection_period(text)
            due = due_date(period)
        except PlannerError as exc:
            self.period.setStyleSheet(_INVALID)
            self.status.setStyleSheet("color: #b42318;")
            self.status.setText(user_message(exc))
            self.export_button.setEnabled(False)
            return
        self.period.setStyleSheet("")
        self.status.setStyleSheet("")
        self.status.setText(tr("Period %1, readings due %2.").replace("%1", period).replace("%2", due.isoformat()))
        self.export_button.setEnabled(True)
