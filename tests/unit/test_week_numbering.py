"""Week labels follow the plan's week numbering: week 1 is the programme's first week, or ISO 8601 weeks."""

from __future__ import annotations

import datetime as dt

from planner.gantt.scale import ISO_WEEKS, PROGRAMME_WEEKS, PROJECT, TimeScale

START = dt.date(2025, 1, 8)  # a Wednesday in ISO week 2


def _week_ticks(weeks: str, lang: str = "zh"):
    scale = TimeScale.at_level(START, "week", mode=PROJECT, lang=lang, weeks=weeks)
    return scale.ticks(scale.x(START), scale.x(dt.date(2025, 3, 1))).minor


def test_programme_weeks_count_from_the_start_day():
    ticks = _week_ticks(PROGRAMME_WEEKS)
    assert [t.label for t in ticks[:3]] == ["第1周", "第2周", "第3周"]
    assert ticks[0].start == START and ticks[1].start == START + dt.timedelta(days=7)
    assert [t.label for t in _week_ticks(PROGRAMME_WEEKS, "en")[:2]] == ["W1", "W2"]


def test_iso_weeks_run_monday_to_sunday_with_their_iso_number():
    ticks = _week_ticks(ISO_WEEKS)
    assert ticks[0].start == dt.date(2025, 1, 6) and ticks[0].label == "W02"
    assert all(t.start.weekday() == 0 for t in ticks)
    assert [t.label for t in ticks[:4]] == ["W02", "W03", "W04", "W05"]
    assert [t.start.isocalendar()[1] for t in ticks] == [int(t.label[1:]) for t in ticks]
    assert _week_ticks(ISO_WEEKS, "en")[0].label == "W02"


def test_iso_weeks_turn_the_year():
    scale = TimeScale.at_level(dt.date(2025, 12, 1), "week", mode=PROJECT, weeks=ISO_WEEKS)
    ticks = scale.ticks(scale.x(dt.date(2025, 12, 15)), scale.x(dt.date(2026, 1, 20))).minor
    labels = [t.label for t in ticks]
    assert labels[:4] == ["W51", "W52", "W01", "W02"]  # 2025-12-29 is in ISO week 1 of 2026


def test_day_level_headers_show_the_weeks_too():
    scale = TimeScale.at_level(START, "day", mode=PROJECT, weeks=ISO_WEEKS)
    major = scale.ticks(scale.x(START), scale.x(START + dt.timedelta(days=14))).major
    assert [t.label for t in major[:2]] == ["W02", "W03"]


def test_calendar_weeks_show_mondays_or_iso_numbers():
    from planner.gantt.scale import CALENDAR

    def labels(weeks):
        scale = TimeScale.at_level(START, "week", mode=CALENDAR, weeks=weeks)
        return [t.label for t in scale.ticks(scale.x(START), scale.x(dt.date(2025, 2, 1))).minor[:3]]
    assert labels(PROGRAMME_WEEKS) == ["01-06", "01-13", "01-20"]
    assert labels(ISO_WEEKS) == ["W02", "W03", "W04"]
