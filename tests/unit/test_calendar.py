"""Working calendar: weekly pattern, China's holidays and 调休 make-up days, user exceptions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner.errors import ValidationError
from planner.schedule import schedule_plan
from planner.schedule.calendar import CN_YEARS, WorkCalendar, cn_years

from tests.unit.schedule_plans import MONDAY, a_plan

D = dt.date


def test_plain_week_counts_and_adds_working_days():
    cal = WorkCalendar(origin=MONDAY)
    assert cal.index(MONDAY) == 0
    assert cal.index(D(2025, 1, 11)) == 5  # Saturday -> next Monday's index
    assert cal.index_before(D(2025, 1, 11)) == 4  # -> Friday
    assert cal.date(5) == D(2025, 1, 13)
    assert cal.add_working_days(D(2025, 1, 10), 1) == D(2025, 1, 13)
    assert cal.add_working_days(D(2025, 1, 13), -1) == D(2025, 1, 10)
    assert cal.count_working_days(D(2025, 1, 6), D(2025, 1, 19)) == 10
    assert cal.count_working_days(D(2025, 1, 19), D(2025, 1, 6)) == 0


def test_spring_festival_2025_holidays_and_make_up_workdays():
    cal = WorkCalendar(region="CN", origin=MONDAY)
    assert not cal.is_working(D(2025, 1, 28))  # 除夕 eve holiday (a Tuesday)
    assert not cal.is_working(D(2025, 2, 4))
    assert cal.is_working(D(2025, 1, 26))  # Sunday 调休 workday
    assert cal.is_working(D(2025, 2, 8))  # Saturday 调休 workday
    # Sat 25 Jan .. Tue 4 Feb: only Sun 26 (调休) and Mon 27 are worked
    assert cal.count_working_days(D(2025, 1, 25), D(2025, 2, 4)) == 2
    assert cal.add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert cal.holiday_name(D(2025, 1, 29)) == "Spring Festival"


def test_national_day_2025_week():
    cal = WorkCalendar(region="CN", origin=D(2025, 9, 1))
    assert [cal.is_working(D(2025, 10, d)) for d in range(1, 12)] == [
        False, False, False, False, False, False, False, False, True, True, True]
    assert cal.is_working(D(2025, 9, 28)) and cal.is_working(D(2025, 10, 11))  # Sunday and Saturday


def test_user_exceptions_override_the_region_table():
    cal = WorkCalendar(region="CN", origin=MONDAY,
                       exceptions={D(2025, 1, 8): False, D(2025, 1, 28): True})
    assert not cal.is_working(D(2025, 1, 8))
    assert cal.is_working(D(2025, 1, 28))


def test_schedule_skips_a_holiday_and_uses_a_make_up_workday():
    # A: 5 days from Mon 6 Jan with Wed 8 Jan off and Sat 11 Jan worked -> ends Sat 11 Jan
    b = (a_plan().task("A", 5).task("B", 1).link("A", "B")
         .exception(D(2025, 1, 8), False).exception(D(2025, 1, 11), True))
    r = schedule_plan(b.build(), D(2024, 12, 1))
    assert r.timings[1].finish == D(2025, 1, 11)
    assert r.timings[2].start == D(2025, 1, 13)


def test_cn_plan_across_spring_festival():
    b = a_plan(start=D(2025, 1, 20), region="CN").task("A", 10)
    r = schedule_plan(b.build(), D(2024, 12, 1))
    # 20-24 Jan (5), Sun 26 + Mon 27 (7), Wed 5 - Fri 7 Feb (10)
    assert r.timings[1].finish == D(2025, 2, 7)


def test_indices_stay_stable_when_the_span_grows():
    cal = WorkCalendar(region="CN", origin=MONDAY, span=(MONDAY, MONDAY))
    far = cal.index(D(2031, 6, 2))
    before = cal.index(D(2019, 3, 4))
    assert cal.index(MONDAY) == 0
    assert cal.date(far) == D(2031, 6, 2) and cal.date(before) == D(2019, 3, 4)
    assert cal.date(-1) == D(2025, 1, 3)


def test_six_day_week():
    cal = WorkCalendar("1111110", origin=MONDAY)
    assert cal.days_per_week == 6 and cal.is_working(D(2025, 1, 11)) and not cal.is_working(D(2025, 1, 12))


def test_bad_workweek_is_refused():
    with pytest.raises(ValidationError, match="1111"):
        WorkCalendar("1111")
    with pytest.raises(ValidationError, match="0000000"):
        WorkCalendar("0000000")


def test_checked_in_table_years_match_the_docstring():
    data = json.loads((Path(__file__).resolve().parents[2] / "planner/schedule/cn_holidays.json").read_text("utf-8"))
    assert (data["first_year"], data["last_year"]) == cn_years() == CN_YEARS
    cal = WorkCalendar(region="CN", origin=MONDAY)
    assert cal.covers(CN_YEARS[1]) and not cal.covers(CN_YEARS[1] + 1)


def test_far_dates_work_and_an_endless_schedule_is_a_clear_error():
    cal = WorkCalendar(origin=MONDAY)
    assert cal.count_working_days(D(1970, 1, 1), D(2199, 12, 31)) > 59000
    assert cal.index(D(9999, 12, 31)) > 0  # the arrays stop at the last date Python has
    with pytest.raises(ValidationError, match="beyond the calendar"):
        cal.date(10**7)


def test_indices_before_is_index_before_for_every_day():
    cal = WorkCalendar("1111100", region="CN", origin=dt.date(2025, 1, 6))
    days = [dt.date(2024, 12, 1) + dt.timedelta(days=k) for k in range(800)]  # beyond the first span too
    assert cal.indices_before(days) == [cal.index_before(d) for d in days]
    assert cal.indices_before([]) == []
