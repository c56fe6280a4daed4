"""Teams (RACI tab > Teams…): add, rename, merge, delete; what uses a team is shown before it goes.

Every change is one undo step, applied at once (the RACI tab gains or loses its column).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

from planner.services import structure, teams
from ui.commands import JournalCommand


def tr(text: str) -> str:
    return QCoreApplication.translate("TeamsDialog", text)


def uses_text(uses: teams.TeamUses) -> str:
    if not uses.total:
        return tr("Nothing uses it yet.")
    return tr("It has %1 RACI letters, %2 roles and owns %3 indicators.").replace(
        "%1", str(uses.raci_cells)).replace("%2", str(uses.roles)).replace("%3", str(uses.indicators))


def add_team(parent: QWidget, controller) -> bool:
    """Ask a name and add the team (the RACI tab's Add team button and this dialog's Add)."""
    name, ok = QInputDialog.getText(parent, tr("Add team"), tr("Team name:"))
    name = name.strip()
    if not ok or not name:
        return False
    if any(t.name == name for t in controller.plan().teams):
        QMessageBox.information(parent, tr("Add team"), tr("There is already a team named %1.").replace("%1", name))
        return False
    return controller.try_push(JournalCommand(controller, tr("Add team %1").replace("%1", name),
                                              structure.add_team, name))


class TeamsDialog(QDialog):
    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(tr("Teams"))
        self.list = QListWidget(self)
        self.uses = QLabel(self)
        self.uses.setWordWrap(True)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(tr("Add…"), self)
        self.rename_button = QPushButton(tr("Rename…"), self)
        self.merge_button = QPushButton(tr("Merge into…"), self)
        self.delete_button = QPushButton(tr("Delete…"), self)
        for button, slot in ((self.add_button, self.add), (self.rename_button, self.rename),
                             (self.merge_button, self.merge), (self.delete_button, self.delete)):
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.uses)
        box.addWidget(close)
        self.list.currentRowChanged.connect(lambda _r: self._show_uses())
        controller.changed.connect(lambda _c: self.reload())
        self.reload()

    def reload(self) -> None:
        keep = self.current_id()
        self.list.clear()
        if self.controller.project is None:
            return
        for team in self.controller.plan().teams:
            item = QListWidgetItem(team.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, team.id)
            if team.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._show_uses()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).text() == name:
                self.list.setCurrentRow(row)

    def _uses(self, team_id: int) -> teams.TeamUses:
        return self.controller.project.read(lambda s: teams.team_uses(s, team_id))

    def _show_uses(self) -> None:
        team_id = self.current_id()
        has = team_id is not None
        for button in (self.rename_button, self.merge_button, self.delete_button):
            button.setEnabled(has)
        self.merge_button.setEnabled(has and self.list.count() > 1)
        self.uses.setText(uses_text(self._uses(team_id)) if has else tr("No teams yet: add one."))

    def add(self) -> None:
        add_team(self, self.controller)

    def rename(self) -> None:
        team_id = self.current_id()
        if team_id is None:
            return
        old = self.list.currentItem().text()
        name, ok = QInputDialog.getText(self, tr("Rename team"), tr("New name of %1:").replace("%1", old), text=old)
        name = name.strip()
        if ok and name and name != old:
            self.controller.try_push(JournalCommand(self.controller, tr("Rename team %1 to %2").replace(
                "%1", old).replace("%2", name), structure.update_team, team_id, name=name))

    def merge(self) -> None:
        team_id = self.current_id()
        if team_id is None:
            return
        source = self.list.currentItem().text()
        others = [t for t in self.controller.plan().teams if t.id != team_id]
        if not others:
            return
        choice, ok = QInputDialog.getItem(self, tr("Merge team"), tr("Merge %1 into:").replace("%1", source),
                                          [t.name for t in others], 0, False)
        if not ok:
            return
        target = next(t for t in others if t.name == choice)
        text = (tr("%1 will be merged into %2 and removed.").replace("%1", source).replace("%2", target.name)
                + " " + uses_text(self._uses(team_id)) + " "
                + tr("Where both teams have a letter on the same row, %1's is kept.").replace("%1", target.name))
        if QMessageBox.question(self, tr("Merge team"), text) != QMessageBox.StandardButton.Yes:
            return
        self.controller.try_push(JournalCommand(self.controller, tr("Merge team %1 into %2").replace(
            "%1", source).replace("%2", target.name), teams.merge_teams, team_id, target.id))

    def delete(self) -> None:
        team_id = self.current_id()
        if team_id is None:
            return
        name = self.list.currentItem().text()
        uses = self._uses(team_id)
        if uses.total:
            text = (tr("Delete team %1?").replace("%1", name) + " " + uses_text(uses) + " "
                    + tr("Its RACI letters are removed; its roles and indicators keep no team."))
            if QMessageBox.question(self, tr("Delete team"), text) != QMessageBox.StandardButton.Yes:
                return
        self.controller.try_push(JournalCommand(self.controller, tr("Delete team %1").replace("%1", name),
                                                teams.delete_team, team_id))


def manage_teams(parent: QWidget, controller) -> None:
    if controller.project is not None:
        TeamsDialog(controller, parent).exec()

