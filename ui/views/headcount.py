"""Head-count load: per role or team, by week or month, against the capacity the PM sets.

Left, every role (or team) with its capacity (edit it in place: one undo step), its peak and the
periods it is over; right, the histogram of the selected one (bars over capacity in red) and the
tasks behind the selected bar, each one a double-click away from the task matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSplitter,
    QTableView, QTableWidget, QTableWidgetItem, QToolTip, QVBoxLayout, QWidget,
)

from planner.capacity import MONTH, NO_TEAM, ROLE, TEAM, WEEK, HeadcountLoad, LoadSeries, headcount_load, task_span
from planner.changes import Area
from planner.errors import ParseError
from planner.services import teams as team_services
from ui.commands import JournalCommand
from ui.delegates import SpecDelegate
from ui.table_model import Column, PlanTableModel
from ui.views.histogram import caption, paint_histogram, period_columns

OVER_BACKGROUND = QColor("#fde2e1")


def tr(text: str) -> str:
    return QCoreApplication.translate("Headcount", text)


@dataclass
class _NoTeam:
    """The roles that belong to no team, shown as one row in the per-team table."""

    id: None = None
    name: str = NO_TEAM
    capacity: None = None


def display_name(key: str) -> str:
    return key if key != NO_TEAM else tr("(no team)")


def parse_capacity(text) -> int | None:
    raw = str(text if text is not None else "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ParseError(tr("Write the capacity as a whole number of heads (0 or more), or leave it empty: not %1")
                         .replace("%1", raw), where=raw, key="capacity_value")
    return value


def _set_capacity(model, row, value):
    if row.id is None:
        raise ParseError(tr("Roles without a team have no capacity of their own: set it on each role."),
                         key="capacity_no_team")
    new = parse_capacity(value)
    if new == getattr(row, "capacity", None):
        return None
    text = tr("Set the capacity of %1 to %2").replace("%1", row.name).replace(
        "%2", str(new) if new is not None else tr("none"))
    return JournalCommand(model.controller, text, team_services.set_capacity, model.by, row.id, new)


def _check_capacity(_model, _row, text: str) -> None:
    parse_capacity(text)


def _series(model, row) -> LoadSeries | None:
    return model.series_of(row.name)


def _peak(model, row):
    series = _series(model, row)
    return series.peak if series is not None else 0


def _over(model, row):
    series = _series(model, row)
    return len(series.over()) if series is not None else 0


def _team_of(model, row):
    team = model.plan.team_by_id.get(row.team_id) if row.team_id is not None else None
    return team.name if team is not None else ""


def _set_team(model, row, value):
    team_id = None if value in (None, "") else int(value)
    if team_id == row.team_id:
        return None
    team = model.plan.team_by_id.get(team_id) if team_id is not None else None
    text = tr("Put role %1 in team %2").replace("%1", row.name).replace("%2", team.name) if team is not None \
        else tr("Take role %1 out of its team").replace("%1", row.name)
    return JournalCommand(model.controller, text, team_services.set_role_team, row.id, team_id)


def _team_choices(model):
    return [(tr("(no team)"), None)] + [(team.name, team.id) for team in model.plan.teams]


def _roles_in(model, row):
    return sum(1 for role in model.plan.roles if role.team_id == row.id) if row.id is not None else \
        sum(1 for role in model.plan.roles if role.team_id is None)


def _capacity(_model, row):
    return getattr(row, "capacity", None)


CAPACITY = Column("capacity", QT_TRANSLATE_NOOP("Column", "Capacity"), 80, get=_capacity, set=_set_capacity,
                  kind="number", check=_check_capacity,
                  tip=QT_TRANSLATE_NOOP("Column", "Heads available per period; empty: not set"))
PEAK = Column("peak", QT_TRANSLATE_NOOP("Column", "Peak heads"), 80, get=_peak, kind="number")
OVER = Column("over", QT_TRANSLATE_NOOP("Column", "Over (periods)"), 90, get=_over, kind="number",
              tip=QT_TRANSLATE_NOOP("Column", "Periods whose load is above the capacity"))
ROLE_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "Role"), 150),
    Column("team", QT_TRANSLATE_NOOP("Column", "Team"), 110, get=_team_of, set=_set_team, kind="choice",
           choices=_team_choices, edit_text=lambda m, r: r.team_id),
    CAPACITY, PEAK, OVER,
]
TEAM_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "Team"), 150, get=lambda m, r: display_name(r.name)),
    Column("roles", QT_TRANSLATE_NOOP("Column", "Roles in team"), 90, get=_roles_in, kind="number"),
    CAPACITY, PEAK, OVER,
]


class CapacityModel(PlanTableModel):
    """Roles (or teams) with their capacity and load; the load is computed with the rows."""

    areas = Area.TASKS | Area.SCHEDULE | Area.TEAMS | Area.PROGRAMME

    def __init__(self, controller, parent=None):
        self.by, self.unit = ROLE, WEEK
        self.columns = ROLE_COLUMNS
        self.load = HeadcountLoad(ROLE, WEEK)
        self._by_key: dict[str, LoadSeries] = {}
        self.visible = lambda: True
        self.stale = False
        super().__init__(controller, parent)

    def set_mode(self, by: str, unit: str) -> None:
        self.by, self.unit = by, unit
        self.beginResetModel()
        self.columns = ROLE_COLUMNS if by == ROLE else TEAM_COLUMNS
        self.endResetModel()
        self.reload()

    def prepare(self) -> None:
        plan = self.controller.plan()
        self.load = headcount_load(plan, self.controller.schedule(), by=self.by, unit=self.unit)
        self._by_key = {s.key: s for s in self.load.series}
        self.stale = False

    def collect(self, plan) -> list:
        rows = list(plan.roles) if self.by == ROLE else list(plan.teams)
        if self.by == TEAM and NO_TEAM in self._by_key:
            rows.append(_NoTeam())
        order = {s.key: n for n, s in enumerate(self.load.series)}  # the heaviest load first
        return sorted(rows, key=lambda r: (order.get(r.name, len(order)), r.name))

    def row_key(self, row):
        return (type(row).__name__, getattr(row, "id", None), row.name)

    def series_of(self, key: str) -> LoadSeries | None:
        return self._by_key.get(key)

    def decorate(self, row, column, role):
        series = self.series_of(row.name)
        over = series is not None and bool(series.over())
        if role == Qt.ItemDataRole.BackgroundRole and over and column.key in ("over", "peak", "capacity"):
            return QBrush(OVER_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "capacity":
            if row.id is None:
                return tr("Roles without a team have no capacity of their own: set it on each role.")
            return tr("Heads %1 has per period; empty: not set").replace("%1", display_name(row.name))
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and self._rows[index.row()].id is None:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def _on_controller_changed(self, changes) -> None:
        if not changes.areas & self.areas:
            return
        if not self.visible():  # a hidden view catches up when it is shown (edits stay fast)
            self.stale = True
            return
        self.reload()


class HistogramWidget(QWidget):
    """The bars of one series; a click selects a bar, a double-click (or Enter) lists its tasks."""

    bar_selected = Signal(int)
    bar_activated = Signal(int)

    MIN_BAR = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("headcount_histogram")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.load: HeadcountLoad | None = None
        self.series: LoadSeries | None = None
        self.selected = -1
        self.chart_font = self.font()  # the app's, with the CJK font it registers (ui/app.py)
        self.chart_font.setPixelSize(12)
        self.setMinimumHeight(220)

    def set_series(self, load: HeadcountLoad, series: LoadSeries | None, selected: int = -1) -> None:
        self.load, self.series = load, series
        self.selected = selected if series is not None and 0 <= selected < len(load.periods) else -1
        self.setMinimumWidth(int(60 + self.MIN_BAR * len(load.periods)))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        if self.load is None or self.series is None or not self.load.periods:
            p.setPen(QColor("#57606a"))
            p.drawText(self.rect(), int(Qt.AlignCenter | Qt.TextWordWrap),
                       tr("No task has roles with head-counts and dates: nothing to count."))
            return
        paint_histogram(p, self.chart_rect(), self.load, self.series, self.chart_font, self.selected)

    def chart_rect(self):
        return self.rect().adjusted(4, 4, -4, -4).toRectF()

    @property
    def columns(self):
        """Each period's column on screen, for clicks (and tests)."""
        if self.load is None or self.series is None:
            return []
        return period_columns(self.chart_rect(), len(self.load.periods))

    def index_at(self, x: float) -> int:
        for n, column in enumerate(self.columns):
            if column.left() <= x < column.right():
                return n
        return -1

    def select(self, index: int, *, activate: bool = False) -> None:
        if self.series is None or not 0 <= index < len(self.load.periods):
            return
        self.selected = index
        self.update()
        self.bar_selected.emit(index)
        if activate:
            self.bar_activated.emit(index)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.select(self.index_at(event.position().x()))
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self.select(self.index_at(event.position().x()), activate=True)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        n = self.index_at(event.position().x())
        if n >= 0 and self.series is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.bar_text(n), self)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.series is not None:
            step = -1 if key == Qt.Key.Key_Left else 1
            self.select(min(len(self.load.periods) - 1, max(0, self.selected + step)))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected >= 0:
            self.select(self.selected, activate=True)
        else:
            super().keyPressEvent(event)

    def bar_text(self, index: int) -> str:
        heads, capacity = self.series.heads[index], self.series.capacity
        text = tr("%1: %2 heads").replace("%1", self.load.period_text(index)).replace("%2", str(heads))
        if capacity is not None:
            text += " " + tr("(capacity %1)").replace("%1", str(capacity))
        return text


