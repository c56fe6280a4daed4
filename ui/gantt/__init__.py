"""The Gantt view (PySide6): see `ui.gantt.view` for the API the main window uses."""

from ui.gantt.view import GanttView

__all__ = ["GanttView"]
