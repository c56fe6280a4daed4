"""Objectives and key results, and a key result's links to indicators and tasks."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from planner.i18n import _
from planner import model as m
from planner.changes import Changes
from planner.errors import ValidationError
from planner.services import generic
from planner.services.journal import Journal


def add_objective(s: Session, code: str, title: str, **fields: Any) -> Changes:
    return generic.add(s, m.Objective, code=code, title=title, **fields)


def update_objective(s: Session, objective_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.Objective, objective_id, **fields)


def delete_objective(s: Session, objective_id: int) -> Changes:
    """Delete an objective with its key results and their links."""
    return generic.delete(s, m.Objective, objective_id)


def add_key_result(s: Session, objective_id: int, code: str, title: str, **fields: Any) -> Changes:
    objective = generic.get(s, m.Objective, objective_id)
    j = Journal(s)
    kr = generic.add_row(j, m.KeyResult, dict(objective_id=objective_id, code=code, title=title, **fields),
                         where=f"Key result {objective.code}/{code}")
    j.touch(kr.id)
    return j.changes(created=kr.id)


def update_key_result(s: Session, key_result_id: int, **fields: Any) -> Changes:
    return generic.update(s, m.KeyResult, key_result_id, **fields)


def delete_key_result(s: Session, key_result_id: int) -> Changes:
    return generic.delete(s, m.KeyResult, key_result_id)


def link_key_result(s: Session, key_result_id: int, *, indicator_id: int | None = None,
                    task_id: int | None = None) -> Changes:
    """Link a key result to one indicator or one task (linking twice changes nothing)."""
    if (indicator_id is None) == (task_id is None):
        raise ValidationError(_("Key result link: give either an indicator or a task."), where=f"KeyResult {key_result_id}")
    generic.get(s, m.KeyResult, key_result_id)
    existing = _find_link(s, key_result_id, indicator_id, task_id)
    j = Journal(s)
    if existing is None:
        existing = generic.add_row(j, m.KeyResultLink, dict(
            key_result_id=key_result_id, indicator_id=indicator_id, task_id=task_id))
    j.touch(key_result_id)
    return j.changes(created=existing.id)


def unlink_key_result(s: Session, key_result_id: int, *, indicator_id: int | None = None,
                      task_id: int | None = None) -> Changes:
    link = _find_link(s, key_result_id, indicator_id, task_id)
    j = Journal(s)
    if link is not None:
        j.delete(link)
    j.touch(key_result_id)
    return j.changes()


def _find_link(s: Session, key_result_id: int, indicator_id: int | None, task_id: int | None):
    return s.exec(select(m.KeyResultLink).where(
        m.KeyResultLink.key_result_id == key_result_id,
        m.KeyResultLink.indicator_id == indicator_id,
        m.KeyResultLink.task_id == task_id,
    )).first()
