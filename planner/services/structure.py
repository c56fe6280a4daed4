"""Stages, modules, teams, roadmap cells, milestones and risks: add, edit, reorder, delete."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.services import generic
from planner.services.generic import delete, rename, reorder  # noqa: F401 - part of this API
from planner.services.journal import Journal


def add_stage(s: Session, name: str, **fields: Any) -> Changes:
    return generic.add(s, m.Stage, name=name, **fields)


def update_stage(s: Session, stage_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.Stage, stage_id, **fields)


def add_module(s: Session, name: str, prefix: str = "", **fields: Any) -> Changes:
    return generic.add(s, m.Module, name=name, prefix=prefix, **fields)


def update_module(s: Session, module_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.Module, module_id, **fields)


def add_team(s: Session, name: str, **fields: Any) -> Changes:
    return generic.add(s, m.Team, name=name, **fields)


def update_team(s: Session, team_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.Team, team_id, **fields)


def set_cell(s: Session, stage_id: int, module_id: int, **fields: Any) -> Changes:
    """Create or edit the stage x module cell (scope, actions, acceptance, method, source)."""
    generic.get(s, m.Stage, stage_id)
    generic.get(s, m.Module, module_id)
    cell = s.exec(select(m.RoadmapCell).where(
        m.RoadmapCell.stage_id == stage_id, m.RoadmapCell.module_id == module_id
    )).first()
    j = Journal(s)
    if cell is None:
        cell = generic.add_row(j, m.RoadmapCell, dict(stage_id=stage_id, module_id=module_id, **fields))
    else:
        generic.update_row(j, cell, fields)
    j.touch(cell.id)
    return j.changes(created=cell.id)


def add_milestone(s: Session, name: str, date: Any, **fields: Any) -> Changes:
    return generic.add(s, m.Milestone, name=name, date=date, **fields)


def update_milestone(s: Session, milestone_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.Milestone, milestone_id, **fields)


def add_risk(s: Session, description: str, **fields: Any) -> Changes:
    return generic.add(s, m.Risk, description=description, **fields)


def update_risk(s: Session, risk_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.Risk, risk_id, **fields)
