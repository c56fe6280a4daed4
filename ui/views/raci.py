"""The RACI matrix: modules and their tasks x teams, one click or key per letter, rule checks."""

from __future__ import annotations

import html
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QPersistentModelIndex, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTableView, QVBoxLayout, QWidget

from planner import raci as rules
from planner.changes import Area
from planner.services import raci as raci_services
from ui import teams_dialog, theme
from ui.commands import JournalCommand
from ui.delegates import SpecDelegate
from ui.table_model import Column, PlanTableModel

LETTERS = ("R", "A", "C", "I")
NEXT_LETTER = {None: "R", "R": "A", "A": "C", "C": "I", "I": None}
ISSUE_TEXT = {
    rules.RaciIssueKind.no_a: QT_TRANSLATE_NOOP("Raci", "No A: exactly one team must be Accountable"),
    rules.RaciIssueKind.two_a: QT_TRANSLATE_NOOP("Raci", "Two or more A: exactly one team must be Accountable"),
    rules.RaciIssueKind.no_r: QT_TRANSLATE_NOOP("Raci", "No R: at least one team must be Responsible"),
}
DIVISION = (("decision_maker", QT_TRANSLATE_NOOP("Column", "Decision maker")),
            ("executing_roles", QT_TRANSLATE_NOOP("Column", "Executing roles")),
            ("cadence", QT_TRANSLATE_NOOP("Column", "Meeting cadence")))


def tr(text: str) -> str:
    return QCoreApplication.translate("Raci", text)


class RaciRow(NamedTuple):
    """A module, or a task shown under its module; the label reads the (patched) row live."""

    kind: str  # "module" | "task"
    id: int
    obj: object
    indent: bool = False

    @property
    def label(self) -> str:
        if self.kind == "module":
            return self.obj.name
        return ("    " if self.indent else "") + f"{self.obj.code} {self.obj.name}"


def _letter_setter(team_id: int):
    def setter(model, row: RaciRow, value):
        letter = str(value or "").strip().upper() or None
        if letter is not None and letter not in LETTERS:
            raise rules_error(letter)
        if model.letter(row, team_id) == letter:
            return None
        team = model.plan.team_by_id[team_id].name
        text = tr("Set %1 of %2 for %3").replace("%1", letter or "–").replace("%2", row.label).replace("%3", team)
        subject = {"module_id": row.id} if row.kind == "module" else {"task_id": row.id}
        return JournalCommand(model.controller, text, raci_services.set_raci, team_id=team_id, role=letter, **subject)
    return setter


def rules_error(letter: str):
    from planner.errors import ValidationError
    return ValidationError(tr("Use R, A, C or I (or leave the cell empty), not %1").replace("%1", letter))


def _division_setter(key: str, label: str):
    def setter(model, row: RaciRow, value):
        if row.kind != "module" or model.division(row.id, key) == str(value).strip():
            return None
        text = tr("Edit %1 of %2").replace("%1", QCoreApplication.translate("Column", label)).replace("%2", row.label)
        return JournalCommand(model.controller, text, raci_services.set_division, row.id, **{key: str(value).strip()})
    return setter


class RaciModel(PlanTableModel):
    areas = Area.RACI | Area.TEAMS | Area.MODULES | Area.TASKS

    def prepare(self) -> None:
        plan = self.plan
        self._letters = {}
        for cell in plan.raci:
            key = ("module", cell.module_id) if cell.module_id is not None else ("task", cell.task_id)
            self._letters[(key, cell.team_id)] = cell.role
        self._division = {d.module_id: d for d in plan.division}
        self.issues: dict[tuple[str, int], list] = {}
        for issue in rules.check_plan(plan):
            self.issues.setdefault((issue.subject.kind, issue.subject.id), []).append(issue)
        self.columns = self._columns(plan)

    def _columns(self, plan) -> list[Column]:
        cols = [Column("item", QT_TRANSLATE_NOOP("Column", "Module / task"), 220, get=lambda mo, r: r.label)]
        for team in plan.teams:
            cols.append(Column(f"team:{team.id}", team.name, 60, kind="letter",
                               get=lambda mo, r, t=team.id: mo.letter(r, t), set=_letter_setter(team.id)))
        for key, label in DIVISION:
            cols.append(Column(key, label, 150, get=lambda mo, r, k=key: mo.division(r.id, k) if r.kind == "module" else "",
                               set=_division_setter(key, label)))
        cols.append(Column("problems", QT_TRANSLATE_NOOP("Column", "Problems"), 260, get=lambda mo, r: mo.problem_text(r)))
        return cols

    def collect(self, plan) -> list[RaciRow]:
        by_module: dict[int | None, list] = {}
        for task in plan.tasks:
            by_module.setdefault(task.module_id, []).append(task)
        rows = []
        for module in plan.modules:
            rows.append(RaciRow("module", module.id, module))
            rows += [RaciRow("task", t.id, t, True) for t in by_module.get(module.id, [])]
        rows += [RaciRow("task", t.id, t) for t in by_module.get(None, [])]
        return rows

    def row_key(self, row: RaciRow):
        return row[:2]  # (kind, id)

    def letter(self, row: RaciRow, team_id: int) -> str | None:
        return self._letters.get(((row.kind, row.id), team_id))

    def division(self, module_id: int, key: str) -> str:
        row = self._division.get(module_id)
        return getattr(row, key) if row else ""

    def problem_text(self, row: RaciRow) -> str:
        return "; ".join(tr(ISSUE_TEXT[i.kind]) for i in self.issues.get((row.kind, row.id), []))

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].key in dict(DIVISION) and self.row_at(index.row()).kind != "module":
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self.row_at(index.row()).kind == "module":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and self.columns[index.column()].kind == "letter":
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)

    def decorate(self, row, column, role):
        problems = self.issues.get((row.kind, row.id))
        if problems and role == Qt.ItemDataRole.BackgroundRole and column.key in ("item", "problems"):
            return theme.status_colour("bad")
        if problems and role == Qt.ItemDataRole.ToolTipRole:
            return self.problem_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "letter":
            return tr("Double-click to cycle R → A → C → I → empty, press R, A, C, I or Delete, or right-click")
        if role == Qt.ItemDataRole.BackgroundRole and column.key == "item" and row.kind == "module":
            return theme.status_colour("header")
        return None


