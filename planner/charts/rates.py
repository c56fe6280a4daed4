"""Per-indicator achievement as the charts and reports show it: rate, band, off-target flag."""

from __future__ import annotations

from dataclasses import dataclass

from planner import model as m
from planner.plan import Plan

BAND = 0.10  # the users' rule: a deviation of more than 10% calls for a deviation analysis


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: m.Indicator
    latest: m.Reading | None  # the latest reading with a cumulative value
    rate: float | None  # achievement, 1.0 = target reached; None = no rate (no target or no reading)

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def deviation(self) -> float | None:
        return None if self.rate is None else self.rate - 1.0

    @property
    def band(self) -> str:
        """"below" / "within" / "above" the ±10% band around the target, or "none"."""
        if self.rate is None:
            return "none"
        if self.rate < 1 - BAND:
            return "below"
        return "above" if self.rate > 1 + BAND else "within"

    @property
    def off_target(self) -> bool:
        """More than 10% off: short of the target, or either side of an exact (=) target."""
        if self.band == "below":
            return True
        return self.band == "above" and self.indicator.comparator == m.Comparator.eq.value

    @property
    def exception_note(self) -> str:
        return self.latest.exception_note if self.latest else ""


def latest_reading(plan: Plan, indicator: m.Indicator) -> m.Reading | None:
    readings = [r for r in plan.readings_of.get(indicator.id, []) if r.cumulative_value is not None]
    return readings[-1] if readings else None


def achievement(indicator: m.Indicator, actual: float | None) -> float | None:
    """The template's rule per indicator; a zero or missing target (or actual) gives no rate."""
    target = indicator.target
    if actual is None or target is None:
        return None
    if indicator.rule == m.AchievementRule.progress.value:
        baseline = indicator.baseline
        if baseline is None or target == baseline:
            return None
        return (actual - baseline) / (target - baseline)
    if indicator.rule == m.AchievementRule.inverse.value:
        return target / actual if actual > 0 else None
    return actual / target if target != 0 else None


def indicator_statuses(plan: Plan) -> list[IndicatorStatus]:
    out = []
    for indicator in plan.indicators:
        latest = latest_reading(plan, indicator)
        rate = achievement(indicator, latest.cumulative_value if latest else None)
        out.append(IndicatorStatus(indicator, latest, rate))
    return out
