"""Conversions MS Project XML needs both ways, so the reader undoes exactly what the writer does."""

from __future__ import annotations

from planner import model as m

MINUTES_PER_DAY = 480
PRIORITY = {"high": 700, "medium": 600, "low": 300}  # 500, MS Project's default, means none was set


def derived_status(percent: int) -> str:
    """The status a percentage complete implies (what a reader of MS Project's value assumes)."""
    return (m.TaskStatus.done if percent >= 100 else m.TaskStatus.in_progress if percent > 0
            else m.TaskStatus.not_started).value


def link_type(d: m.Dependency) -> str:
    """A threshold link ("start when TP-02 is 30% done") is MS Project's SS with a 30% lag."""
    return "SS" if d.threshold < 1 and d.type == "FS" else d.type


def link_lag(d: m.Dependency, predecessor_days: int) -> tuple[int, int]:
    """(LinkLag, LagFormat): working days in tenths of a minute (format 7), weeks (9), percent (19)."""
    if d.threshold < 1 and d.type == "FS":
        if d.lag:  # 30% done, then 2 more days: the percentage in days, plus the lag
            days = round(d.threshold * predecessor_days) + (d.lag * 5 if d.lag_unit == "w" else d.lag)
            return days * MINUTES_PER_DAY * 10, 7
        return round(d.threshold * 100), 19
    if d.lag_unit == m.LagUnit.week.value:
        return d.lag * 5 * MINUTES_PER_DAY * 10, 9
    return d.lag * MINUTES_PER_DAY * 10, 7
