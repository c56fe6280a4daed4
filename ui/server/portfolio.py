"""The portfolio window: the server's plans with their status, and a milestone chart across plans."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ui import i18n
from planner.errors import PlannerError
from ui import settings
from ui.messages import user_message

ADDRESS_KEY = "server/address"


def tr(text: str) -> str:
    return QCoreApplication.translate("Portfolio", text)


STATUS_COLOURS = {"met": "#2e7d32", "on_track": "#1565c0", "at_risk": "#ef6c00", "missed": "#c62828"}


def status_word(status: str) -> str:
    return {"met": tr("met"), "on_track": tr("on track"), "at_risk": tr("at risk"), "missed": tr("missed")}.get(
        status, status)


def role_word(role: str | None) -> str:
    return {"owner": tr("owner"), "editor": tr("editor"), "team": tr("team member"), "viewer": tr("viewer")}.get(
        role or "", tr("no access"))


class MilestoneChart(QWidget):
    """One row per plan, its milestones as diamonds on a shared time axis, coloured by status."""

    ROW = 34
    LEFT = 170

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, list]] = []
        self.setMinimumHeight(160)

    def set_plans(self, statuses) -> None:
        self.rows = [(s.name, s.milestones) for s in statuses if not s.error]
        self.setMinimumHeight(90 + self.ROW * max(len(self.rows), 1))
        self.update()

    def _span(self) -> tuple[dt.date, dt.date] | None:
        days = [p.forecast for _name, points in self.rows for p in points] + \
               [p.planned for _name, points in self.rows for p in points]
        if not days:
            return None
        first, last = min(days), max(days)
        return first, max(last, first + dt.timedelta(days=30))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        span = self._span()
        if span is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("No milestones in these plans."))
            return
        first, last = span
        width = max(self.width() - self.LEFT - 20, 50)

        def x(day: dt.date) -> float:
            return self.LEFT + width * (day - first).days / max((last - first).days, 1)

        top = 30
        painter.setPen(QPen(self.palette().mid().color()))
        year = first.year
        while dt.date(year, 1, 1) <= last:  # quarters along the axis
            for month in (1, 4, 7, 10):
                day = dt.date(year, month, 1)
                if first <= day <= last:
                    painter.drawLine(QPointF(x(day), top - 6), QPointF(x(day), top + self.ROW * len(self.rows)))
                    painter.drawText(QPointF(x(day) + 3, top - 10), f"{year}-Q{(month - 1) // 3 + 1}")
            year += 1
        text_pen = QPen(self.palette().text().color())
        for i, (name, points) in enumerate(self.rows):
            mid = top + self.ROW * i + self.ROW / 2
            painter.setPen(text_pen)
            painter.drawText(QRectF(6, mid - 10, self.LEFT - 12, 20), Qt.AlignmentFlag.AlignVCenter, name)
            for p in points:
                cx = x(p.forecast)
                colour = QColor(STATUS_COLOURS.get(p.status, "#607d8b"))
                painter.setPen(QPen(colour.darker(130)))
                painter.setBrush(QBrush(colour))
                painter.drawPolygon(QPolygonF([QPointF(cx, mid - 7), QPointF(cx + 7, mid), QPointF(cx, mid + 7),
                                               QPointF(cx - 7, mid)]))
        legend_y = top + self.ROW * len(self.rows) + 22  # what the colours mean
        lx = float(self.LEFT)
        for status, colour in STATUS_COLOURS.items():
            painter.setPen(QPen(QColor(colour).darker(130)))
            painter.setBrush(QBrush(QColor(colour)))
            painter.drawPolygon(QPolygonF([QPointF(lx, legend_y - 6), QPointF(lx + 6, legend_y), QPointF(lx, legend_y + 6),
                                           QPointF(lx - 6, legend_y)]))
            painter.setPen(text_pen)
            word = status_word(status)
            painter.drawText(QPointF(lx + 12, legend_y + 5), word)
            lx += 30 + painter.fontMetrics().horizontalAdvance(word)
        painter.end()


class PortfolioDialog(QDialog):
    """Lists the plans of a server; `chosen_url` is the plan to open after Open."""

    COLUMNS = ("plan", "role", "tasks", "late", "off", "raci", "unacknowledged", "next")

    def __init__(self, parent=None, address: str = ""):
        super().__init__(parent)
        self.setWindowTitle(tr("Plans on a server"))
        self.resize(900, 520)
        self.chosen_url: str | None = None
        self.statuses = []
        self.address = QLineEdit(address or str(settings.settings().value(ADDRESS_KEY, "postgresql://localhost/plans")))
        self.address.setPlaceholderText("postgresql://user@host/database")
        self.address.setToolTip(tr("The PMO's PostgreSQL server and database (see docs/server.md)"))
        self.show_button = QPushButton(tr("Show plans"))
        self.show_button.clicked.connect(self.refresh)
        self.address.returnPressed.connect(self.refresh)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("Plan"), tr("Your role"), tr("Tasks"), tr("Late tasks"),
                                              tr("Indicators off target"), tr("RACI problems"), tr("R/A not acknowledged"),
                                              tr("Next milestones")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.accept_selected())
        self.chart = MilestoneChart()
        tabs = QTabWidget()
        tabs.addTab(self.table, tr("Plans"))
        tabs.addTab(self.chart, tr("Milestones across plans"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(tr("Open plan"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.accepted.connect(self.accept_selected)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Server:")))
        row.addWidget(self.address, 1)
        row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    def refresh(self) -> None:
        from planner.server.portfolio import portfolio

        address = self.address.text().strip()
        self.message.setText(tr("Reading the plans on %1 …").replace("%1", address))
        QCoreApplication.processEvents()
        try:
            self.statuses = portfolio(address, lang="zh" if i18n.current_language().startswith("zh") else "en")
        except PlannerError as exc:
            self.statuses = []
            self.message.setText(user_message(exc))
            self._fill()
            return
        settings.settings().setValue(ADDRESS_KEY, address)
        self.message.setText(tr("Plans on the server: %1").replace("%1", str(len(self.statuses))) if self.statuses
                             else tr("No plans on this server yet: publish one with “planner publish FILE.plan ADDRESS”."))
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.statuses))
        for r, s in enumerate(self.statuses):
            nexts = "; ".join(f"{name} {day:%Y-%m-%d} ({status_word(st)})" for name, day, st in s.next_milestones)
            cells = [s.name, role_word(s.role), str(s.tasks) if not s.error else "", str(s.late) if not s.error else "",
                     str(s.off_target) if not s.error else "", str(s.raci_problems) if not s.error else "",
                     str(s.unacknowledged) if not s.error else "", s.error or nexts]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= c <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c in (3, 4, 5, 6) and text not in ("", "0"):
                    item.setForeground(QBrush(QColor("#c62828")))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.statuses:
            self.table.selectRow(0)
        self.chart.set_plans(self.statuses)

    def accept_selected(self) -> None:
        from planner.server.url import parse

        row = self.table.currentRow()
        if row < 0 or row >= len(self.statuses):
            self.message.setText(tr("Choose a plan to open."))
            return
        try:
            self.chosen_url = parse(self.address.text().strip()).with_plan(self.statuses[row].name).raw
        except PlannerError as exc:
            self.message.setText(user_message(exc))
            return
        self.accept()
