"""Indicator status over a `Plan`: latest reading, achievement rate, pro-rated expectation, off-target list."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from planner import model as m
from planner.indicators.rates import achievement_rate, deviation, elapsed_share, is_met, is_off_target
from planner.schedule.notation import add_months


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: m.Indicator
    reading: m.Reading | None  # the latest reading with a figure, up to the status date
    actual: float | None  # its cumulative value, or the period value when no cumulative is given
    rate: float | None  # 1.0 = target reached; None = no rate
    expected: float  # share of the target expected by the reading's date (1.0 = all of it)
    deviation: float | None  # relative shortfall against `expected`; > 0.10 is off target
    off_target: bool
    met: bool | None  # the actual satisfies the target's comparator

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name


def reading_value(reading: m.Reading) -> float | None:
    """The figure a rate is computed from: cumulative (the template's rule), else this period's."""
    return reading.cumulative_value if reading.cumulative_value is not None else reading.period_value


def period_end(period: str) -> dt.date | None:
    """Last day of '2025-03', '2025-W12' (ISO week), '2025Q1' / '2025-Q1', or the date '2025-03-14'."""
    text = period.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return _safe_date(*map(int, match.groups()))
    if match := re.fullmatch(r"(\d{4})-?W(\d{1,2})", text, re.I):
        year, week = map(int, match.groups())
        try:
            return dt.date.fromisocalendar(year, week, 7)
        except ValueError:
            return None
    if match := re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.I):
        year, quarter = map(int, match.groups())
        return _month_end(year, quarter * 3)
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = map(int, match.groups())
        return _month_end(year, month) if 1 <= month <= 12 else None
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def reading_date(reading: m.Reading) -> dt.date | None:
    return reading.test_date or period_end(reading.period)


def latest_reading(plan, indicator_id: int, as_of: dt.date | None = None) -> m.Reading | None:
    """The latest reading (by period) that has a figure and is dated on or before `as_of`."""
    found = None
    for reading in plan.readings_of.get(indicator_id, []):
        if reading_value(reading) is None:
            continue
        day = reading_date(reading)
        if as_of is not None and day is not None and day > as_of:
            continue
        found = reading  # readings_of is sorted by period
    return found


def target_window(plan, indicator: m.Indicator) -> tuple[dt.date, dt.date] | None:
    """The dates the indicator's target is for: its stage, else the whole programme's tasks."""
    start = plan.programme.start_date
    stage = plan.stage_by_id.get(indicator.stage_id) if indicator.stage_id is not None else None
    if stage is not None:
        first = stage.start_date or (add_months(start, stage.start_month) if stage.start_month is not None else None)
        last = stage.end_date or (add_months(start, stage.end_month) - dt.timedelta(days=1)
                                  if stage.end_month is not None else None)
        return (first, last) if first and last else None
    ends = [t.end_date for t in plan.tasks if t.end_date is not None]
    if ends:
        return start, max(ends)
    return None


def expected_share(plan, indicator: m.Indicator, day: dt.date | None) -> float:
    """How much of the target should be reached by `day`: pro-rated over the target's window
    for cumulative rules (ratio, progress); the whole target for inverse rules and undated readings."""
    if day is None or indicator.rule == m.AchievementRule.inverse.value:
        return 1.0
    window = target_window(plan, indicator)
    if window is None:
        return 1.0
    return elapsed_share(day, *window)


def indicator_status(plan, indicator: m.Indicator, as_of: dt.date | None = None, *,
                     prorate: bool = True) -> IndicatorStatus:
    reading = latest_reading(plan, indicator.id, as_of)
    actual = reading_value(reading) if reading else None
    rate = achievement_rate(actual, indicator.target, rule=indicator.rule, baseline=indicator.baseline)
    expected = expected_share(plan, indicator, reading_date(reading) if reading else None) if prorate else 1.0
    return IndicatorStatus(
        indicator=indicator, reading=reading, actual=actual, rate=rate, expected=expected,
        deviation=deviation(rate, expected),
        off_target=is_off_target(rate, expected, comparator=indicator.comparator),
        met=is_met(actual, indicator.target, indicator.comparator))


def indicator_statuses(plan, as_of: dt.date | None = None, *, prorate: bool = True) -> list[IndicatorStatus]:
    """Every indicator's status in indicator order; `as_of` defaults to the plan's status date."""
    day = as_of if as_of is not None else plan.programme.status_date
    return [indicator_status(plan, i, day, prorate=prorate) for i in plan.indicators]


def off_target(plan, as_of: dt.date | None = None, *, prorate: bool = True) -> list[IndicatorStatus]:
    """Indicators whose latest reading falls more than 10% short of what was expected by then."""
    return [s for s in indicator_statuses(plan, as_of, prorate=prorate) if s.off_target]


def key_result_rate(plan, key_result: m.KeyResult, as_of: dt.date | None = None) -> float | None:
    """A key result's achievement: the mean rate of its linked indicators that have one,
    else the progress entered by hand; None when neither exists."""
    day = as_of if as_of is not None else plan.programme.status_date
    rates = []
    for link in plan.kr_links:
        if link.key_result_id != key_result.id or link.indicator_id is None:
            continue
        indicator = plan.indicator_by_id.get(link.indicator_id)
        if indicator is not None:
            rate = indicator_status(plan, indicator, day).rate
            if rate is not None:
                rates.append(rate)
    if rates:
        return sum(rates) / len(rates)
    return key_result.progress
