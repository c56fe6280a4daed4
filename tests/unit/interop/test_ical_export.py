"""The .ics expands, in an independent reader, to the meetings and dates people expect."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
import recurring_ical_events

from planner import model as m
from planner.errors import NotFound
from planner.interop import ical
from planner.interop.cadence import parse
from planner.plan import Plan

Q1 = (dt.date(2025, 1, 6), dt.date(2025, 3, 31))
SPRING_FESTIVAL = {dt.date(2025, 1, 28) + dt.timedelta(days=k) for k in range(8)}  # 2025-01-28 .. 02-04 off
CADENCES = {
    "技术产品": "每周2次同步会",
    "运营迭代": "每日站会，每周1次全项目进度会",
    "用户增长": "每两周1次活动复盘会",
    "商业模式": "每月1次收入复盘会",
    "数据": "每周五18:00前提交数据",
    "生态建设": "按需沟通",
}


def a_plan() -> Plan:
    p = m.Programme(id=1, name="FlagOS", start_date=Q1[0], holiday_region="CN")
    modules = [m.Module(id=i, order=i, name=name) for i, name in enumerate(CADENCES, 1)]
    tasks = [m.Task(id=i, code=f"T-{i}", module_id=i, name=f"task {i}", start_date=Q1[0], end_date=Q1[1])
             for i in range(1, len(modules) + 1)]
    tasks.append(m.Task(id=99, code="TP-99", module_id=1, name="内部测试", start_date=dt.date(2025, 3, 3),
                        end_date=dt.date(2025, 3, 3), is_milestone=True))
    teams = [m.Team(id=1, name="核心技术部"), m.Team(id=2, name="运营部")]
    raci = [m.RaciCell(id=1, module_id=1, team_id=1, role="R"), m.RaciCell(id=2, module_id=2, team_id=2, role="R")]
    division = [m.DivisionOfWork(id=i, module_id=i, cadence=c) for i, c in enumerate(CADENCES.values(), 1)]
    milestones = [m.Milestone(id=1, name="完成内部测试", date=dt.date(2025, 3, 2), criterion="算子覆盖率100%")]
    stages = [m.Stage(id=1, name="基础建设期", label="第一阶段（0-6 个月）：基础建设期", start_month=0, end_month=6)]
    return Plan(programme=p, modules=modules, tasks=tasks, teams=teams, raci=raci, division=division,
                milestones=milestones, stages=stages)


def _occurrences(text: str, summary_part: str) -> list[dt.datetime | dt.date]:
    cal = icalendar.Calendar.from_ical(text)
    events = recurring_ical_events.of(cal).between(Q1[0], Q1[1] + dt.timedelta(days=1))
    return sorted(e["DTSTART"].dt for e in events if summary_part in str(e["SUMMARY"]))


def _workdays(weekdays: set[int]) -> list[dt.date]:
    day, out = Q1[0], []
    while day <= Q1[1]:
        if day.weekday() in weekdays and day not in SPRING_FESTIVAL:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


@pytest.fixture(scope="module")
def ics() -> str:
    return ical.build(a_plan(), now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)).text


def test_twice_a_week_is_tuesdays_and_thursdays_without_the_spring_festival(ics):
    days = _occurrences(ics, "同步会")
    assert [d.date() for d in days] == _workdays({1, 3})
    assert all(d.time() == dt.time(10, 0) and str(d.tzinfo) == "Asia/Shanghai" for d in days)


def test_daily_stand_up_is_every_working_weekday_and_weekly_progress_meeting_on_mondays(ics):
    assert [d.date() for d in _occurrences(ics, "站会")] == _workdays({0, 1, 2, 3, 4})
    assert [d.date() for d in _occurrences(ics, "全项目进度会")] == _workdays({0})


def test_every_two_weeks_is_every_other_friday(ics):
    fridays = _workdays({4})
    expected = [d for d in fridays if (d - fridays[0]).days % 14 == 0 and d not in SPRING_FESTIVAL]
    assert [d.date() for d in _occurrences(ics, "活动复盘会")] == expected


def test_a_monthly_review_is_on_the_last_working_day_of_the_month(ics):
    # 2025-01-31 falls in the Spring Festival: the review moves to Monday 27 January
    assert [d.date() for d in _occurrences(ics, "收入复盘会")] == [dt.date(2025, 1, 27), dt.date(2025, 2, 28),
                                                                 dt.date(2025, 3, 31)]


def test_a_weekly_deadline_keeps_its_time(ics):
    days = _occurrences(ics, "提交数据")
    assert [d.date() for d in days] == _workdays({4}) and {d.time() for d in days} == {dt.time(18, 0)}


def test_milestones_and_stages_are_all_day_events(ics):
    assert _occurrences(ics, "完成内部测试") == [dt.date(2025, 3, 2)]
    assert _occurrences(ics, "TP-99") == [dt.date(2025, 3, 3)]
    assert _occurrences(ics, "基础建设期") == [dt.date(2025, 1, 6)]  # its end is in July


def test_a_phrase_that_is_no_schedule_is_reported_not_guessed():
    result = ical.build(a_plan())
    assert len(result.notes) == 1 and "按需沟通" in result.notes[0] and "生态建设" in result.notes[0]


def test_uids_are_stable_so_a_second_export_updates_the_events():
    plan = a_plan()
    first = ical.build(plan).text
    plan.milestones[0].date = dt.date(2025, 3, 9)  # the milestone moved
    plan.division[0].cadence = "每周3次同步会"  # a changed cadence is another meeting series
    second = ical.build(plan).text
    uids = lambda text: set(re.findall(r"^UID:(.+?)\r$", text, re.M))  # noqa: E731
    assert len(uids(first)) == len(re.findall(r"^BEGIN:VEVENT", first, re.M))
    assert len(uids(first) ^ uids(second)) == 2  # only the 同步会 series was replaced
    assert _occurrences(second, "完成内部测试") == [dt.date(2025, 3, 9)]


def test_one_team_gets_its_modules_meetings_and_milestones():
    text = ical.build(a_plan(), team="核心技术部").text
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    assert any("同步会" in s for s in summaries) and any("TP-99" in s for s in summaries)
    assert not any("站会" in s or "基础建设期" in s for s in summaries)
    with pytest.raises(NotFound):
        ical.build(a_plan(), team="没有这个团队")


def test_the_file_passes_an_rfc_5545_validation(ics):
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(ics)  # a strict RFC 5545 parser
    assert len(calendar.events) == len(re.findall(r"^BEGIN:VEVENT", ics, re.M))
    raw = ics.encode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75  # folded at 75 octets
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", ics, re.S):
        names = {line.split(":")[0].split(";")[0] for line in block.split("\r\n") if line and not line.startswith(" ")}
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= names
    assert set(re.findall(r"TZID=([^:;]+)", ics)) <= set(re.findall(r"^TZID:(.+?)\r$", ics, re.M))


@pytest.mark.parametrize("text,rule", [
    ("每周2次同步会", {"FREQ": "WEEKLY", "BYDAY": ["TU", "TH"]}),
    ("每两周1次", {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": ["MO"]}),
    ("每日站会", {"FREQ": "DAILY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}),
    ("每月末", {"FREQ": "MONTHLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"], "BYSETPOS": -1}),
    ("每周一例会", {"FREQ": "WEEKLY", "BYDAY": ["MO"]}),
    ("每季度组织1次技术交流会", {"FREQ": "MONTHLY", "INTERVAL": 3, "BYDAY": ["MO", "TU", "WE", "TH", "FR"], "BYSETPOS": 1}),
])
def test_cadence_phrases(text, rule):
    found, unread = parse(text)
    assert [c.rule for c in found] == [rule] and not unread
