"""The programme header (name, start, calendar, language), calendar exceptions and baselines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlmodel import Session, select

from planner.i18n import _
from planner import model as m
from planner.changes import Changes
from planner.errors import ValidationError
from planner.services import generic
from planner.services.journal import Journal
from planner.services.schedule_sync import sync_schedule

_WORKWEEK = re.compile(r"^[01]{7}$")


def update_programme(s: Session, **fields: Any) -> Changes:
    """Edit the programme (name, start_date, language, workweek "1111100", status_date ...)."""
    programme = s.exec(select(m.Programme)).one()
    week = fields.get("workweek")
    if week is not None and (not isinstance(week, str) or not _WORKWEEK.match(week) or "1" not in week):
        raise ValidationError(
            _("Programme, field workweek: {week} must be seven 0/1 flags Monday to Sunday with one working day.", week=repr(week)),
            where="Programme.workweek",
        )
    j = Journal(s)
    generic.update_row(j, programme, fields)
    j.touch(programme.id)
    if _CALENDAR_FIELDS & set(fields):
        sync_schedule(j)
    return j.changes()


_CALENDAR_FIELDS = {"start_date", "workweek", "holiday_region"}  # what moves automatic tasks


def add_calendar_exception(s: Session, day: Any, *, working: bool = False, name: str = "") -> Changes:
    """A holiday (working=False) or make-up workday (working=True) the user adds."""
    j = Journal(s)
    row = generic.add_row(j, m.CalendarException, {"day": day, "working": working, "name": name})
    j.touch(row.id)
    sync_schedule(j)
    return j.changes(created=row.id)


def remove_calendar_exception(s: Session, exception_id: int) -> Changes:
    j = Journal(s)
    j.delete(generic.get(s, m.CalendarException, exception_id))
    j.touch(exception_id)
    sync_schedule(j)
    return j.changes()


def take_baseline(s: Session, name: str, taken_on: dt.date | None = None) -> Changes:
    """Save every dated task's planned dates and progress under `name` (dated the status date or today)."""
    programme = s.exec(select(m.Programme)).one()
    when = taken_on or programme.status_date or dt.date.today()
    j = Journal(s)
    baseline = generic.add_row(j, m.Baseline, {"name": name, "taken_on": when}, where=f"Baseline {name}")
    for task in s.exec(select(m.Task).where(m.Task.start_date.is_not(None)).order_by(m.Task.id)).all():
        j.add(m.BaselineTask(baseline_id=baseline.id, task_id=task.id, start_date=task.start_date,
                             end_date=task.end_date, progress=task.progress))
    j.touch(baseline.id)
    return j.changes(created=baseline.id)


def delete_baseline(s: Session, baseline_id: int) -> Changes:
    return generic.delete(s, m.Baseline, baseline_id)
