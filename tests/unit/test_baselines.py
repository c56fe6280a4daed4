"""Baseline variance in working days (MS Project's Start/Finish/Duration Variance) and ID prefixes."""

from __future__ import annotations

import datetime as dt

from planner import model as m
from planner.baselines import shift
from planner.gantt.workdays import WeekCalendar
from planner.services.tasks import code_after, module_prefix

MON = dt.date(2025, 1, 6)


def test_shift_counts_working_days_with_a_sign():
    cal = WeekCalendar("1111100")
    assert shift(cal, MON, MON) == 0
    assert shift(cal, MON, MON + dt.timedelta(days=7)) == 5  # a week later: five working days
    assert shift(cal, MON + dt.timedelta(days=4), MON + dt.timedelta(days=7)) == 1  # Friday to Monday
    assert shift(cal, MON + dt.timedelta(days=7), MON) == -5
    holiday = WeekCalendar("1111100", {MON + dt.timedelta(days=1): False})
    assert shift(holiday, MON, MON + dt.timedelta(days=7)) == 4


def test_prefix_from_the_module_its_tasks_or_its_name():
    assert module_prefix(m.Module(name="x", prefix="BC"), ["TP-01"]) == "BC"
    assert module_prefix(m.Module(name="技术产品"), ["TP-01", "TP-02", "TP-04", "X-1"]) == "TP"
    assert module_prefix(m.Module(name="Ecosystem"), []) == "ECO"
    assert module_prefix(None, []) == "T"
    assert code_after(["TP-01", "TP-02", "TP-004", "EC-09"], "TP") == "TP-005"
    assert code_after([], "UG") == "UG-01"
