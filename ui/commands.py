"""Undo commands. Each redo and each undo is exactly one core service call."""

from __future__ import annotations

import weakref
from typing import Any, Callable

from PySide6.QtGui import QUndoCommand
from sqlmodel import SQLModel

from planner.errors import PlannerError
from planner.services import journal, rows
from ui.messages import user_message


class ServiceCommand(QUndoCommand):
    """Base: subclasses implement `do()` and `undo_()`, each returning Changes via the controller.

    If `do()` raises a PlannerError on the first redo, the command is marked obsolete so the
    stack drops it, and the controller re-raises the error for the view to show. A later
    failure (e.g. the plan became read-only) is reported on `controller.error`.
    """

    def __init__(self, controller, text: str):
        super().__init__(text)
        # Weakly: the controller's undo stack owns this command on the C++ side, so a strong
        # reference back is one more cycle through C++ (controller -> QUndoStack -> command ->
        # controller) that only the cyclic collector can break (see DocumentController.__del__).
        self._controller = weakref.ref(controller)
        self.last = None
        self.error: PlannerError | None = None
        self._pushed = False

    @property
    def controller(self):
        return self._controller()

    def redo(self) -> None:
        try:
            self.last = self.do()
        except PlannerError as exc:
            if not self._pushed:
                self.error = exc
                self.setObsolete(True)
            else:
                self.controller.error.emit(user_message(exc))
        self._pushed = True

    def undo(self) -> None:
        try:
            self.undo_()
        except PlannerError as exc:
            self.controller.error.emit(user_message(exc))

    def do(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_(self):  # pragma: no cover - abstract
        raise NotImplementedError


class JournalCommand(ServiceCommand):
    """Any journaled service (planner/services): undo and redo replay the recorded patches.

    The first redo runs the service; each later undo or redo is one `journal.undo` call with
    the patch the previous call returned, so ids stay the same across undo and redo.
    `patch_table` says the service only edits non-key fields of that table's rows (fast path).
    """

    def __init__(self, controller, text: str, service: Callable, *args: Any,
                 patch_table: type[SQLModel] | None = None, **kwargs: Any):
        super().__init__(controller, text)
        self.service, self.args, self.kwargs, self.patch_table = service, args, kwargs, patch_table
        self._patch = None

    def do(self):
        if self._patch is None:
            changes = self.controller.run_service(self.service, *self.args, patch_table=self.patch_table,
                                                  **self.kwargs)
        else:
            changes = self.controller.run_service(journal.undo, self._patch, patch_table=self.patch_table)
        self._patch = changes.undo
        return changes

    def undo_(self):
        changes = self.controller.run_service(journal.undo, self._patch, patch_table=self.patch_table)
        self._patch = changes.undo
        return changes


class EditFields(ServiceCommand):
    """Set fields of one row (a cell edit)."""

    def __init__(self, controller, text: str, table: type[SQLModel], row_id: int, **values: Any):
        super().__init__(controller, text)
        self.table, self.row_id, self.values = table, row_id, values
        self._undo = None

    def do(self):
        changes = self.controller.run_service(
            rows.update_fields, self.table, self.row_id, patch_table=self.table, **self.values)
        self._undo = changes.undo
        return changes

    def undo_(self):
        return self.controller.run_service(rows.undo_update, self._undo, patch_table=self.table)
