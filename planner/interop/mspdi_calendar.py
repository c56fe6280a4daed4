"""The calendar of an MS Project XML file: the work week, holidays and make-up workdays (China's included)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from planner.plan import Plan
from planner.schedule.calendar import cn_years, region_exceptions


def when(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).isoformat()


def write_calendar(o, plan: Plan, span: tuple[dt.date, dt.date]) -> None:
    """The base calendar: the work week, and every day that differs from it as a named exception."""
    p = plan.programme
    o.open("Calendars", 1)
    o.open("Calendar", 2)
    o.el("UID", 1, 3)
    o.el("Name", "标准 Standard", 3)
    o.el("IsBaseCalendar", 1, 3)
    o.el("BaseCalendarUID", -1, 3)
    o.open("WeekDays", 3)
    for day_type in range(1, 8):  # 1 = Sunday
        working = p.workweek[(day_type + 5) % 7] == "1"
        o.open("WeekDay", 4)
        o.el("DayType", day_type, 5)
        o.el("DayWorking", int(working), 5)
        if working:
            _working_times(o, 5)
        o.close("WeekDay", 4)
    o.close("WeekDays", 3)
    exceptions = list(exceptions_of(plan, span))
    if exceptions:
        o.open("Exceptions", 3)
        for first, last, working, name in exceptions:
            o.open("Exception", 4)
            o.el("EnteredByOccurrences", 0, 5)
            o.open("TimePeriod", 5)
            o.el("FromDate", when(first, dt.time(0)), 6)
            o.el("ToDate", when(last, dt.time(23, 59)), 6)
            o.close("TimePeriod", 5)
            o.el("Occurrences", 1, 5)
            o.el("Name", name or None, 5)
            o.el("Type", 1, 5)
            o.el("DayWorking", int(working), 5)
            if working:
                _working_times(o, 5)
            o.close("Exception", 4)
        o.close("Exceptions", 3)
    o.close("Calendar", 2)
    o.close("Calendars", 1)

def _working_times(o, indent: int) -> None:
    o.open("WorkingTimes", indent)
    for start, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
        o.open("WorkingTime", indent + 1)
        o.el("FromTime", start, indent + 2)
        o.el("ToTime", end, indent + 2)
        o.close("WorkingTime", indent + 1)
    o.close("WorkingTimes", indent)

# The statutory holidays' names (from the holiday table) as a Chinese office's calendar shows them.
_HOLIDAY_ZH = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
               "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
               "Anti-Fascist 70th Day": "抗战胜利70周年纪念日"}


def exceptions_of(plan: Plan, span: tuple[dt.date, dt.date]) -> Iterable[tuple[dt.date, dt.date, bool, str]]:
    """Days that differ from the work week, runs of the same kind and name joined."""
    p = plan.programme
    days: dict[dt.date, tuple[bool, str]] = {}
    holidays, workdays = region_exceptions(p.holiday_region or "")
    lo, hi = span
    first, last = cn_years()
    years = range(max(lo.year - 1, first), min(hi.year + 1, last) + 1)
    weekly = [c == "1" for c in p.workweek]
    chinese = p.language != "en"
    for ordinal, name in holidays.items():  # the whole holiday, its weekend included: one exception 春节
        day = dt.date.fromordinal(ordinal)
        if day.year in years:
            days[day] = (False, _HOLIDAY_ZH.get(name, name) if chinese else name)
    for ordinal, name in workdays.items():
        day = dt.date.fromordinal(ordinal)
        if day.year in years and not weekly[day.weekday()]:
            days[day] = (True, (_HOLIDAY_ZH.get(name, name) + "调休") if chinese else f"{name} make-up workday")
    for e in plan.calendar_exceptions:
        days[e.day] = (e.working, e.name)
    run: list[Any] = []
    for day in sorted(days):
        working, name = days[day]
        if run and run[1] + dt.timedelta(days=1) == day and run[2] == working and run[3] == name:
            run[1] = day
            continue
        if run:
            yield tuple(run)
        run = [day, day, working, name]
    if run:
        yield tuple(run)
