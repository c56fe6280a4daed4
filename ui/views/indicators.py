"""Indicators: the statistics template (数据统计模板) as a live table for a chosen period."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import (
    QCoreApplication, QDate, QLocale, QModelIndex, QPersistentModelIndex, QT_TRANSLATE_NOOP, Qt, QTimer,
)
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from planner import model as m
from planner.changes import Area
from planner.errors import ParseError
from planner.services import indicators as services
from ui import indicator_dialog, theme
from ui.commands import JournalCommand
from ui.column_widths import fit_columns
from ui.delegates import SpecDelegate
from ui.indicator_status import deviation_of, reading_status
from ui.indicators_from_cell import indicators_from_cell
from ui.plan_text import format_percent, parse_number
from ui.table_model import Column, PlanTableModel


PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$")


def tr(text: str) -> str:
    return QCoreApplication.translate("Indicators", text)


def _reading_setter(key: str, label: str, convert):
    def setter(model, indicator, value):
        new = convert(value)
        reading = model.reading(indicator)
        if reading is not None and getattr(reading, key) == new:
            return None
        if reading is None and new in (None, "", False):
            return None
        text = tr("Edit %1 of %2 (%3)").replace("%1", QCoreApplication.translate("Column", label)) \
            .replace("%2", indicator.name).replace("%3", model.period)
        return JournalCommand(model.controller, text, services.set_reading, indicator.id, model.period, **{key: new})
    return setter


def _indicator_setter(key: str, label: str):
    def setter(model, indicator, value):
        if getattr(indicator, key) == str(value).strip():
            return None
        text = tr("Edit %1 of %2").replace("%1", QCoreApplication.translate("Column", label)).replace("%2", indicator.name)
        return JournalCommand(model.controller, text, services.update_indicator, indicator.id, **{key: str(value).strip()})
    return setter


def _date(value) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ParseError(tr("Write the test date as YYYY-MM-DD, not %1").replace("%1", text)) from None


def _bool(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "y", "✓", "是", "x")


def _num(model, value) -> str:
    return "" if value is None else QLocale().toString(float(value), "g", 6)


def _signed_deviation(status) -> float | None:
    """Negative when behind what was expected by the test date (the charts' and reports' sign)."""
    gap = deviation_of(status)
    return None if gap is None else -gap


def _reading_value(key):
    return lambda mo, i: getattr(mo.reading(i), key) if mo.reading(i) else None


COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "Indicator"), 180, set=_indicator_setter("name", QT_TRANSLATE_NOOP("Column", "Indicator"))),
    Column("target_text", QT_TRANSLATE_NOOP("Column", "Stage target"), 130,
           set=_indicator_setter("target_text", QT_TRANSLATE_NOOP("Column", "Stage target"))),
    Column("period_value", QT_TRANSLATE_NOOP("Column", "This period"), 90, kind="number",
           get=lambda mo, i: _num(mo, _reading_value("period_value")(mo, i)),
           set=_reading_setter("period_value", QT_TRANSLATE_NOOP("Column", "This period"), parse_number),
           check=lambda mo, i, t: parse_number(t)),
    Column("cumulative_value", QT_TRANSLATE_NOOP("Column", "Cumulative"), 90, kind="number",
           get=lambda mo, i: _num(mo, _reading_value("cumulative_value")(mo, i)),
           set=_reading_setter("cumulative_value", QT_TRANSLATE_NOOP("Column", "Cumulative"), parse_number),
           check=lambda mo, i, t: parse_number(t)),
    Column("achievement", QT_TRANSLATE_NOOP("Column", "Achievement"), 90, kind="percent",
           get=lambda mo, i: format_percent(mo.status(i).rate),
           tip=QT_TRANSLATE_NOOP("Column", "Cumulative value / stage target (computed)")),
    Column("expected", QT_TRANSLATE_NOOP("Column", "Expected to date"), 100, kind="percent",
           get=lambda mo, i: format_percent(mo.status(i).expected) if mo.status(i).rate is not None else "",
           sort=lambda mo, i: mo.status(i).expected if mo.status(i).rate is not None else None,
           tip=QT_TRANSLATE_NOOP("Column", "Share of the stage target expected by the test date (computed)")),
    Column("deviation", QT_TRANSLATE_NOOP("Column", "Deviation"), 90, kind="percent",
           get=lambda mo, i: "" if (d := _signed_deviation(mo.status(i))) is None else f"{d:+.0%}",
           sort=lambda mo, i: _signed_deviation(mo.status(i)),
           tip=QT_TRANSLATE_NOOP("Column", "Achievement against the expected share, as in the reports: "
                                           "below -10% is off target (computed)")),
    Column("test_date", QT_TRANSLATE_NOOP("Column", "Test date"), 100,
           get=lambda mo, i: (QLocale().toString(QDate(d), QLocale.FormatType.ShortFormat)
                              if (d := _reading_value("test_date")(mo, i)) else ""),
           edit_text=lambda mo, i: (d.isoformat() if (d := _reading_value("test_date")(mo, i)) else ""),
           set=_reading_setter("test_date", QT_TRANSLATE_NOOP("Column", "Test date"), _date),
           check=lambda mo, i, t: _date(t)),
    Column("tester", QT_TRANSLATE_NOOP("Column", "Tester"), 90, get=_reading_value("tester"),
           set=_reading_setter("tester", QT_TRANSLATE_NOOP("Column", "Tester"), lambda v: str(v).strip())),
    Column("source", QT_TRANSLATE_NOOP("Column", "Data source"), 140, get=_reading_value("source"),
           set=_reading_setter("source", QT_TRANSLATE_NOOP("Column", "Data source"), lambda v: str(v).strip())),
    Column("exception_note", QT_TRANSLATE_NOOP("Column", "Exception note"), 200, get=_reading_value("exception_note"),
           set=_reading_setter("exception_note", QT_TRANSLATE_NOOP("Column", "Exception note"), lambda v: str(v).strip())),
    Column("verified", QT_TRANSLATE_NOOP("Column", "Verified"), 70, kind="bool", get=_reading_value("verified"),
           set=_reading_setter("verified", QT_TRANSLATE_NOOP("Column", "Verified"), _bool),
           tip=QT_TRANSLATE_NOOP("Column", "Dual-source verification done (type yes/no)")),
]


class IndicatorModel(PlanTableModel):
    areas = Area.INDICATORS | Area.READINGS | Area.STAGES | Area.MODULES
    columns = COLUMNS

    def __init__(self, controller, parent=None):
        self.period = dt.date.today().strftime("%Y-%m")
        super().__init__(controller, parent)

    def collect(self, plan) -> list[m.Indicator]:
        return list(plan.indicators)

    def set_period(self, period: str) -> None:
        self.period = period
        self.reload()

    def reading(self, indicator) -> m.Reading | None:
        for reading in self.plan.readings_of.get(indicator.id, []):
            if reading.period == self.period:
                return reading
        return None

    def status(self, indicator):
        return reading_status(self.plan, indicator, self.reading(indicator))

    def needs_note(self, indicator) -> bool:
        """More than 10% short of what was expected by the reading's date, and not yet explained."""
        reading = self.reading(indicator)
        return self.status(indicator).off_target and not (reading and reading.exception_note.strip())

    def decorate(self, indicator, column, role):
        if column.key == "achievement" and role == Qt.ItemDataRole.BackgroundRole:
            status = self.status(indicator)
            return theme.status_colour(status.level) if status.rate is not None else None
        if column.key == "achievement" and role == Qt.ItemDataRole.ToolTipRole:
            status = self.status(indicator)
            if status.rate is not None:
                return tr("Achievement %1; expected by the test date %2").replace("%1", format_percent(status.rate)) \
                    .replace("%2", format_percent(status.expected))
        if column.key == "deviation" and role == Qt.ItemDataRole.BackgroundRole:
            status = self.status(indicator)
            return theme.status_colour(status.level) if status.rate is not None else None
        if column.key == "exception_note" and self.needs_note(indicator):
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.status_colour("bad")
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("Deviation over 10%: explain the cause and the corrective action here")
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return QCoreApplication.translate("Column", column.tip)
        return None


