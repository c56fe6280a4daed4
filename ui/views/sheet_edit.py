"""The task matrix's spreadsheet edits: paste a block from Excel or WPS, clear cells, add from the
blank last row, copy, and ask before deleting tasks others depend on. Each gesture is one undo step.

Pasted text is read as the import reads cells (planner/excel/values: dates, durations, percents,
statuses); a value that cannot be read, or that the plan refuses, is skipped and reported by row
and column, and the rest of the block goes in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.errors import PlannerError
from planner.excel.values import CellError
from ui.messages import user_message
from ui.views.sheet_table import write_block

MAX_REPORTED = 8  # problems named in the status bar; the rest are counted


def tr(text: str) -> str:
    return QCoreApplication.translate("TaskMatrix", text)


class _OneStep:
    """`with _OneStep(stack, text):` — every command pushed inside is one undo step; none, no step."""

    def __init__(self, controller, text: str):
        self.controller, self.text, self.stack = controller, text, controller.undo_stack

    def __enter__(self):
        self.before = self.stack.index()
        self.stack.beginMacro(self.text)
        return self

    def __exit__(self, *_exc) -> None:
        self.stack.endMacro()
        macro = self.stack.command(self.stack.index() - 1)
        if macro is not None and macro.childCount() == 0:  # nothing went in: leave no empty step
            macro.setObsolete(True)
            self.stack.undo()


def _problem(row: int, title: str, exc: Exception | str) -> str:
    reason = user_message(exc) if isinstance(exc, PlannerError) else str(exc)
    return tr("Row %1, %2: %3").replace("%1", str(row + 1)).replace("%2", title).replace("%3", reason)


def _set(view, task_id: int, column: int, text: str, *, clearing: bool = False) -> bool:
    """Put one pasted (or cleared) value into one task's cell; False when there was nothing to change."""
    model, spec = view.model, view.model.columns[column]
    task = view.controller.plan().task_by_id[task_id]
    value = spec.cleared if clearing else spec.paste(model, task, text)
    command = spec.set(model, task, value)
    if command is None:
        return False
    view.controller.push(command)
    return True


def _pasteable(view, row: int, column: int) -> bool:
    spec = view.model.columns[column]
    if spec.paste is None or spec.set is None:
        return False  # a computed column (WBS, float, conflicts): skipped, as a copied row holds them
    return bool(view.model.flags(view.model.index(row, column)) & Qt.ItemFlag.ItemIsEditable)


def paste(view, block: list[list[str]]) -> None:
    """Paste rows of cells at the current cell (or into every selected cell when one value is
    copied); rows past the last task add tasks. One undo step; bad cells reported and skipped."""
    model, table = view.model, view.table
    if not block or model._read_only():
        return
    header = table.horizontalHeader()
    selected = table.selectionModel().selectedIndexes()
    targets: dict[int, list[tuple[int, str]]] = {}  # row -> [(column, text)]
    if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
        for index in selected:
            targets.setdefault(index.row(), []).append((index.column(), block[0][0]))
    else:
        current = table.currentIndex()
        rows = [i.row() for i in selected] or [max(current.row(), 0)]
        visuals = [header.visualIndex(i.column()) for i in selected] or [max(header.visualIndex(current.column()), 0)]
        top, left = min(rows), min(visuals)
        for r, cells in enumerate(block):
            for c, text in enumerate(cells):
                if left + c < header.count():
                    targets.setdefault(top + r, []).append((header.logicalIndex(left + c), text))
    shown = model.visible_rows()
    code_column = next(n for n, spec in enumerate(model.columns) if spec.key == "code")
    problems: list[str] = []
    changed = added = 0
    like = shown[-1] if shown else None
    with _OneStep(view.controller, tr("Paste %1 cells").replace("%1", str(sum(len(v) for v in targets.values())))):
        for row in sorted(targets):
            cells = targets[row]
            if row < len(shown):
                task_id = shown[row].id
            else:  # below the last task: a new one, with the pasted ID if there is one
                code = next((t for c, t in cells if c == code_column and t.strip()), "")
                try:
                    code = model.columns[code_column].paste(model, None, code) if code else ""
                except CellError as exc:
                    problems.append(_problem(row, model.columns[code_column].title(), exc))
                    code = ""
                made = view.push_new_task(like, code)
                if made is None and code:  # the ID is taken or refused: the module's next one, said so
                    problems.append(_problem(row, model.columns[code_column].title(),
                        tr("the ID %1 is already used; the task got the next free ID").replace("%1", code)))
                    made = view.push_new_task(like)
                if made is None:
                    continue
                added += 1
                task_id = view.controller.plan().task_by_code[made].id
                cells = [(c, t) for c, t in cells if c != code_column]
            for column, text in cells:
                spec = model.columns[column]
                if row < len(shown) and not _pasteable(view, row, column):
                    continue
                if spec.paste is None or spec.set is None:
                    continue
                if not text.strip() and spec.cleared is None:
                    continue  # an empty cell leaves a required value (an ID, a date) as it is
                try:
                    changed += _set(view, task_id, column, text, clearing=not text.strip())
                except (PlannerError, CellError) as exc:
                    problems.append(_problem(row, spec.title(), exc))
    summary = tr("Pasted %1 cells; %2 tasks added.").replace("%1", str(changed)).replace("%2", str(added))
    view.tell(summary)
    if problems:
        shown_problems = problems[:MAX_REPORTED]
        more = len(problems) - len(shown_problems)
        text = tr("Skipped %1 pasted cells: ").replace("%1", str(len(problems))) + "; ".join(shown_problems)
        if more:
            text += " " + tr("(and %1 more)").replace("%1", str(more))
        view.paste_problems = problems
        view.controller.error.emit(text)
    else:
        view.paste_problems = []


