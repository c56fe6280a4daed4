"""The one DocumentController: owns the open Project, the undo stack and the cached plan.

Data flows one way: a gesture becomes one undo command (ui/commands.py); the command calls
one core service through `run_service`; the controller broadcasts the returned `Changes` on
`changed`; each view refreshes only the areas it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.changes import Area, Changes
from planner.document import Project
from planner.plan import Plan, load_plan
from planner.schedule.result import ScheduleResult


class DocumentController(QObject):
    changed = Signal(object)  # Changes
    document_replaced = Signal()  # a different Project was opened (views reset completely)
    error = Signal(str)  # a user-facing message

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.project: Project | None = None
        self._plan: Plan | None = None
        self._schedule: ScheduleResult | None = None
        if project is not None:
            self.set_project(project)

    # --- the document ----------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        old = self.project
        self.project = project
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._plan = None
        self._schedule = None
        self.document_replaced.emit()
        if old is not None and old is not project:
            old.close()

    # --- cached reads (rebuilt lazily after a change) ----------------------------------
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = self.project.read(load_plan)
        return self._plan

    def schedule(self) -> ScheduleResult:
        if self._schedule is None:
            from planner.schedule import schedule_plan

            self._schedule = schedule_plan(self.plan())
        return self._schedule

    # --- edits -------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Every user edit goes through here: one gesture, one undo step."""
        self.undo_stack.push(command)

    def run_service(self, service, *args, **kwargs) -> Changes:
        """Called by undo commands only. Runs one service and broadcasts what changed."""
        changes = self.project.run(service, *args, **kwargs)
        self.notify(changes)
        return changes

    def notify(self, changes: Changes) -> None:
        self._plan = None  # any change may touch what the snapshot holds
        if changes.areas & (Area.SCHEDULE | Area.TASKS | Area.DEPENDENCIES | Area.PROGRAMME | Area.MILESTONES):
            self._schedule = None
        self.changed.emit(changes)
