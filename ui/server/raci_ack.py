"""The RACI acknowledgements of a plan on a server: each team's R and A letters, who
acknowledged them and when; a team member acknowledges their own team's (the server's
row-level security refuses others, and the refusal is shown here)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from planner.errors import PlannerError
from ui.messages import user_message

STATE_COLOURS = {"acknowledged": "#2e7d32", "pending": "#ef6c00", "changed": "#c62828"}


def tr(text: str) -> str:
    return QCoreApplication.translate("RaciAck", text)


def state_word(a) -> str:
    if a.state == "acknowledged":
        return tr("acknowledged")
    if a.state == "changed":
        return tr("letter changed since (acknowledged %1)").replace("%1", a.acked_role or "")
    return tr("not acknowledged yet")


class RaciAckDialog(QDialog):
    COLUMNS = ("subject", "team", "letter", "state", "by", "at", "note")

    def __init__(self, project, parent=None, on_change=None):
        super().__init__(parent)
        self.project = project
        self.on_change = on_change
        self.items = []
        self.setWindowTitle(tr("RACI acknowledgements – %1").replace("%1", project.plan))
        self.resize(1040, 520)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)  # a refusal's reason fits
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.mine = QCheckBox(tr("Only my team's letters"))
        self.mine.setVisible(project.team_id is not None)
        self.mine.setChecked(project.team_id is not None)
        self.mine.toggled.connect(lambda _on: self.refresh())
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("Module or task"), tr("Team"), tr("Letter"), tr("State"),
                                              tr("Acknowledged by"), tr("When"), tr("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Note (optional), e.g. who in the team leads it"))
        self.ack_button = QPushButton(tr("Acknowledge selected"))
        self.ack_button.setToolTip(tr("Record that the team takes on the selected R/A letters (who and when are kept "
                                      "on the server)"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.ack_button.setEnabled(project.role in ("owner", "editor", "team") and not project.read_only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mine)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        from planner.server.raci_ack import assignments

        team = self.project.team_id if self.mine.isChecked() else None
        try:
            self.items = assignments(self.project, team_id=team)
        except PlannerError as exc:
            self.items = []
            self._say(user_message(exc), error=True)
        else:
            waiting = sum(1 for a in self.items if a.state != "acknowledged")
            self._say(tr("%1 R/A letters, %2 waiting for an acknowledgement.").replace("%1", str(len(self.items)))
                      .replace("%2", str(waiting)))
        self._fill()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "")

    def _fill(self) -> None:
        self.table.setRowCount(len(self.items))
        for r, a in enumerate(self.items):
            when = a.acked_at.astimezone().strftime("%Y-%m-%d %H:%M") if a.acked_at else ""
            cells = [a.subject, a.team, a.role, state_word(a), a.acked_by or "", when, a.note]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setForeground(QBrush(QColor(STATE_COLOURS[a.state])))
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def selected(self) -> list:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.items[r] for r in rows if r < len(self.items)]

    def acknowledge_selected(self) -> bool:
        from planner.server.raci_ack import acknowledge

        chosen = self.selected()
        if not chosen:
            self._say(tr("Choose the R or A letters to acknowledge."), error=True)
            return False
        try:
            changes = acknowledge(self.project, [a.cell_id for a in chosen], self.note.text().strip())
        except PlannerError as exc:
            self._say(user_message(exc), error=True)
            return False
        self.note.clear()
        self.refresh()
        if self.on_change is not None:
            self.on_change(changes)
        return True
