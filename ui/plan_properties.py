"""Plan properties (File > Plan properties…, and on File > New): name, start, status date, holidays, week numbering, language.

The status date (统计日期) is the "today" of progress, lateness, charts and reports; left on
"today" the plan follows the real date. One OK is one undo step.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout,
    QWidget, QLabel,
)

from planner import model as m
from planner.services import programme as programme_service
from ui.commands import JournalCommand


def tr(text: str) -> str:
    return QCoreApplication.translate("PlanProperties", text)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PlanPropertiesDialog(QDialog):
    def __init__(self, programme, parent: QWidget | None = None, *, new_plan: bool = False):
        super().__init__(parent)
        self.setWindowTitle(tr("New plan") if new_plan else tr("Plan properties"))
        self.programme = programme
        self.name = QLineEdit(programme.name, self)
        self.start = QDateEdit(_qdate(programme.start_date), self)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.status = QDateEdit(_qdate(programme.status_date or dt.date.today()), self)
        self.status.setCalendarPopup(True)
        self.status.setDisplayFormat("yyyy-MM-dd")
        self.follow_today = QCheckBox(tr("Always today"), self)
        self.follow_today.setToolTip(tr("Progress, late flags, charts and reports are judged on the real date"))
        self.follow_today.toggled.connect(lambda on: self.status.setEnabled(not on))
        self.follow_today.setChecked(programme.status_date is None)
        self.status.setEnabled(programme.status_date is not None)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.follow_today)
        self.holidays = QComboBox(self)
        self.holidays.addItem(tr("China (statutory holidays and make-up workdays)"), "CN")
        self.holidays.addItem(tr("None (weekends only)"), "")
        self.holidays.setCurrentIndex(max(0, self.holidays.findData(programme.holiday_region)))
        self.week_numbering = QComboBox(self)
        self.week_numbering.addItem(tr("Programme weeks (week 1 is the plan's first week)"), "programme")
        self.week_numbering.addItem(tr("ISO 8601 weeks (W01-W53, Monday to Sunday)"), "iso")
        self.week_numbering.setCurrentIndex(max(0, self.week_numbering.findData(programme.week_numbering)))
        self.week_numbering.setToolTip(tr("How the Gantt chart, its printouts and the charts number the weeks"))
        self.language = QComboBox(self)
        self.language.addItem(tr("Chinese"), m.Language.zh.value)
        self.language.addItem(tr("English"), m.Language.en.value)
        self.language.setCurrentIndex(max(0, self.language.findData(programme.language)))
        self.language.setToolTip(tr("The language of workbooks, reports and templates written from this plan"))
        form = QFormLayout()
        form.addRow(tr("Name:"), self.name)
        form.addRow(tr("Start date:"), self.start)
        form.addRow(tr("Status date:"), status_row)
        form.addRow(tr("Holiday calendar:"), self.holidays)
        form.addRow(tr("Week numbering:"), self.week_numbering)
        form.addRow(tr("Template language:"), self.language)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #da3633;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.name.textChanged.connect(lambda _t: self.problem.clear())

    def set_value(self, key: str, value) -> None:
        """What typing in the dialog does (the tests and the guide's screenshots fill it this way)."""
        if key == "name":
            self.name.setText(value)
        elif key == "start_date":
            self.start.setDate(_qdate(value))
        elif key == "status_date":
            self.follow_today.setChecked(value is None)
            if value is not None:
                self.status.setDate(_qdate(value))
        elif key == "holiday_region":
            self.holidays.setCurrentIndex(self.holidays.findData(value))
        elif key == "week_numbering":
            self.week_numbering.setCurrentIndex(self.week_numbering.findData(value))
        elif key == "language":
            self.language.setCurrentIndex(self.language.findData(value))
        else:
            raise KeyError(key)

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "start_date": _pydate(self.start.date()),
            "status_date": None if self.follow_today.isChecked() else _pydate(self.status.date()),
            "holiday_region": self.holidays.currentData(),
            "week_numbering": self.week_numbering.currentData(),
            "language": self.language.currentData(),
        }

    def changes(self) -> dict:
        """Only the fields the user changed (so an OK with nothing changed is no undo step)."""
        return {k: v for k, v in self.values().items() if getattr(self.programme, k) != v}

    def _accept_if_valid(self) -> None:
        if not self.values()["name"]:
            self.problem.setText(tr("The plan needs a name."))
            self.name.setFocus()
            return
        self.accept()


def edit_properties(parent: QWidget, controller, *, new_plan: bool = False) -> bool:
    """Show the dialog on the open plan; OK applies the changed fields as one undo step."""
    if controller.project is None:
        return False
    dialog = PlanPropertiesDialog(controller.plan().programme, parent, new_plan=new_plan)
    if dialog.exec() != QDialog.Accepted:
        return False
    return apply_properties(controller, dialog.changes())


def apply_properties(controller, fields: dict) -> bool:
    if not fields:
        return True
    return controller.try_push(JournalCommand(controller, tr("Plan properties"),
                                              programme_service.update_programme, **fields))


def status_date_text(programme) -> str:
    """For the status bar: the date progress and lateness are judged on."""
    if programme.status_date is None:
        return tr("Status date: today")
    return tr("Status date: %1").replace("%1", programme.status_date.isoformat())


class BaselineDialog(QDialog):
    """Set baseline…: the planned dates and progress of every dated task kept under a name and a date."""

    def __init__(self, programme, parent: QWidget | None = None, *, taken: int = 0):
        super().__init__(parent)
        self.setWindowTitle(tr("Set baseline"))
        day = programme.status_date or dt.date.today()
        self.name = QLineEdit(tr("Baseline %1").replace("%1", str(taken + 1)), self)
        self.day = QDateEdit(_qdate(day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(tr("Name:"), self.name)
        form.addRow(tr("Taken on:"), self.day)
        hint = QLabel(tr("Compare with it in the Gantt: choose it in the baseline box, and its bars are drawn "
                         "under the plan's."), self)
        hint.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #da3633;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(hint)
        box.addWidget(self.problem)
        box.addWidget(buttons)
        self.taken_names = set()

    def values(self) -> tuple[str, dt.date]:
        return self.name.text().strip(), _pydate(self.day.date())

    def _accept_if_valid(self) -> None:
        name = self.values()[0]
        if not name:
            self.problem.setText(tr("The baseline needs a name."))
        elif name in self.taken_names:
            self.problem.setText(tr("There is already a baseline named %1.").replace("%1", name))
        else:
            self.accept()


def set_baseline(parent: QWidget, controller) -> bool:
    if controller.project is None:
        return False
    plan = controller.plan()
    dialog = BaselineDialog(plan.programme, parent, taken=len(plan.baselines))
    dialog.taken_names = {b.name for b in plan.baselines}
    if dialog.exec() != QDialog.Accepted:
        return False
    name, day = dialog.values()
    return controller.try_push(JournalCommand(controller, tr("Set baseline %1").replace("%1", name),
                                              programme_service.take_baseline, name, day))
