"""Qt-free indicator maths for the views: achievement rate, deviation and a status level."""

from __future__ import annotations

from planner import model as m

DEVIATION_LIMIT = 0.10  # a deviation over 10% needs an exception note (偏差分析)


def achievement(indicator: m.Indicator, reading: m.Reading | None) -> float | None:
    """达成率 as a fraction: cumulative / target, or the indicator's own rule; None when unknown."""
    if reading is None or reading.cumulative_value is None or not indicator.target:
        return None
    actual, target = reading.cumulative_value, indicator.target
    if indicator.rule == m.AchievementRule.inverse.value:
        return None if actual == 0 else target / actual
    if indicator.rule == m.AchievementRule.progress.value and indicator.baseline is not None:
        span = target - indicator.baseline
        return None if span == 0 else (actual - indicator.baseline) / span
    return actual / target


def deviates(rate: float | None) -> bool:
    return rate is not None and abs(rate - 1) > DEVIATION_LIMIT + 1e-9


def level(rate: float | None) -> str:
    """ok (on or above target), warn (within 10% below), bad (more than 10% below), none."""
    if rate is None:
        return "none"
    if rate >= 1 - 1e-9:
        return "ok"
    return "warn" if rate >= 1 - DEVIATION_LIMIT else "bad"


def latest_reading(plan, indicator_id: int, period: str | None = None) -> m.Reading | None:
    """The reading of `period`, or the latest one at or before it (None = the latest of all)."""
    readings = plan.readings_of.get(indicator_id, [])
    if period is not None:
        readings = [r for r in readings if r.period <= period]
    return readings[-1] if readings else None


def off_target(plan, period: str | None = None) -> int:
    """How many indicators are more than 10% below target at their latest reading."""
    return sum(level(achievement(i, latest_reading(plan, i.id, period))) == "bad" for i in plan.indicators)
