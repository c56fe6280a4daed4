"""The task matrix view: filter bar, the task table, add / delete / move, live validation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QTableView, QToolBar, QVBoxLayout, QWidget,
)

from planner import model as m
from planner.changes import Area
from planner.columns import columns
from planner.services import tasks
from ui import baseline_box, outline_actions
from ui.commands import JournalCommand
from ui.column_widths import fitted_width
from ui.views import sheet_edit
from ui.views.outline_delegate import OutlineDelegate
from ui.views.sheet_table import SheetTable, clipboard_text, read_block
from ui.views.task_model import STATUS_LABELS, TaskTableModel, status_label


def tr(text: str) -> str:
    return QCoreApplication.translate("TaskMatrix", text)


class TaskMatrixView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = TaskTableModel(controller, self)
        self.model.refresh_when_shown(self)  # behind another tab: refreshed when shown
        self.model.add_row = self._add_from_blank_row
        self.table = SheetTable(self, self)
        self.table.setModel(self.model)
        self.table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.delegate = OutlineDelegate(self.model, self.table)
        self.table.setItemDelegate(self.delegate)
        header = self.table.horizontalHeader()  # the scope beside the ID, both kept in sight (freeze panes)
        header.moveSection(header.visualIndex(_column(self.model, "name")), header.visualIndex(_column(self.model, "code")) + 1)
        self.frozen = self.table.freeze(header.visualIndex(_column(self.model, "name")) + 1)
        self.frozen.setItemDelegate(OutlineDelegate(self.model, self.frozen))
        self.frozen.itemDelegate().problem.connect(lambda text: self.problem_label.setText(text))
        self.status_text = ""
        self._size_columns()
        controller.document_replaced.connect(self._size_columns)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problem")
        self.problem_label.setStyleSheet("color: #da3633;")
        self.problem_label.setWordWrap(True)
        self.delegate.problem.connect(self.problem_label.setText)
        self.controller.error.connect(self._on_controller_error)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filter_bar())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_label)
        controller.changed.connect(self._on_controller_changed)
        controller.document_replaced.connect(self._fill_filters)
        self._fill_filters()

    def _size_columns(self) -> None:
        """Dated spans ("2025-01-27 至 2025-03-10") need a wider column than week spans."""
        font = self.table.font()
        font.setBold(True)  # summary rows are bold
        metrics = QFontMetrics(font)
        dated = self.controller.project is not None and any(
            t.period_style == m.PeriodStyle.date.value for t in self.controller.plan().tasks)
        for number, spec in enumerate(self.model.columns):
            width = spec.width
            if spec.key == "span" and dated:
                width = max(width, metrics.horizontalAdvance("2025-01-27 至 2025-03-10") + 16)
            self.table.setColumnWidth(number, fitted_width(self.table, number, width))  # never clips its title
        if getattr(self.table, "frozen", None) is not None:
            self.table.frozen.sync_columns()

    # --- filter bar ------------------------------------------------------------------
    def _build_filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.stage_filter, self.module_filter = QComboBox(self), QComboBox(self)
        self.team_filter, self.status_filter = QComboBox(self), QComboBox(self)
        self.owner_filter = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Search tasks…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(tr("Show only tasks whose ID, scope, actions, roles or milestone contain this"))
        # The whole placeholder and the clear button stay visible at the window's minimum width.
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 44)
        # No labels beside the boxes: each box says what it filters ("All owners"), which keeps the
        # bar within the window's minimum width with five filters.
        self._all_text = {}
        self._filled: dict[QComboBox, list] = {}  # the choices each box was last filled with
        for combo, all_text, tip in (
                (self.stage_filter, tr("All stages"), tr("Show only the tasks of one stage")),
                (self.module_filter, tr("All modules"), tr("Show only the tasks of one module")),
                (self.team_filter, tr("All teams"), tr("Show only the tasks a team takes part in")),
                (self.owner_filter, tr("All owners"), tr("Show only the tasks of one owner")),
                (self.status_filter, tr("All statuses"), tr("Show only the tasks with one status"))):
            self._all_text[combo] = all_text
            combo.setToolTip(tip)
            # Long team names must not widen the window: the box elides, its list shows them whole.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self._on_filter_changed)
            bar.addWidget(combo)
        self.search.textChanged.connect(self._on_filter_changed)
        bar.addWidget(self.search, 1)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # Row commands on a tool bar: in a narrow window the last ones fold into its » menu.
        self.row_actions = QToolBar(self)
        self.row_actions.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for text, tip, slot in (
            (tr("Add"), tr("Add a task after the current one (Ctrl+Shift+N)"), self.add_task),
            (tr("Delete"), tr("Delete the selected tasks"), self.delete_selected),
            (tr("Up"), tr("Move the task up among its siblings"), lambda: self.move_current(-1)),
            (tr("Down"), tr("Move the task down among its siblings"), lambda: self.move_current(1)),
            (tr("Outdent"), tr("Move the selected tasks up one outline level (Alt+Shift+Left)"), self.outdent),
            (tr("Indent"), tr("Make the selected tasks sub-tasks of the task above (Alt+Shift+Right)"), self.indent),
        ):
            action = QAction(text, self.table)  # the same commands on a right click
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.table.addAction(action)
            self.row_actions.addAction(action)
        self.row_actions.addSeparator()
        self.baseline_box = baseline_box.make(self.row_actions, self.controller)  # the variance columns' baseline
        self.row_actions.addWidget(self.baseline_box)
        # bound methods, not lambdas: Qt drops a method's connection when this view is deleted,
        # while a lambda would keep the view (and the controller) alive after its window closed
        self.controller.baseline_chosen.connect(self._refill_baseline_box)
        self.controller.document_replaced.connect(self._refill_baseline_box)
        bar.addWidget(self.row_actions)
        return bar

    def _refill_baseline_box(self, *_args) -> None:
        baseline_box.fill(self.baseline_box, self.controller)

    def _fill_filters(self) -> None:
        if self.controller.project is None:
            return
        plan = self.controller.plan()
        self._fill(self.stage_filter, [(s.name, s.id) for s in plan.stages])
        self._fill(self.module_filter, [(x.name, x.id) for x in plan.modules])
        self._fill(self.team_filter, [(t.name, t.id) for t in plan.teams])
        owners = set(columns(plan.tasks, ("owner",))[0])  # read column-wise: this runs after every task edit
        owners.discard(None)
        owners.discard("")
        self._fill(self.owner_filter, [(o, o) for o in sorted(owners)])
        self._fill(self.status_filter, [(status_label(v), v) for v in STATUS_LABELS])

    def _fill(self, combo: QComboBox, items) -> None:
        items = list(items)
        if self._filled.get(combo) == items:
            return  # the same choices (most edits): the box, and its open list, stay as they are
        self._filled[combo] = items
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self._all_text[combo], None)
        for label, value in items:
            combo.addItem(label, value)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)  # whole names in the list
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def _on_filter_changed(self, *_args) -> None:
        stage, module = self.stage_filter.currentData(), self.module_filter.currentData()
        team, status = self.team_filter.currentData(), self.status_filter.currentData()
        owner = self.owner_filter.currentData()
        needle = self.search.text().strip().lower()
        if stage is None and module is None and team is None and status is None and owner is None and not needle:
            self.model.set_filter(None)
            return
        teams = self._teams_by_task() if team is not None else {}

        def keep(task: m.Task) -> bool:
            return ((stage is None or task.stage_id == stage) and (module is None or task.module_id == module)
                    and (status is None or task.status == status)
                    and (team is None or team in teams.get(task.id, ()))
                    and (owner is None or task.owner == owner)
                    and (not needle or needle in _haystack(task)))
        self.model.set_filter(keep)

    def _teams_by_task(self) -> dict[int, set[int]]:
        """Teams responsible or accountable for a task, directly or through its module."""
        plan = self.controller.plan()
        by_module: dict[int, set[int]] = {}
        by_task: dict[int, set[int]] = {}
        for cell in plan.raci:
            if cell.role in ("R", "A"):
                target = by_module if cell.module_id is not None else by_task
                target.setdefault(cell.module_id if cell.module_id is not None else cell.task_id, set()).add(cell.team_id)
        return {t.id: by_task.get(t.id, set()) | by_module.get(t.module_id, set()) for t in plan.tasks}

    def _on_controller_changed(self, changes) -> None:
        self.problem_label.clear()  # an edit went through: the last refusal no longer applies
        if changes.areas & (Area.STAGES | Area.MODULES | Area.TEAMS | Area.TASKS):
            self._fill_filters()
        if changes.areas & Area.BASELINES:
            baseline_box.fill(self.baseline_box, self.controller)

    def _on_controller_error(self, message: str) -> None:
        if self.isVisible():
            self.problem_label.setText(message)

    # --- row actions -----------------------------------------------------------------
    def current_task(self) -> m.Task | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and not self.model.is_entry_row(index.row()) else None

    def add_task(self) -> None:
        current = self.current_task()
        code = self.push_new_task(current, after=current)
        if code is not None:
            self.select_task(code)

    def push_new_task(self, like: m.Task | None, code: str = "", after: m.Task | None = None) -> str | None:
        """Add a task after the way of `like` (its module, stage and week), or of the filters: its
        ID the module's next one unless `code` is given. It goes right below `after` (at its level)
        when given, else last. The new ID, or None when refused."""
        plan = self.controller.plan()
        module_id = like.module_id if like else self.module_filter.currentData()
        if module_id is None and plan.modules:
            module_id = plan.modules[0].id
        stage_id = like.stage_id if like else self.stage_filter.currentData()
        code = code or next_code(plan, module_id)
        start = (like.start_date if like else None) or plan.programme.start_date
        end = start + dt.timedelta(days=6)
        command = JournalCommand(self.controller, tr("Add task %1").replace("%1", code), tasks.add_task, code,
                                 start=start, end=end, module_id=module_id, stage_id=stage_id,
                                 period_style=like.period_style if like else m.PeriodStyle.week.value,
                                 after=after.id if after is not None else None)
        return code if self.controller.try_push(command) else None

    def _add_from_blank_row(self, spec, value) -> bool:
        """Typing in the blank last row adds a task with that value (one undo step)."""
        return sheet_edit.add_from_blank_row(self, spec, value)

    # --- spreadsheet gestures (ui/views/sheet_edit.py) ------------------------------------
    def paste_clipboard(self) -> None:
        self.paste_text(clipboard_text())

    def paste_text(self, text: str) -> None:
        sheet_edit.paste(self, read_block(text))

    def copy_selection(self) -> None:
        sheet_edit.copy(self)

    def clear_selected_cells(self) -> None:
        sheet_edit.clear(self)

    def tell(self, text: str) -> None:
        """A passing note in the window's status bar (what a paste or a clear did)."""
        self.status_text = text
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10000)

    def select_task(self, code: str) -> None:
        # a task just added is among the rows just inserted: look there before the whole table
        shown = self.model.rowCount()
        row = next((r for r in self.model.inserted
                    if r < shown and not self.model.is_entry_row(r) and self.model.row_at(r).code == code), -1)
        if row < 0:
            row = self.model.row_of(lambda t: t.code == code)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def selected_task_ids(self) -> list[int]:
        """Ids of the tasks with a selected cell, in row order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.model.row_at(r).id for r in rows if not self.model.is_entry_row(r)]

    def select_task_ids(self, ids, *, scroll: bool = True) -> None:
        """Select the rows of these tasks (those the filters show); the first becomes current."""
        wanted = set(ids)
        rows = [n for n, t in enumerate(self.model.visible_rows()) if t.id in wanted]
        selection, last = QItemSelection(), self.model.columnCount() - 1
        for first, final in _runs(rows):
            selection.select(self.model.index(first, 0), self.model.index(final, last))
        chooser = self.table.selectionModel()
        chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows and self.table.currentIndex().row() not in rows:
            column = max(self.table.currentIndex().column(), 0)
            chooser.setCurrentIndex(self.model.index(rows[0], column), QItemSelectionModel.SelectionFlag.NoUpdate)
        if rows and scroll:
            self.table.scrollTo(self.model.index(rows[0], max(self.table.currentIndex().column(), 0)))

    def open_task(self, task_id: int) -> None:
        """Show one task (clearing filters that hide it), select its row and edit its scope."""
        if self.model.row_of(lambda t: t.id == task_id) < 0:
            self.clear_filters()
        row = self.model.row_of(lambda t: t.id == task_id)
        if row < 0:
            return
        column = next(n for n, spec in enumerate(self.model.columns) if spec.key == "name")
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            QItemSelection(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.table.edit(index)

    def clear_filters(self) -> None:
        for combo in (self.stage_filter, self.module_filter, self.team_filter, self.owner_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._on_filter_changed()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        chosen = [self.model.row_at(r) for r in rows if not self.model.is_entry_row(r)]
        chosen = chosen or ([self.current_task()] if self.current_task() else [])
        if not chosen or not sheet_edit.confirm_delete(self, chosen):
            return
        codes = ", ".join(t.code for t in chosen)
        stack = self.controller.undo_stack
        stack.beginMacro(tr("Delete %1").replace("%1", codes))
        for task in chosen:
            self.controller.try_push(JournalCommand(self.controller, tr("Delete %1").replace("%1", task.code),
                                                    tasks.delete_task, task.id))
        stack.endMacro()

    def indent(self) -> None:
        outline_actions.indent(self.controller, self.selected_task_ids() or self._current_ids())

    def outdent(self) -> None:
        outline_actions.outdent(self.controller, self.selected_task_ids() or self._current_ids())

    def _current_ids(self) -> list[int]:
        task = self.current_task()
        return [task.id] if task else []

    def move_current(self, step: int) -> None:
        task = self.current_task()
        if task is None:
            return
        outline = self.controller.plan().outline  # among the tasks at its level, under its summary
        siblings = outline.children[outline.parent[task.id]]
        index = siblings.index(task.id) + step
        if not 0 <= index < len(siblings):
            return
        column = self.table.currentIndex().column()
        text = tr("Move %1 up").replace("%1", task.code) if step < 0 else tr("Move %1 down").replace("%1", task.code)
        if self.controller.try_push(JournalCommand(self.controller, text, tasks.move_task, task.id, index)):
            row = self.model.row_of(lambda t: t.code == task.code)
            self.table.setCurrentIndex(self.model.index(row, column))


def next_code(plan, module_id: int | None) -> str:
    """The module's next free task ID ("TP-05"), as `tasks.next_task_code` makes it, from memory."""
    module = plan.module_by_id.get(module_id)
    if module is not None and module.prefix.strip():
        prefix = module.prefix.strip()  # the module's own: no need to look at its tasks' IDs
    else:
        prefix = tasks.module_prefix(module, [t.code for t in plan.tasks if t.module_id == module_id] if module else [])
    # only IDs with that prefix can be the highest one or be taken
    return tasks.code_after([c for c in plan.task_by_code if c.startswith(prefix)], prefix)


def _column(model, key: str) -> int:
    return next(n for n, spec in enumerate(model.columns) if spec.key == key)


def _runs(rows: list[int]):
    """(first, last) of each run of consecutive row numbers: one selection range per run."""
    start = previous = None
    for row in rows:
        if previous is not None and row == previous + 1:
            previous = row
            continue
        if start is not None:
            yield start, previous
        start = previous = row
    if start is not None:
        yield start, previous


def _haystack(task: m.Task) -> str:
    return " ".join((task.code, task.name, task.actions, task.roles_text, task.milestone_text)).lower()