class IndicatorView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = IndicatorModel(controller, self)
        self.model.refresh_when_shown(self)  # behind another tab: refreshed when shown
        self.period = QComboBox(self)
        self.period.setEditable(True)
        self.period.setToolTip(tr("Reporting period: a month (2025-03) or a week (2025-W12); type a new one"))
        self.period.currentTextChanged.connect(self._on_period_currentTextChanged)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.delegate = SpecDelegate(self.model, self.table)
        self.table.setItemDelegate(self.delegate)
        fit_columns(self.table, self.model.columns)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.delegate.problem.connect(self.message.setText)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Period"), self))
        bar.addWidget(self.period)
        bar.addStretch(1)
        self.add_button = QPushButton(tr("Add indicator…"), self)
        self.add_button.setToolTip(tr("A new indicator: code, name, target as written (≥25 models), module, stage, team"))
        self.add_button.clicked.connect(lambda: indicator_dialog.add_indicator(self, self.controller))
        self.delete_button = QPushButton(tr("Delete indicators…"), self)
        self.delete_button.setToolTip(tr("Delete the selected indicators and their readings"))
        self.delete_button.clicked.connect(
            lambda: indicator_dialog.delete_indicators(self, self.controller, self.selected_indicators()))
        self.from_cell_button = QPushButton(tr("From roadmap cell…"), self)
        self.from_cell_button.setToolTip(tr("Indicators from the lines of a roadmap cell's acceptance indicators, "
                                            "previewed first"))
        self.from_cell_button.clicked.connect(lambda: indicators_from_cell(self, self.controller))
        bar.addWidget(self.add_button)
        bar.addWidget(self.from_cell_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        controller.document_replaced.connect(self._fill_periods)
        controller.changed.connect(self._on_controller_changed)
        self._fill_periods()

    def selected_indicators(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.row_at(r) for r in rows]

    def _fill_periods(self) -> None:
        if self.controller.project is None:
            return
        periods = sorted({r.period for r in self.controller.plan().readings} | {dt.date.today().strftime("%Y-%m")})
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        latest = max((r.period for r in self.controller.plan().readings), default=periods[-1])
        self.period.setCurrentText(latest)
        self.period.blockSignals(False)
        self.model.set_period(latest)

    def _on_period_currentTextChanged(self, text: str) -> None:
        text = text.strip()
        if PERIOD.match(text):
            self.message.setText("")
            self.model.set_period(text)
        elif text:
            self.message.setText(tr("Write a period as a month (2025-03) or a week (2025-W12), not %1").replace("%1", text))

    def _on_controller_changed(self, changes) -> None:
        """A value that leaves the target by more than 10% asks for an exception note."""
        if not changes.areas & Area.READINGS:
            return
        note_column = next(n for n, c in enumerate(self.model.columns) if c.key == "exception_note")
        for row, indicator in enumerate(self.model.visible_rows()):
            if indicator.id in changes.ids and self.model.needs_note(indicator):
                self.message.setText(tr("%1 deviates from its target by more than 10%: please write an exception note.")
                                     .replace("%1", indicator.name))
                index = self.model.index(row, note_column)
                self.table.setCurrentIndex(index)
                if self.isVisible():  # after the current editor has closed
                    QTimer.singleShot(0, lambda i=QPersistentModelIndex(index): self._open_note(QModelIndex(i)))
                return

    def _open_note(self, index: QModelIndex) -> None:
        """Open the note's editor unless the user is already typing in a cell or has moved on."""
        if not index.isValid() or self.table.state() == QAbstractItemView.State.EditingState:
            return
        if self.table.currentIndex() == index:
            self.table.edit(index)