TASK_HEADERS = (QT_TRANSLATE_NOOP("Headcount", "ID"), QT_TRANSLATE_NOOP("Headcount", "Task"),
                QT_TRANSLATE_NOOP("Headcount", "Role"), QT_TRANSLATE_NOOP("Headcount", "Heads"),
                QT_TRANSLATE_NOOP("Headcount", "Start"), QT_TRANSLATE_NOOP("Headcount", "End"))


class HeadcountView(QWidget):
    """The head-count histogram tab."""

    open_task_requested = Signal(int)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.by_box = QComboBox(self)
        self.by_box.setObjectName("headcount_by")
        self.by_box.addItem(tr("Per role"), ROLE)
        self.by_box.addItem(tr("Per team"), TEAM)
        self.unit_box = QComboBox(self)
        self.unit_box.setObjectName("headcount_unit")
        self.unit_box.addItem(tr("By week"), WEEK)
        self.unit_box.addItem(tr("By month"), MONTH)
        self.summary = QLabel(self)
        self.summary.setObjectName("headcount_summary")
        bar = QHBoxLayout()
        bar.addWidget(self.by_box)
        bar.addWidget(self.unit_box)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)

        self.model = CapacityModel(controller, self)
        self.model.refresh_when_shown(self)  # behind another tab: refreshed when shown
        self.model.visible = self.isVisible
        self.table = QTableView(self)
        self.table.setObjectName("headcount_capacity")
        self.table.setModel(self.model)
        self.table.setItemDelegate(SpecDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.caption = QLabel(self)
        self.caption.setObjectName("headcount_caption")
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.histogram = HistogramWidget(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.histogram)
        self.scroll.setMinimumHeight(240)
        self.tasks_label = QLabel(tr("Click a bar to list the tasks behind it."), self)
        self.tasks_label.setObjectName("headcount_tasks_label")
        self.tasks = QTableWidget(0, len(TASK_HEADERS), self)
        self.tasks.setObjectName("headcount_tasks")
        self.tasks.setHorizontalHeaderLabels([tr(h) for h in TASK_HEADERS])
        self.tasks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tasks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks.verticalHeader().hide()
        self.tasks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton(tr("Show in task matrix"), self)
        self.open_button.setObjectName("headcount_open_task")
        self.open_button.setEnabled(False)
        tasks_bar = QHBoxLayout()
        tasks_bar.addWidget(self.tasks_label, 1)
        tasks_bar.addWidget(self.open_button)

        right = QWidget(self)
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.caption)
        box.addWidget(self.scroll, 3)
        box.addLayout(tasks_bar)
        box.addWidget(self.tasks, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([500, 940])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.by_box.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.unit_box.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())
        self.model.modelReset.connect(self._after_reload)
        self.model.layoutChanged.connect(self._after_reload)
        self.model.dataChanged.connect(lambda *_a: self._after_reload())
        self.histogram.bar_selected.connect(self._show_bar)
        self.histogram.bar_activated.connect(self._bar_activated)
        self.tasks.itemDoubleClicked.connect(lambda _item: self.open_selected_task())
        self.tasks.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(bool(self.tasks.selectionModel().selectedRows())))
        self.open_button.clicked.connect(lambda _c=False: self.open_selected_task())
        self._key: str | None = None
        self._bar = -1
        self._after_reload()

    # --- state ----------------------------------------------------------------------------
    @property
    def load(self) -> HeadcountLoad:
        return self.model.load

    def current_series(self) -> LoadSeries | None:
        return self.model.series_of(self._key) if self._key is not None else None

    def select_key(self, key: str) -> None:
        """Show the role or team named `key` (selects its row)."""
        row = self.model.row_of(lambda r: r.name == key)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def set_mode(self, by: str, unit: str) -> None:
        self.by_box.setCurrentIndex(self.by_box.findData(by))
        self.unit_box.setCurrentIndex(self.unit_box.findData(unit))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.model.stale:
            self.model.reload()

    def _mode_changed(self) -> None:
        self.model.set_mode(self.by_box.currentData(), self.unit_box.currentData())
        self._key, self._bar = None, -1  # the periods and rows are others now: start from the heaviest
        self._after_reload()

    def _after_reload(self) -> None:
        rows = self.model.rowCount()
        if self._key is None or self.model.row_of(lambda r: r.name == self._key) < 0:
            with_load = [self.model.row_at(n) for n in range(rows) if self.model.series_of(self.model.row_at(n).name)]
            self._key = with_load[0].name if with_load else None
        row = self.model.row_of(lambda r: r.name == self._key) if self._key is not None else -1
        if row >= 0 and self.table.currentIndex().row() != row:
            blocker = self.table.selectionModel().blockSignals(True)
            self.table.setCurrentIndex(self.model.index(row, max(0, self.table.currentIndex().column())))
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(blocker)
        self._update_summary()
        self._refresh_histogram()

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        key = self.model.row_at(index.row()).name
        if key != self._key:
            self._key, self._bar = key, -1
        self._refresh_histogram()

    def _refresh_histogram(self) -> None:
        series = self.current_series()
        if self._key is not None and series is None:  # a role with no load: an empty series to show
            series = LoadSeries(self._key, self._capacity_of(self._key), [0] * len(self.load.periods),
                                [[] for _ in self.load.periods])
        if series is not None and self._bar < 0 and series.peak:
            # the first over-allocated bar (else the first at the peak), its tasks listed at once
            self._bar = series.over()[0] if series.over() else series.heads.index(series.peak)
        self.histogram.set_series(self.load, series, self._bar)
        self.caption.setText(caption(series, display_name(series.key)) if series is not None else "")
        self._show_bar(self.histogram.selected)

    def _capacity_of(self, key: str):
        row = self.model.row_of(lambda r: r.name == key)
        return getattr(self.model.row_at(row), "capacity", None) if row >= 0 else None

    def _update_summary(self) -> None:
        over = self.load.over_allocations()
        keys = {key for key, *_ in over}
        if not self.load.series:
            text = tr("No task has roles with head-counts and dates: nothing to count.")
        elif over:
            text = (tr("Roles over capacity: %1 · bars over capacity: %2") if self.model.by == ROLE
                    else tr("Teams over capacity: %1 · bars over capacity: %2")).replace("%1", str(len(keys))) \
                .replace("%2", str(len(over)))
        elif any(s.capacity is not None for s in self.load.series):
            text = tr("No bar is over capacity.")
        else:
            text = tr("Set a capacity (heads per period) in the table to see over-allocation.")
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c62828" if over else "")

    # --- the tasks behind a bar ---------------------------------------------------------
    def tasks_behind(self, index: int | None = None) -> list:
        index = self.histogram.selected if index is None else index
        series = self.current_series()
        if series is None or not 0 <= index < len(self.load.periods):
            return []
        return self.load.tasks_behind(series.key, index)

    def _show_bar(self, index: int) -> None:
        self._bar = index
        entries = self.tasks_behind(index)
        self.tasks.setRowCount(0)
        series = self.current_series()
        if series is None or index < 0:
            self.tasks_label.setText(tr("Click a bar to list the tasks behind it."))
            self.open_button.setEnabled(False)
            return
        heads = series.heads[index]
        self.tasks_label.setText(tr("%1 in %2: %3 heads from %4 tasks").replace("%1", display_name(series.key))
                                 .replace("%2", self.load.period_text(index)).replace("%3", str(heads))
                                 .replace("%4", str(len({e.task_id for e in entries}))))
        plan, schedule = self.controller.plan(), self.controller.schedule()
        self.tasks.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            task = plan.task_by_id.get(entry.task_id)
            span = task_span(task, schedule) if task is not None else None
            values = (entry.code, entry.name, entry.role, str(entry.headcount),
                      span[0].isoformat() if span else "", span[1].isoformat() if span else "")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, entry.task_id)
                if column == 3:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.tasks.setItem(row, column, item)
        self.tasks.resizeColumnsToContents()
        self.tasks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.open_button.setEnabled(False)

    def _bar_activated(self, _index: int) -> None:
        if self.tasks.rowCount():
            self.tasks.setFocus()
            self.tasks.selectRow(0)

    def open_selected_task(self) -> None:
        rows = self.tasks.selectionModel().selectedRows()
        if not rows:
            return
        task_id = self.tasks.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        self.open_task_requested.emit(int(task_id))
