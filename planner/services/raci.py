"""RACI letters (module or task x team) and the division-of-work columns of a module."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from planner.i18n import _
from planner import model as m
from planner.changes import Changes
from planner.errors import ValidationError
from planner.services import generic
from planner.services.journal import Journal


def set_raci(
    s: Session, *, team_id: int, role: str | None, module_id: int | None = None, task_id: int | None = None,
) -> Changes:
    """Set the letter (R, A, C, I) of a team on a module or a task; None clears it."""
    if (module_id is None) == (task_id is None):
        raise ValidationError(_("RACI: give either a module or a task."), where="RACI")
    subject = generic.get(s, m.Module, module_id) if module_id is not None else generic.get(s, m.Task, task_id)
    team = generic.get(s, m.Team, team_id)
    where = f"RACI of {'task ' + subject.code if task_id is not None else 'module ' + subject.name} x team {team.name}"
    cell = s.exec(select(m.RaciCell).where(
        m.RaciCell.module_id == module_id, m.RaciCell.task_id == task_id, m.RaciCell.team_id == team_id
    )).first()
    j = Journal(s)
    if role is None or role == "":
        if cell is not None:
            j.delete(cell)
    elif cell is None:
        generic.add_row(j, m.RaciCell, dict(module_id=module_id, task_id=task_id, team_id=team_id,
                                            role=str(role).upper()), where=where)
    else:
        generic.update_row(j, cell, {"role": str(role).upper()}, where=where)
    j.touch(module_id if module_id is not None else task_id)
    return j.changes()


def set_division(s: Session, module_id: int, **fields: Any) -> Changes:
    """Create or edit a module's division of work (decision maker, executing roles, cadence)."""
    module = generic.get(s, m.Module, module_id)
    row = s.exec(select(m.DivisionOfWork).where(m.DivisionOfWork.module_id == module_id)).first()
    where = f"Division of work of module {module.name}"
    j = Journal(s)
    if row is None:
        row = generic.add_row(j, m.DivisionOfWork, dict(module_id=module_id, **fields), where=where)
    else:
        generic.update_row(j, row, fields, where=where)
    j.touch(module_id)
    return j.changes()
