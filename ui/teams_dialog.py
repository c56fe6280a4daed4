"""Teams (RACI tab > Teams…): add, rename, merge, delete; what uses a team is shown before it goes;
the plan's roles (算子组工程师) each put in a team, or a new role added.

Every change is one undo step, applied at once (the RACI tab gains or loses its column).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
    QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
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
        self.roles = QTableWidget(0, 2, self)
        self.roles.setHorizontalHeaderLabels([tr("Role"), tr("Team")])
        self.roles.verticalHeader().hide()
        self.roles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.roles.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_role_button = QPushButton(tr("Add role…"), self)
        self.add_role_button.clicked.connect(lambda _c=False: self.add_role())
        roles_box = QGroupBox(tr("Roles and their teams"), self)
        roles_layout = QVBoxLayout(roles_box)
        roles_layout.addWidget(self.roles)
        roles_row = QHBoxLayout()
        roles_row.addStretch(1)
        roles_row.addWidget(self.add_role_button)
        roles_layout.addLayout(roles_row)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.uses)
        box.addWidget(roles_box, 1)
        box.addWidget(close)
        self.list.currentRowChanged.connect(lambda _r: self._show_uses())
        controller.changed.connect(self._on_controller_changed)  # a method: dropped when the dialog goes
        self._roles_shape: tuple = ()
        self.resize(560, 520)
        self.reload()

    def _on_controller_changed(self, _changes) -> None:
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
        self._reload_roles()

    # --- roles -----------------------------------------------------------------------------
    def _reload_roles(self) -> None:
        """One row per role with its team in a box; rebuilt only when roles or teams change, so a
        box that has just been changed is never deleted under its own signal."""
        plan = self.controller.plan()
        shape = (tuple((r.id, r.name) for r in plan.roles), tuple((t.id, t.name) for t in plan.teams))
        if shape != self._roles_shape:
            self._roles_shape = shape
            self.roles.setRowCount(0)
            self.roles.setRowCount(len(plan.roles))
            for row, role in enumerate(plan.roles):
                item = QTableWidgetItem(role.name)
                item.setData(Qt.ItemDataRole.UserRole, role.id)
                self.roles.setItem(row, 0, item)
                box = QComboBox(self.roles)
                box.addItem(tr("(no team)"), None)
                for team in plan.teams:
                    box.addItem(team.name, team.id)
                box.currentIndexChanged.connect(lambda _i, b=box, rid=role.id, n=role.name: self._role_team_chosen(rid, n, b))
                self.roles.setCellWidget(row, 1, box)
        for row, role in enumerate(plan.roles):
            box = self.roles.cellWidget(row, 1)
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(role.team_id)) if role.team_id is not None else 0)
            box.blockSignals(False)

    def role_box(self, name: str) -> QComboBox:
        row = next(r for r in range(self.roles.rowCount()) if self.roles.item(r, 0).text() == name)
        return self.roles.cellWidget(row, 1)

    def _role_team_chosen(self, role_id: int, name: str, box: QComboBox) -> None:
        team_id = box.currentData()
        text = (tr("Put role %1 in team %2").replace("%1", name).replace("%2", box.currentText()) if team_id is not None
                else tr("Take role %1 out of its team").replace("%1", name))
        self.controller.try_push(JournalCommand(self.controller, text, teams.set_role_team, role_id, team_id))

    def add_role(self) -> None:
        name, ok = QInputDialog.getText(self, tr("Add role"), tr("Role name:"))
        name = name.strip()
        if not ok or not name:
            return
        if any(r.name == name for r in self.controller.plan().roles):
            QMessageBox.information(self, tr("Add role"), tr("There is already a role named %1.").replace("%1", name))
            return
        self.controller.try_push(JournalCommand(self.controller, tr("Add role %1").replace("%1", name),
                                                teams.add_role, name, self.current_id()))

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

