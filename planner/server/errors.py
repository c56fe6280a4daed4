"""What can go wrong with a plan on a server, each a PlannerError with a message for the user."""

from __future__ import annotations

from planner.errors import DocumentError, PlannerError


class ServerUnavailable(DocumentError):
    """The server cannot be reached (or went away mid-edit); nothing of the edit was applied."""


class PermissionRefused(PlannerError):
    """PostgreSQL's row-level security refused a write; the message names the rule."""


class EditConflict(PlannerError):
    """Someone else changed the same field since this window last showed it."""

    def __init__(self, message: str, conflicts: list[dict], **kw):
        super().__init__(message, **kw)
        self.conflicts = conflicts


class UndoRefused(PlannerError):
    """Undo of one's own edit, refused because someone changed the row since."""