def clear(view) -> None:
    """Delete/Backspace: empty the selected cells (one undo step); required ones are left and named."""
    model, table = view.model, view.table
    if model._read_only():
        return
    indexes = table.selectionModel().selectedIndexes() or ([table.currentIndex()] if table.currentIndex().isValid() else [])
    kept: list[str] = []
    problems: list[str] = []
    with _OneStep(view.controller, tr("Clear %1 cells").replace("%1", str(len(indexes)))):
        for index in sorted(indexes, key=lambda i: (i.row(), i.column())):
            if model.is_entry_row(index.row()):
                continue
            spec = model.columns[index.column()]
            if spec.set is None or not index.flags() & Qt.ItemFlag.ItemIsEditable:
                continue
            if spec.cleared is None:
                if spec.title() not in kept:
                    kept.append(spec.title())
                continue
            try:
                _set(view, model.row_at(index.row()).id, index.column(), "", clearing=True)
            except (PlannerError, CellError) as exc:
                problems.append(_problem(index.row(), spec.title(), exc))
    if kept:
        view.tell(tr("Not cleared (a task needs them): %1.").replace("%1", ", ".join(kept)))
    if problems:
        view.controller.error.emit("; ".join(problems[:MAX_REPORTED]))


def add_from_blank_row(view, spec, value) -> bool:
    """A value typed in the blank last row: a new task (the module's next ID, or the typed one)."""
    model = view.model
    text = str(value)
    shown = model.visible_rows()
    like = view.current_task() or (shown[-1] if shown else None)
    with _OneStep(view.controller, tr("Add a task")):
        code = ""
        if spec.key == "code":
            try:
                code = spec.paste(model, None, text)
            except CellError as exc:
                view.controller.error.emit(_problem(len(shown), spec.title(), exc))
                return False
        made = view.push_new_task(like, code)
        if made is None:
            return False
        if spec.key != "code":
            task_id = view.controller.plan().task_by_code[made].id
            try:
                _set(view, task_id, model.columns.index(spec), text)
            except (PlannerError, CellError) as exc:
                view.controller.error.emit(_problem(len(shown), spec.title(), exc))
    view.select_task(made)
    return True


def copy(view) -> None:
    """Ctrl+C: the selected cells as Excel writes a block (tab-separated, in the order shown)."""
    table = view.table
    indexes = table.selectionModel().selectedIndexes()
    if not indexes:
        return
    header = table.horizontalHeader()
    rows = sorted({i.row() for i in indexes})
    visuals = sorted({header.visualIndex(i.column()) for i in indexes})
    chosen = {(i.row(), i.column()) for i in indexes}
    block = []
    for row in rows:
        line = []
        for visual in visuals:
            logical = header.logicalIndex(visual)
            line.append(str(view.model.index(row, logical).data() or "") if (row, logical) in chosen else "")
        block.append(line)
    QApplication.clipboard().setText(write_block(block))


def confirm_delete(view, chosen) -> bool:
    """Before deleting tasks others depend on, name those and ask (True: go ahead)."""
    plan = view.controller.plan()
    going = {t.id for t in chosen}
    links = sorted({(plan.task_by_id[d.successor_id].code, plan.task_by_id[d.predecessor_id].code)
                    for d in plan.dependencies if d.predecessor_id in going and d.successor_id not in going
                    and d.successor_id in plan.task_by_id and d.predecessor_id in plan.task_by_id})
    if not links:
        return True
    lines = "\n".join(tr("%1 depends on %2").replace("%1", succ).replace("%2", pred) for succ, pred in links[:12])
    if len(links) > 12:
        lines += "\n" + tr("(and %1 more)").replace("%1", str(len(links) - 12))
    answer = QMessageBox.question(
        view, tr("Delete tasks"),
        tr("Other tasks depend on the tasks you are deleting:\n%1\n\nDelete them anyway? These links are removed too.")
        .replace("%1", lines),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