class RaciTable(QTableView):
    """A click selects a team cell; a double-click cycles its letter, the keys R, A, C, I set it,
    Delete clears it, and the right-click menu offers each letter."""

    def __init__(self, model: RaciModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.doubleClicked.connect(self._on_self_doubleClicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_customContextMenuRequested)

    def _letter_index(self, index) -> bool:
        return index.isValid() and self.model().columns[index.column()].kind == "letter"

    def _on_self_doubleClicked(self, index) -> None:
        if self._letter_index(index) and index.flags() & Qt.ItemFlag.ItemIsEditable:
            model = self.model()
            current = model.letter(model.row_at(index.row()), int(model.columns[index.column()].key.split(":")[1]))
            model.setData(index, NEXT_LETTER[current] or "")

    def letter_menu(self, index) -> QMenu | None:
        """R, A, C, I and Clear for one team cell (None when the cell takes no letter)."""
        if not self._letter_index(index) or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return None
        menu = QMenu(self)
        for letter, text in (("R", tr("R – responsible (does the work)")), ("A", tr("A – accountable (signs off)")),
                             ("C", tr("C – consulted")), ("I", tr("I – informed")), ("", tr("Clear"))):
            action = menu.addAction(text)
            action.setCheckable(bool(letter))
            action.setChecked(bool(letter) and index.data() == letter)
            action.triggered.connect(lambda _c=False, v=letter, i=QPersistentModelIndex(index):
                                     self.model().setData(self.model().index(i.row(), i.column()), v))
        return menu

    def _on_self_customContextMenuRequested(self, pos) -> None:
        index = self.indexAt(pos)
        menu = self.letter_menu(index)
        if menu is not None:
            self.setCurrentIndex(index)
            menu.exec(self.viewport().mapToGlobal(pos))

    def keyPressEvent(self, event) -> None:
        index = self.currentIndex()
        text = event.text().upper()
        if self._letter_index(index) and (text in LETTERS or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            self.model().setData(index, text if text in LETTERS else "")
            return
        super().keyPressEvent(event)

    def edit(self, index, trigger=QTableView.EditTrigger.AllEditTriggers, event=None):
        if self._letter_index(index) and trigger != QTableView.EditTrigger.AllEditTriggers:
            return False  # letters change by click or key, not through a text editor
        return super().edit(index, trigger, event)


class RaciView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = RaciModel(controller, self)
        self.model.refresh_when_shown(self)  # behind another tab: refreshed when shown
        self.table = RaciTable(self.model, self)
        self.table.setItemDelegate(SpecDelegate(self.model, self.table))
        self.table.setWordWrap(False)
        self.load_label = QLabel(self)
        self.load_label.setWordWrap(True)
        self.load_label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        hint = QLabel(tr("Double-click a team cell to cycle R → A → C → I, type R, A, C, I, or right-click; "
                         "Delete clears. "
                         "Rows breaking a rule are red; the last column says why."), self)
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        self.add_team_button = QPushButton(tr("Add team…"), self)
        self.add_team_button.setToolTip(tr("A new team gets its own RACI column"))
        self.add_team_button.clicked.connect(lambda: teams_dialog.add_team(self, self.controller))
        self.teams_button = QPushButton(tr("Teams…"), self)
        self.teams_button.setToolTip(tr("Rename, merge or delete teams, seeing first what uses them"))
        self.teams_button.clicked.connect(lambda: teams_dialog.manage_teams(self, self.controller))
        top.addWidget(self.add_team_button)
        top.addWidget(self.teams_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.load_label)
        self.model.modelReset.connect(self._refresh)
        self.model.dataChanged.connect(lambda *_: self._refresh())
        self._refresh()

    def _refresh(self) -> None:
        metrics = self.table.horizontalHeader().fontMetrics()
        for number, spec in enumerate(self.model.columns):  # team names must not be clipped
            self.table.setColumnWidth(number, max(spec.width, metrics.horizontalAdvance(spec.title()) + 18))
        if self.controller.project is None:
            return
        # The label wraps between teams, never inside one ("C 0 · I" on one line and "0" on the
        # next was unreadable; Chinese names would otherwise break between any two characters).
        parts = [f'<span style="white-space:nowrap"><b>{html.escape(load.team)}</b>: '
                 f"R {load.r} · A {load.a} · C {load.c} · I {load.i}</span>"
                 for load in rules.team_loads(self.controller.plan())]
        self.load_label.setText(tr("Team load") + ": " + " &nbsp;| ".join(parts))
