"""Indicator status for the views, from the core's rules (planner.indicators): rate, shortfall, level."""

from __future__ import annotations

from dataclasses import dataclass

from planner import model as m
from planner.indicators.rates import achievement_rate, deviation, is_off_target
from planner.indicators.status import expected_share, indicator_status, reading_date, reading_value


@dataclass(frozen=True)
class ReadingStatus:
    rate: float | None  # achievement rate, 1.0 = target reached
    expected: float  # share of the target expected by the reading's date
    off_target: bool  # more than 10% short of what was expected: needs an exception note

    @property
    def level(self) -> str:
        """ok (on plan), warn (behind but within 10%), bad (off target), none (no figure)."""
        if self.rate is None:
            return "none"
        if self.off_target:
            return "bad"
        return "ok" if self.rate >= self.expected - 1e-9 else "warn"


def reading_status(plan, indicator: m.Indicator, reading: m.Reading | None) -> ReadingStatus:
    """The status of one chosen reading (the Indicators view's period)."""
    if reading is None:
        return ReadingStatus(None, 1.0, False)
    rate = achievement_rate(reading_value(reading), indicator.target, rule=indicator.rule, baseline=indicator.baseline)
    expected = expected_share(plan, indicator, reading_date(reading))
    return ReadingStatus(rate, expected, is_off_target(rate, expected, comparator=indicator.comparator))


def latest_status(plan, indicator: m.Indicator) -> ReadingStatus:
    """The status at the latest reading up to the plan's status date (roadmap, OKRs)."""
    status = indicator_status(plan, indicator, plan.programme.status_date)
    return ReadingStatus(status.rate, status.expected, status.off_target)


def deviation_of(status: ReadingStatus) -> float | None:
    return deviation(status.rate, status.expected)
