"""The base `QAbstractTableModel` adapter: column specs as data, edits as undo commands.

Each domain table gets a small subclass listing its `Column`s and how rows are collected
from the plan snapshot. Filtering and sorting happen here in Python (one key per row), which
keeps 10,000-row plans responsive without a proxy calling `data()` per comparison.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QUndoCommand

from planner.changes import Area, Changes
from planner.errors import PlannerError
from ui.hidden_refresh import HiddenRefresh
from ui.messages import user_message

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value a column sorts by

# looked up once: `data` and `flags` are asked for every painted cell (roles as plain ints)
_DISPLAY, _EDIT, _TOOLTIP = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole),
                             int(Qt.ItemDataRole.ToolTipRole))
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _ALIGNMENT, int(SORT_ROLE), int(Qt.ItemDataRole.BackgroundRole),
                    int(Qt.ItemDataRole.ForegroundRole)})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class Column:
    """One column: translated label, how to read a row, and how an edit becomes a command."""

    key: str
    label: str  # source text; translated in the "Column" context
    width: int = 120
    get: Callable[[Any, Any], Any] | None = None  # (model, row) -> display value
    set: Callable[[Any, Any, Any], QUndoCommand | None] | None = None  # (model, row, value)
    edit_text: Callable[[Any, Any], Any] | None = None  # (model, row) -> editor value
    kind: str = "text"  # text | multiline | choice | percent | number | bool
    tip: str = ""
    choices: Callable[[Any], list[tuple[str, Any]]] | None = None  # model -> [(label, value)]
    check: Callable[[Any, Any, str], None] | None = None  # (model, row, text) raises while typing
    sort: Callable[[Any, Any], Any] | None = None  # (model, row) -> sort value when the text misleads
    paste: Callable[[Any, Any, str], Any] | None = None  # (model, row, pasted text) -> value for `set`
    cleared: Any = None  # the value Delete puts in the cell; None: the column cannot be emptied

    @property
    def editable(self) -> bool:
        return self.set is not None

    def title(self) -> str:
        return QCoreApplication.translate("Column", self.label)


class PlanTableModel(QAbstractTableModel):
    areas: Area = Area.ALL
    columns: list[Column] = []

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self._filter: Callable[[Any], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.last_error = ""
        self._hidden_refresh: HiddenRefresh | None = None
        self._flags: tuple | None = None  # (state, flags per column): `column_flags`
        self.inserted = range(0)
        """The rows the last reload inserted (a row just added is looked for there first)."""
        controller.changed.connect(self._on_controller_changed)
        controller.document_replaced.connect(self.reload)
        self.reload()

    # --- to implement --------------------------------------------------------------
    def collect(self, plan) -> list[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def decorate(self, row: Any, column: Column, role: int) -> Any:
        """Background, foreground and tooltip hints; None for the default."""
        return None

    def prepare(self) -> None:
        """Recompute per-plan caches (called before rows are collected or repainted)."""

    # --- rows ------------------------------------------------------------------------
    @property
    def plan(self):
        return self.controller.plan()

    def refresh_when_shown(self, view) -> None:
        """While `view` is on a hidden tab, edits only mark the rows out of date; showing it reloads."""
        self._hidden_refresh = HiddenRefresh(view, self.reload)

    def catch_up(self) -> None:
        """Bring rows left out of date behind a hidden tab up to date now."""
        if self._hidden_refresh is not None:
            self._hidden_refresh.catch_up()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def visible_rows(self) -> list[Any]:
        self.catch_up()
        return list(self._rows)

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        self.catch_up()
        for number, row in enumerate(self._rows):
            if predicate(row):
                return number
        return -1

    def row_key(self, row: Any) -> Any:
        """What identifies a row across reloads (keeps the current cell and selection)."""
        return (type(row).__name__, getattr(row, "id", None))

    def row_keys(self, rows: list[Any]) -> list[Any]:
        """`row_key` of every row (a subclass may read them column-wise)."""
        return [self.row_key(r) for r in rows]

    def reload(self) -> None:
        """Re-read the rows; the same rows in a new state keep the view's current cell."""
        if self._hidden_refresh is not None:
            self._hidden_refresh.pending = False
        old_rows, old_columns = self._rows, len(self.columns)
        old_titles = [(c.key, c.label) for c in self.columns]
        self.inserted = range(0)
        if self.controller.project is None:
            new_all = []
        else:
            self.prepare()
            new_all = self.collect(self.plan)
        new_rows = self._arrange(new_all)
        if old_rows and new_rows and old_titles == [(c.key, c.label) for c in self.columns]:
            if self._insert_or_remove(old_rows, new_all, new_rows):
                return
        same_shape = bool(old_rows) and len(self.columns) == old_columns and len(old_rows) == len(new_rows)
        old_keys = self.row_keys(old_rows) if same_shape else []
        new_keys = self.row_keys(new_rows) if same_shape else []
        if same_shape and (old_keys == new_keys or set(old_keys) == set(new_keys)):
            self.layoutAboutToBeChanged.emit()
            self._all, self._rows = new_all, new_rows
            position = {k: n for n, k in enumerate(new_keys)}
            for persistent in self.persistentIndexList():
                if persistent.isValid() and persistent.row() < len(old_keys):
                    row = position[old_keys[persistent.row()]]
                    self.changePersistentIndex(persistent, self.index(row, persistent.column()))
            self.layoutChanged.emit()
            self.dataChanged.emit(self.index(0, 0), self.index(len(new_rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self._all, self._rows = new_all, new_rows
        self.endResetModel()

    def _insert_or_remove(self, old_rows: list, new_all: list, new_rows: list) -> bool:
        """Rows added or removed in one run, the others the same in the same order: insert or remove
        just those rows (the view keeps its selection and scroll, nothing is re-laid out); False
        when more changed."""
        first, old_end, new_end = _changed_run(old_rows, new_rows, self.row_key)
        if old_end != first and new_end != first:
            return False  # rows replaced in the middle
        if new_end > first:
            self.inserted = range(first, new_end)
            self.beginInsertRows(QModelIndex(), first, new_end - 1)
            self._all, self._rows = new_all, new_rows
            self.endInsertRows()
        elif old_end > first:
            self.beginRemoveRows(QModelIndex(), first, old_end - 1)
            self._all, self._rows = new_all, new_rows
            self.endRemoveRows()
        else:
            self._all, self._rows = new_all, new_rows
        # Values of other rows may follow from the edit (WBS numbers, roll-ups, float): repaint.
        self.dataChanged.emit(self.index(0, 0), self.index(len(new_rows) - 1, len(self.columns) - 1))
        return True

    def set_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        self.inserted = range(0)
        self.beginResetModel()
        self._filter = predicate
        self._rows = self._arrange(self._all)
        self.endResetModel()

    def _arrange(self, rows: list[Any]) -> list[Any]:
        out = [r for r in rows if self._filter(r)] if self._filter else list(rows)
        if self._sort is not None:
            column, order = self._sort
            spec = self.columns[column]
            value = spec.sort or (lambda model, r: self._value(r, spec))
            out.sort(key=lambda r: _sort_key(value(self, r)),
                     reverse=order == Qt.SortOrder.DescendingOrder)
        return out

    def _on_controller_changed(self, changes: Changes) -> None:
        if not changes.areas & self.areas:
            return
        deferred = self._hidden_refresh
        if deferred is not None and (deferred.defer() or deferred.pending):
            if deferred.pending and not deferred.hidden():
                self.reload()  # out of date, and no Show event will come first
            return
        if self.controller.patched is not None and self._rows:
            # Rows are the same objects, patched in place: repaint, keep selection and order.
            self.prepare()
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
            return
        self.reload()

    # --- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title()
            if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].tip:
                return QCoreApplication.translate("Column", self.columns[section].tip)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._rows):
                return str(section + 1)
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return self.column_flags()[index.column()]

    def column_flags(self) -> list[Qt.ItemFlag]:
        """Each column's flags (editable or not, as the plan is open), computed once per state:
        `flags` is asked for every painted cell."""
        state = (self._read_only(), id(self.columns))
        cached = self._flags
        if cached is None or cached[0] != state:
            editable = not state[0]
            cached = self._flags = (state, [_EDITABLE if c.editable and editable else _SELECTABLE
                                            for c in self.columns])
        return cached[1]

    def _read_only(self) -> bool:
        return self.controller.project is None or self.controller.project.read_only

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():  # most roles a paint asks for: nothing
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row, spec = self._rows[number], self.columns[index.column()]
        if role == _DISPLAY:
            return _display(spec.get(self, row) if spec.get else getattr(row, spec.key, None))
        if role == _EDIT:
            return spec.edit_text(self, row) if spec.edit_text else _display(self._value(row, spec))
        if role == SORT_ROLE:
            return _sort_key(self._value(row, spec))
        if role == _ALIGNMENT:
            return _RIGHT if spec.kind in ("percent", "number") else None
        if role == _TOOLTIP:
            tip = self.decorate(row, spec, role)
            if tip is None and spec.kind not in ("number", "percent", "letter"):
                text = _display(self._value(row, spec))
                return text if len(text) > 12 else None  # long text is elided in the cell
            return tip
        return self.decorate(row, spec, role)  # background, foreground

    def _value(self, row: Any, spec: Column) -> Any:
        return spec.get(self, row) if spec.get else getattr(row, spec.key, None)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        spec = self.columns[index.column()]
        if spec.set is None:
            return False
        try:
            command = spec.set(self, self._rows[index.row()], value)
            if command is None:  # nothing to change
                return False
            self.controller.push(command)
        except PlannerError as exc:
            self.last_error = user_message(exc)
            self.controller.error.emit(self.last_error)
            return False
        return True

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            self._sort = None
        else:
            self._sort = (column, order)
        self.inserted = range(0)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows = self._arrange(self._all)
        position = {id(r): n for n, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if persistent.isValid() and persistent.row() < len(old):
                new_row = position.get(id(old[persistent.row()]), -1)
                self.changePersistentIndex(
                    persistent, self.index(new_row, persistent.column()) if new_row >= 0 else QModelIndex())
        self.layoutChanged.emit()


def _changed_run(old: list, new: list, key: Callable[[Any], Any]) -> tuple[int, int, int]:
    """(first, old_end, new_end): `old[first:old_end]` became `new[first:new_end]`, the rows before
    and after being the same rows (the same object, or the same key) in the same order."""
    n, m = len(old), len(new)
    limit = min(n, m)
    first = 0
    while first < limit and (old[first] is new[first] or key(old[first]) == key(new[first])):
        first += 1
    tail = 0
    while tail < limit - first and (old[n - 1 - tail] is new[m - 1 - tail]
                                    or key(old[n - 1 - tail]) == key(new[m - 1 - tail])):
        tail += 1
    return first, n - tail, m - tail


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _sort_key(value: Any) -> tuple:
    """Sort numbers numerically, blanks last, text by its natural order."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))

