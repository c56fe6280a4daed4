"""Project time (weeks, months, dates) and dependency phrases, both ways."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.errors import ParseError, UnknownPredecessor
from planner.schedule.links import ParsedLink, format_links, parse_dependencies
from planner.schedule.notation import format_span, parse_span, week_of

D = dt.date
START = D(2025, 1, 6)  # Monday


# --- weeks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, start, end",
    [
        ("第1-8周", D(2025, 1, 6), D(2025, 3, 2)),
        ("W1-W8", D(2025, 1, 6), D(2025, 3, 2)),
        ("第4-22周", D(2025, 1, 27), D(2025, 6, 8)),
        ("第25-60周", D(2025, 6, 23), D(2026, 3, 1)),
        ("第20周-第24周", D(2025, 5, 19), D(2025, 6, 22)),
        ("第8周", D(2025, 2, 24), D(2025, 3, 2)),
        ("W8", D(2025, 2, 24), D(2025, 3, 2)),
        ("第１-８周", D(2025, 1, 6), D(2025, 3, 2)),  # full-width digits
        ("1~8周", D(2025, 1, 6), D(2025, 3, 2)),
    ],
)
def test_week_spans_to_dates(text, start, end):
    span = parse_span(text, START)
    assert (span.start, span.end, span.style) == (start, end, "week")


@pytest.mark.parametrize("text", ["第1-8周", "第25-60周", "第8周", "第73-144周"])
def test_week_spans_round_trip(text):
    span = parse_span(text, START)
    assert format_span(span.start, span.end, "week", START) == text


def test_latin_weeks_format():
    assert format_span(D(2025, 1, 6), D(2025, 3, 2), "week_latin", START) == "W1-W8"
    assert format_span(D(2025, 2, 24), D(2025, 2, 28), "week_latin", START) == "W8"


def test_dates_inside_weeks_round_outwards():
    assert format_span(D(2025, 1, 8), D(2025, 2, 26), "week", START) == "第1-8周"
    assert week_of(D(2025, 1, 12), START) == 1 and week_of(D(2025, 1, 13), START) == 2


@given(st.integers(1, 300), st.integers(0, 100))
def test_any_week_span_round_trips(first, extra):
    text = f"第{first}-{first + extra}周" if extra else f"第{first}周"
    span = parse_span(text, START)
    assert format_span(span.start, span.end, "week", START) == text
    assert (span.end - span.start).days == 7 * (extra + 1) - 1


@pytest.mark.parametrize("text", ["第0-3周", "第8-3周", "W0"])
def test_bad_week_spans_are_refused(text):
    with pytest.raises(ParseError, match=text):
        parse_span(text, START)


# --- months and dates ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, start, end",
    [
        ("0-6 个月", D(2025, 1, 6), D(2025, 7, 5)),
        ("6-18个月", D(2025, 7, 6), D(2026, 7, 5)),
        ("0-6月", D(2025, 1, 6), D(2025, 7, 5)),
        ("M1-M6", D(2025, 1, 6), D(2025, 7, 5)),
        ("M3", D(2025, 3, 6), D(2025, 4, 5)),
        ("M1-M36", D(2025, 1, 6), D(2028, 1, 5)),
    ],
)
def test_month_spans(text, start, end):
    span = parse_span(text, START)
    assert (span.start, span.end, span.style) == (start, end, "month")


def test_month_spans_format_back():
    assert format_span(D(2025, 1, 6), D(2025, 7, 5), "month", START) == "0-6 个月"
    assert format_span(D(2025, 7, 6), D(2026, 7, 5), "month", START) == "6-18 个月"
    assert format_span(D(2025, 1, 6), D(2025, 7, 5), "month_latin", START) == "M1-M6"


def test_month_offsets_clamp_at_short_months():
    span = parse_span("1-2 个月", D(2025, 1, 31))
    assert span.start == D(2025, 2, 28) and span.end == D(2025, 3, 30)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2025-01-27 至 2025-04-21", D(2025, 1, 27), D(2025, 4, 21)),
        ("2025/03/28", D(2025, 3, 28), D(2025, 3, 28)),
        ("2025.04.11", D(2025, 4, 11), D(2025, 4, 11)),
        ("2025年1月27日 至 2025年7月31日", D(2025, 1, 27), D(2025, 7, 31)),
        ("2025-02-03 ~ 2025-05-26", D(2025, 2, 3), D(2025, 5, 26)),
    ],
)
def test_date_spans(text, start, end):
    span = parse_span(text, START)
    assert (span.start, span.end, span.style) == (start, end, "date")


def test_date_spans_format_back():
    assert format_span(D(2025, 1, 27), D(2025, 4, 21), "date", START) == "2025-01-27 至 2025-04-21"
    assert format_span(D(2025, 3, 28), D(2025, 3, 28), "date", START) == "2025-03-28"


@pytest.mark.parametrize("text", ["2025-02-30", "2025-04-21 至 2025-01-27", "下个月", "", "W"])
def test_bad_periods_are_refused_with_the_text(text):
    with pytest.raises(ParseError) as err:
        parse_span(text, START)
    assert repr(text) in str(err.value) or "empty" in str(err.value)


# --- dependency phrases ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("无", []),
        ("", []),
        ("TP-01核心组件开发完成", [("TP-01", "FS", 0, "d", 1.0)]),
        ("TP-02、TP-03完成", [("TP-02", "FS", 0, "d", 1.0), ("TP-03", "FS", 0, "d", 1.0)]),
        ("TP-02芯片适配完成30%", [("TP-02", "FS", 0, "d", 0.3)]),
        ("TP-01 SS+2d", [("TP-01", "SS", 2, "d", 1.0)]),
        ("TP-03 FF-1w", [("TP-03", "FF", -1, "w", 1.0)]),
        ("TP-01, TP-02 30%", [("TP-01", "FS", 0, "d", 1.0), ("TP-02", "FS", 0, "d", 0.3)]),
        ("TP-01 SF+3天", [("TP-01", "SF", 3, "d", 1.0)]),
        ("TP-01开始后", [("TP-01", "SS", 0, "d", 1.0)]),
        ("TP-01第8周完成", [("TP-01", "FS", 0, "d", 1.0)]),
        ("TP-01核心组件技术方案确定", [("TP-01", "FS", 0, "d", 1.0)]),
    ],
)
def test_dependency_phrases(text, expected):
    got = parse_dependencies(text, task="EC-04")
    assert [(x.code, x.type, x.lag, x.lag_unit, x.threshold) for x in got] == expected


def test_parsed_link_keeps_the_fragment_as_written():
    [a, b] = parse_dependencies("TP-02、TP-03芯片适配完成30%")
    assert a.text == "TP-02" and b.text == "TP-03芯片适配完成30%"


@pytest.mark.parametrize(
    "text, fragment",
    [("TP-01 SS+2x", "TP-01 SS+2x"), ("TP-01 150%", "150%"), ("见上文", "见上文"), ("see TP-01", "see"),
     ("TP-01 0%", "0%")],
)
def test_bad_dependency_phrases_name_the_fragment(text, fragment):
    with pytest.raises(ParseError) as err:
        parse_dependencies(text, task="EC-04")
    assert "EC-04" in str(err.value) and fragment in str(err.value)


def test_unknown_task_id_is_refused_when_ids_are_known():
    with pytest.raises(UnknownPredecessor) as err:
        parse_dependencies("TP-09完成", task="EC-04", known={"TP-01", "TP-02"})
    assert err.value.task == "EC-04" and err.value.missing == "TP-09"


def test_links_format_back_to_text():
    links = [ParsedLink("TP-02"), ParsedLink("TP-03", "FF", -1, "w"), ParsedLink("TP-04", threshold=0.3),
             ParsedLink("TP-05", "FS", 2), ParsedLink("TP-06", "SS")]
    text = format_links(links)
    assert text == "TP-02、TP-03 FF-1w、TP-04 30%、TP-05 FS+2d、TP-06 SS"
    assert [(x.code, x.type, x.lag, x.lag_unit, x.threshold) for x in parse_dependencies(text)] == [
        (x.code, x.type, x.lag, x.lag_unit, x.threshold) for x in links]
    assert format_links([]) == "无"


def test_a_tasks_links_back_to_text():
    from planner.schedule.links import task_links_text

    from tests.unit.schedule_plans import a_plan

    b = (a_plan().task("TP-01", 5).task("TP-02", 5).task("EC-04", 5)
         .link("TP-01", "EC-04").link("TP-02", "EC-04", threshold=0.3).link("TP-01", "TP-02", "SS", 2))
    plan = b.build()
    assert task_links_text(plan, b.id("EC-04")) == "TP-01、TP-02 30%"
    assert task_links_text(plan, b.id("TP-02")) == "TP-01 SS+2d"
    assert task_links_text(plan, b.id("TP-01")) == "无"
