"""Per-indicator achievement as charts and reports show it, from the core's indicator status.

The core (`planner.indicators.status`) decides the rate, the share of the target expected by the
reading's date (pro-rated over the stage) and whether the indicator is off target; this module only
adds what drawing needs: a signed deviation, a colour band and the exception note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner import model as m
from planner.indicators import status as core
from planner.plan import Plan

BAND = 0.10  # the users' rule: more than 10% short of what was expected calls for a deviation analysis


@dataclass(frozen=True)
class IndicatorStatus:
    status: core.IndicatorStatus

    @property
    def indicator(self) -> m.Indicator:
        return self.status.indicator

    @property
    def latest(self) -> m.Reading | None:
        return self.status.reading

    @property
    def rate(self) -> float | None:
        return self.status.rate

    @property
    def expected(self) -> float:
        """Share of the target expected by the reading's date (1.0 = the whole target)."""
        return self.status.expected

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def deviation(self) -> float | None:
        """Signed: -0.4 means 40% short of what was expected by now; positive when ahead."""
        gap = self.status.deviation
        return None if gap is None else -gap

    @property
    def off_target(self) -> bool:
        return self.status.off_target

    @property
    def band(self) -> str:
        """"below" (off target), "above" (more than 10% ahead), "within", or "none" without a rate."""
        if self.rate is None:
            return "none"
        if self.deviation is None:  # read before its stage began: nothing was due yet
            return "within"
        if self.off_target:
            return "below" if self.deviation < 0 else "above_off"
        return "above" if self.deviation > BAND else "within"

    @property
    def exception_note(self) -> str:
        return self.latest.exception_note if self.latest else ""


def indicator_statuses(plan: Plan, as_of: dt.date | None = None) -> list[IndicatorStatus]:
    """Every indicator in plan order, judged at `as_of` (default: the plan's status date)."""
    return [IndicatorStatus(s) for s in core.indicator_statuses(plan, as_of)]
