"""Teams: what uses one (shown before a delete or merge), merge one into another, delete."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.errors import ValidationError
from planner.i18n import _
from planner.services import generic
from planner.services.journal import Journal


@dataclass(frozen=True)
class TeamUses:
    raci_cells: int
    roles: int
    indicators: int

    @property
    def total(self) -> int:
        return self.raci_cells + self.roles + self.indicators


def team_uses(s: Session, team_id: int) -> TeamUses:
    generic.get(s, m.Team, team_id)
    return TeamUses(
        raci_cells=len(s.exec(select(m.RaciCell.id).where(m.RaciCell.team_id == team_id)).all()),
        roles=len(s.exec(select(m.Role.id).where(m.Role.team_id == team_id)).all()),
        indicators=len(s.exec(select(m.Indicator.id).where(m.Indicator.owner_team_id == team_id)).all()),
    )


def merge_teams(s: Session, source_id: int, target_id: int) -> Changes:
    """Move every RACI letter, role and indicator of `source` to `target`, then delete `source`.

    Where both teams have a letter on the same module or task, the target's letter is kept.
    """
    source, target = generic.get(s, m.Team, source_id), generic.get(s, m.Team, target_id)
    if source.id == target.id:
        raise ValidationError(f"Team {source.name}: a team cannot be merged into itself.", where=f"Team {source.name}")
    j = Journal(s)
    taken = {(c.module_id, c.task_id) for c in s.exec(select(m.RaciCell).where(m.RaciCell.team_id == target.id))}
    for cell in s.exec(select(m.RaciCell).where(m.RaciCell.team_id == source.id)).all():
        if (cell.module_id, cell.task_id) in taken:
            j.delete(cell)
        else:
            generic.update_row(j, cell, {"team_id": target.id})
    for role in s.exec(select(m.Role).where(m.Role.team_id == source.id)).all():
        generic.update_row(j, role, {"team_id": target.id})
    for indicator in s.exec(select(m.Indicator).where(m.Indicator.owner_team_id == source.id)).all():
        generic.update_row(j, indicator, {"owner_team_id": target.id})
    j.delete(source)
    j.touch(source.id)
    j.touch(target.id)
    return j.changes()


def delete_team(s: Session, team_id: int) -> Changes:
    """Delete a team with its RACI letters; roles and indicators it owned keep no team."""
    return generic.delete(s, m.Team, team_id)


def set_capacity(s: Session, by: str, key_id: int, capacity: int | None) -> Changes:
    """Set the heads a role (`by` "role") or a team (`by` "team") has per period; None clears it.

    One journaled call, so one undo step; a load above it shows as over-allocated.
    """
    table = {"role": m.Role, "team": m.Team}.get(by)
    if table is None:
        raise ValidationError(_("Capacity is set on a role or a team, not on {by}.", by=by), where=str(by))
    row = generic.get(s, table, key_id)
    where = f"{table.__name__} {row.name}"
    if capacity is not None:
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
            raise ValidationError(_("{name}: the capacity must be a whole number of heads, 0 or more, not {value}.",
                                    name=row.name, value=capacity), where=f"{where}.capacity", key="capacity_value")
    j = Journal(s)
    generic.update_row(j, row, {"capacity": capacity}, where=where)
    j.touch(row.id)
    return j.changes()


def set_role_team(s: Session, role_id: int, team_id: int | None) -> Changes:
    """Put a role in a team (None: in none); its heads then count in that team's load."""
    role = generic.get(s, m.Role, role_id)
    if team_id is not None:
        generic.get(s, m.Team, team_id)
    j = Journal(s)
    generic.update_row(j, role, {"team_id": team_id}, where=f"Role {role.name}")
    j.touch(role.id, team_id)
    return j.changes()


def add_role(s: Session, name: str, team_id: int | None = None) -> Changes:
    """A new role, optionally in a team; the name must be new (roles are named once per plan)."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A role needs a name."), where="Role")
    if s.exec(select(m.Role).where(m.Role.name == name)).first() is not None:
        raise ValidationError(_("Role {name}: there is already a role of that name.", name=name), where=f"Role {name}")
    if team_id is not None:
        generic.get(s, m.Team, team_id)
    return generic.add(s, m.Role, name=name, team_id=team_id)
