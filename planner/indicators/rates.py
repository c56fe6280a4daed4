"""Achievement rate and deviation as pure functions over plain numbers.

Rules (`AchievementRule`, chosen per indicator):
- ratio: cumulative / target, the statistics template's rule (达成率 = 累计实际值 / 阶段目标);
- inverse: target / actual, for lower-is-better indicators (≤30分钟: 20 min gives 150%);
- progress: (actual - baseline) / (target - baseline), the share of the way from the
  baseline to the target (45% -> 90%: 61% gives 36%); negative when things got worse.

A zero or missing target, a missing actual, a missing baseline for `progress`, a target
equal to its baseline, or an actual of zero or less for `inverse` give no rate (None).

Deviation (偏差): the users' rule is that an indicator *not reached* by more than 10%
needs a deviation analysis report. The deviation is the relative shortfall against what
was expected by then, (expected - rate) / expected, and an indicator is off target when
it exceeds 0.10 (strictly). `expected` is 1.0 against the full target; for a cumulative
figure read mid-stage it can be the elapsed share of the stage (a pro-rated target), so
15 of 25 chips 60% of the way through the stage is on plan, as the template's own
"无，按计划推进" says. Over-achievement is not a deviation, except for an exact (=)
target, where more than 10% either side is off target.
"""

from __future__ import annotations

import datetime as dt

from planner.model import AchievementRule, Comparator, Direction

DEVIATION_LIMIT = 0.10


def default_rule(direction: str) -> str:
    """ratio for higher-is-better, inverse for lower-is-better."""
    return (AchievementRule.inverse if direction == Direction.lower.value else AchievementRule.ratio).value


def achievement_rate(
    actual: float | None,
    target: float | None,
    *,
    rule: str = AchievementRule.ratio.value,
    baseline: float | None = None,
) -> float | None:
    """The achievement rate (1.0 = target reached) or None when there is no meaningful rate."""
    if actual is None or target is None:
        return None
    if rule == AchievementRule.progress.value:
        if baseline is None or target == baseline:
            return None
        return (actual - baseline) / (target - baseline)
    if rule == AchievementRule.inverse.value:
        if target == 0 or actual <= 0:
            return None
        return target / actual
    if target == 0:
        return None
    return actual / target


def is_met(actual: float | None, target: float | None, comparator: str) -> bool | None:
    """Whether the actual satisfies the target's comparator (≥, ≤, =); None without figures."""
    if actual is None or target is None:
        return None
    if comparator == Comparator.le.value:
        return actual <= target
    if comparator == Comparator.eq.value:
        return actual == target
    return actual >= target


def deviation(rate: float | None, expected: float = 1.0) -> float | None:
    """Relative shortfall against what was expected by now; negative when ahead; None without a rate."""
    if rate is None or expected <= 0:
        return None
    return (expected - rate) / expected


def is_off_target(
    rate: float | None,
    expected: float = 1.0,
    *,
    comparator: str = Comparator.ge.value,
    limit: float = DEVIATION_LIMIT,
) -> bool:
    """True when the shortfall exceeds `limit` (or, for an exact target, the gap either side)."""
    gap = deviation(rate, expected)
    if gap is None:
        return False
    if comparator == Comparator.eq.value:
        return abs(gap) > limit
    return gap > limit


def elapsed_share(day: dt.date, start: dt.date, end: dt.date) -> float:
    """Share of the inclusive window [start, end] elapsed by the end of `day`, clamped to 0..1."""
    if end < start:
        return 1.0
    total = (end - start).days + 1
    done = (day - start).days + 1
    return min(1.0, max(0.0, done / total))
