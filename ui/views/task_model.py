"""The task matrix adapter: tasks in outline order, summaries foldable, columns from task_columns.

With no filter and no sort the rows are the work breakdown: a summary, then its sub-tasks,
collapsed summaries hiding theirs (the fold state is the controller's, shared with the Gantt).
Folding one summary removes or inserts just its rows, so a 1,000-task summary folds without
resetting the table. Filtering or sorting lists matching tasks flat, as MS Project does.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont

from planner.changes import Area
from planner.columns import columns
from planner.schedule.result import conflicts_by_task
from planner.stages import is_outside, outside_message, stage_windows
from ui import theme
from ui.table_model import PlanTableModel
from ui.views.task_columns import COLUMNS, STATUS_LABELS, conflict_tip, status_label

__all__ = ["TaskTableModel", "STATUS_LABELS", "status_label"]

# a summary's own values are its sub-tasks' roll-up: read-only on its row
_ROLLED_UP = {"span", "duration", "progress", "status", "scheduling"}
_FONT = int(Qt.ItemDataRole.FontRole)


class TaskTableModel(PlanTableModel):
    areas = (Area.TASKS | Area.DEPENDENCIES | Area.SCHEDULE | Area.MODULES | Area.STAGES | Area.PROGRAMME
             | Area.BASELINES)
    columns = COLUMNS
    stage_windows: dict = {}  # stage id -> the days its tasks may use
    add_row = None  # (column, typed value) -> bool: the view adds a task from the blank last row

    def __init__(self, controller, parent=None):
        self._outline = None
        self._wbs: dict[int, str] | None = None
        self._conflicts: tuple[object, dict] | None = None
        self._variances = None
        self._rolled_up: tuple | None = None  # (columns, indices of the rolled-up columns)
        self._bold = QFont()
        self._bold.setBold(True)
        super().__init__(controller, parent)
        controller.outline_toggled.connect(self._on_controller_outline_toggled)
        controller.baseline_chosen.connect(self._on_controller_baseline_chosen)

    # --- the outline -------------------------------------------------------------------
    def prepare(self) -> None:
        self._outline = self.plan.outline if self.controller.project is not None else None
        self._wbs = None
        self._variances = None
        self.stage_windows = stage_windows(self.plan) if self.controller.project is not None else {}

    def collect(self, plan) -> list:
        return list(map(plan.task_by_id.__getitem__, plan.outline.order))

    def row_key(self, task) -> int:
        return task.id

    def row_keys(self, rows: list) -> list[int]:
        return columns(rows, ("id",))[0]  # not the ORM attribute of each of 10,000 rows

    def outline_shown(self) -> bool:
        """True when the rows are the work breakdown (no filter, no sort): indent and fold."""
        return self._filter is None and self._sort is None

    def depth_of(self, task) -> int:
        return self._outline.depth.get(task.id, 0) if self._outline is not None else 0

    def is_summary(self, task) -> bool:
        return self._outline is not None and self._outline.is_summary(task.id)

    def is_collapsed(self, task) -> bool:
        return task.id in self.controller.collapsed

    def wbs_of(self, task) -> str:
        if self._wbs is None:
            self._wbs = self._outline.wbs() if self._outline is not None else {}
        return self._wbs.get(task.id, "")

    def outline_position(self, task) -> int:
        return self._outline.position.get(task.id, 0) if self._outline is not None else 0

    def conflicts_of(self, task) -> list:
        schedule = self.controller.schedule()
        if schedule is None:
            return []
        if self._conflicts is None or self._conflicts[0] is not schedule:
            self._conflicts = (schedule, conflicts_by_task(schedule.conflicts))
        return self._conflicts[1].get(task.id, [])

    def variance_of(self, task):
        """The task's `planner.baselines.Variance` against the compared baseline, or None."""
        if self.controller.project is None:
            return None
        if self._variances is None:
            from planner.baselines import VarianceTable

            self._variances = VarianceTable(self.plan, self.controller.schedule(), self.controller.compared_baseline_id())
        return self._variances.of(task)

    def _on_controller_baseline_chosen(self, _baseline_id) -> None:
        self._variances = None
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def _arrange(self, rows: list) -> list:
        if self.outline_shown() and self._outline is not None and self.controller.collapsed:
            shown = set(self._outline.visible(self.controller.collapsed))
            return [r for r in rows if r.id in shown]
        return super()._arrange(rows)

    def toggle(self, task) -> None:
        """Fold or unfold a summary task (in every view)."""
        if self.is_summary(task):
            self.controller.set_collapsed({task.id}, not self.is_collapsed(task))

    def _on_controller_outline_toggled(self, ids) -> None:
        if not self.outline_shown() or self._outline is None:
            return  # a flat list: folding changes nothing here
        position = self._outline.position
        for task_id in sorted(ids, key=lambda t: position.get(t, 0)):
            self._fold(task_id, task_id in self.controller.collapsed)

    def _fold(self, task_id: int, collapse: bool) -> None:
        """Remove or insert the rows under one summary, leaving every other row (and selection) alone."""
        at = next((n for n, t in enumerate(self._rows) if t.id == task_id), None)
        if at is None:
            return  # inside a collapsed summary: nothing shown changes
        outline, depth = self._outline, self._outline.depth
        if collapse:
            end = at + 1
            while end < len(self._rows) and depth[self._rows[end].id] > depth[task_id]:
                end += 1
            if end > at + 1:
                self.beginRemoveRows(QModelIndex(), at + 1, end - 1)
                del self._rows[at + 1:end]
                self.endRemoveRows()
            return
        shown_below = set(outline.visible(self.controller.collapsed))
        by_id = self.plan.task_by_id
        rows = [by_id[t] for t in outline.descendants(task_id) if t in shown_below]
        if rows:
            self.beginInsertRows(QModelIndex(), at + 1, at + len(rows))
            self._rows[at + 1:at + 1] = rows
            self.endInsertRows()

    # --- the blank last row: typing there adds a task (as in a spreadsheet) ----------------
    def blank_row_shown(self) -> bool:
        return not self._read_only()

    def is_entry_row(self, row: int) -> bool:
        return row == len(self._rows) and self.blank_row_shown()

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self.blank_row_shown() else 0)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical and self.is_entry_row(section):
            if role == Qt.ItemDataRole.DisplayRole:
                return "*"
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("TaskMatrix", "Type here to add a task")
            return None
        return super().headerData(section, orientation, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and self.is_entry_row(index.row()):
            if self.add_row is None or not str(value if value is not None else "").strip():
                return False
            return self.add_row(self.columns[index.column()], value)
        return super().setData(index, value, role)

    # --- Qt --------------------------------------------------------------------------------
    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return super().flags(index)
        number, column = index.row(), index.column()
        base = self.column_flags()[column]
        if number >= len(self._rows):  # the blank last row (or past the end)
            if not self.is_entry_row(number) or self.columns[column].paste is not None:
                return base
            return base & ~Qt.ItemFlag.ItemIsEditable
        if column in self._rolled_up_columns() and self.is_summary(self._rows[number]):
            return base & ~Qt.ItemFlag.ItemIsEditable
        return base

    def _rolled_up_columns(self) -> frozenset[int]:
        cached = self._rolled_up
        if cached is None or cached[0] is not self.columns:
            cached = self._rolled_up = (self.columns, frozenset(
                n for n, c in enumerate(self.columns) if c.key in _ROLLED_UP))
        return cached[1]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == _FONT:
            if index.isValid() and 0 <= index.row() < len(self._rows):
                return self._bold if self.is_summary(self._rows[index.row()]) else None
            return None
        return super().data(index, role)

    def decorate(self, task, column, role):
        key = column.key
        if key in ("span", "stage") and is_outside(task, self.stage_windows):  # flagged, with the reason
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.status_colour("warn")
            if role == Qt.ItemDataRole.ToolTipRole:
                return outside_message(task, self.plan.stage_by_id[task.stage_id], self.plan.programme.start_date)
        if key == "float" and role == Qt.ItemDataRole.ForegroundRole:
            value = column.get(self, task)
            if value is not None and value < 0:
                return theme.colour("bad_text")
        if key == "float" and role == Qt.ItemDataRole.BackgroundRole:
            schedule = self.controller.schedule()
            timing = schedule.timings.get(task.id) if schedule else None
            if timing is not None and timing.critical:
                return theme.colour("warn")
        if key == "conflicts":
            if role == Qt.ItemDataRole.ForegroundRole and self.conflicts_of(task):
                return theme.colour("bad_text")
            if role == Qt.ItemDataRole.ToolTipRole:
                return conflict_tip(self, task)
        if key in ("span", "duration") and role == Qt.ItemDataRole.ForegroundRole and task.start_date is None:
            return theme.colour("muted_text")  # placed by the schedule, not given
        if key in ("start_var", "finish_var", "duration_var") and role == Qt.ItemDataRole.ForegroundRole:
            value = column.sort(self, task)
            if value is not None and value > 0:
                return theme.colour("bad_text")  # later or longer than planned
        if key == "deps" and role == Qt.ItemDataRole.ToolTipRole:
            from PySide6.QtCore import QCoreApplication

            return QCoreApplication.translate("Column", column.tip)
        return None
