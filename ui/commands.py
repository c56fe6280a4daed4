"""Undo commands. Each redo and each undo is exactly one core service call."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlmodel import SQLModel

from planner.services import rows


class ServiceCommand(QUndoCommand):
    """Base: subclasses implement `do()` and `undo_()`, each returning Changes via the controller.

    If `do()` raises a PlannerError on the first redo, the command is marked obsolete so the
    stack drops it, and the error is re-raised for the view to show.
    """

    def __init__(self, controller, text: str):
        super().__init__(text)
        self.controller = controller
        self.last = None

    def redo(self) -> None:
        self.last = self.do()

    def undo(self) -> None:
        self.undo_()

    def do(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_(self):  # pragma: no cover - abstract
        raise NotImplementedError


class EditFields(ServiceCommand):
    """Set fields of one row (a cell edit)."""

    def __init__(self, controller, text: str, table: type[SQLModel], row_id: int, **values: Any):
        super().__init__(controller, text)
        self.table, self.row_id, self.values = table, row_id, values
        self._undo = None

    def do(self):
        changes = self.controller.run_service(rows.update_fields, self.table, self.row_id, **self.values)
        self._undo = changes.undo
        return changes

    def undo_(self):
        return self.controller.run_service(rows.undo_update, self._undo)


class CreateRow(ServiceCommand):
    def __init__(self, controller, text: str, row: SQLModel):
        super().__init__(controller, text)
        self.values = row.model_dump()
        self.table = type(row)

    def do(self):
        changes = self.controller.run_service(rows.create_row, self.table(**self.values))
        self.values["id"] = changes.created  # redo after undo recreates the same id
        return changes

    def undo_(self):
        return self.controller.run_service(rows.delete_row, self.table, self.values["id"])


class DeleteRow(ServiceCommand):
    def __init__(self, controller, text: str, table: type[SQLModel], row_id: int):
        super().__init__(controller, text)
        self.table, self.row_id = table, row_id
        self._undo = None

    def do(self):
        changes = self.controller.run_service(rows.delete_row, self.table, self.row_id)
        self._undo = changes.undo
        return changes

    def undo_(self):
        return self.controller.run_service(rows.restore_rows, self._undo)
