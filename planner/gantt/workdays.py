"""Working-day arithmetic the Gantt needs (shading, drag snapping), behind one small adapter."""

# The scheduler's calendar (`planner.schedule.plan_calendar`) is used when available, so statutory
# holidays and make-up workdays match the schedule; otherwise the programme's work week and the
# user's calendar exceptions are used.

from __future__ import annotations

import datetime as dt
from typing import Protocol

DAY = dt.timedelta(days=1)


class WorkCalendar(Protocol):
    def is_working(self, day: dt.date) -> bool: ...


class WeekCalendar:
    """Work week (Mon..Sun flags) plus explicit holidays and make-up workdays."""

    def __init__(self, workweek: str = "1111100", exceptions: dict[dt.date, bool] | None = None):
        self.weekdays = tuple(c == "1" for c in workweek.ljust(7, "0")[:7])
        self.exceptions = dict(exceptions or {})
        if not any(self.weekdays) and not any(self.exceptions.values()):
            self.weekdays = (True,) * 7  # a calendar with no working day would never end

    def is_working(self, day: dt.date) -> bool:
        found = self.exceptions.get(day)
        return self.weekdays[day.weekday()] if found is None else found


def calendar_for(plan) -> WorkCalendar:
    try:
        from planner.schedule import plan_calendar
    except ImportError:
        plan_calendar = None
    if plan_calendar is not None:
        return plan_calendar(plan)
    exceptions = {e.day: e.working for e in plan.calendar_exceptions}
    return WeekCalendar(plan.programme.workweek, exceptions)


def next_working(cal: WorkCalendar, day: dt.date) -> dt.date:
    """`day` if it is a working day, else the first working day after it."""
    for _ in range(3660):
        if cal.is_working(day):
            return day
        day += DAY
    return day


def previous_working(cal: WorkCalendar, day: dt.date) -> dt.date:
    for _ in range(3660):
        if cal.is_working(day):
            return day
        day -= DAY
    return day


def working_days(cal: WorkCalendar, start: dt.date, end: dt.date) -> int:
    """Working days in the inclusive span [start, end] (0 if end < start)."""
    count, day = 0, start
    while day <= end:
        count += cal.is_working(day)
        day += DAY
    return count


def add_working(cal: WorkCalendar, start: dt.date, n: int) -> dt.date:
    """The working day `n` working days after `start` (start itself counts as day 0)."""
    day = next_working(cal, start)
    step = DAY if n >= 0 else -DAY
    for _ in range(abs(n)):
        day += step
        while not cal.is_working(day):
            day += step
    return day


def nonworking_spans(cal: WorkCalendar, d0: dt.date, d1: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Runs of non-working days meeting [d0, d1), each as (first day, day after the last)."""
    spans: list[tuple[dt.date, dt.date]] = []
    day, run = d0, None
    while day < d1:
        if not cal.is_working(day):
            run = run or day
        elif run is not None:
            spans.append((run, day))
            run = None
        day += DAY
    if run is not None:
        spans.append((run, d1))
    return spans
