"""Gantt geometry (Qt-free): rows, day-space data, pixel layout, links, ticks and hit testing."""

from __future__ import annotations

from planner.gantt.data import GanttData, build_data
from planner.gantt.layout import Band, Bar, Diamond, GanttLayout, Link, layout
from planner.gantt.rows import BY_MODULE, BY_STAGE, FLAT, Row, build_rows
from planner.gantt.scale import CALENDAR, LEVELS, PROJECT, TimeScale
from planner.gantt.source import schedule_or_dates


def gantt_for(plan, schedule=None, *, scale: TimeScale | None = None, group_by: str = BY_STAGE,
              collapsed: frozenset[str] = frozenset(), baseline_id: int | None = None,
              lang: str = "zh") -> GanttLayout:
    """The whole pipeline in one call: rows -> day-space data -> layout on `scale`."""
    schedule = schedule if schedule is not None else schedule_or_dates(plan)
    labels = {"ungrouped_label": "未分组", "milestones_label": "里程碑"} if lang.startswith("zh") else {
        "ungrouped_label": "Ungrouped", "milestones_label": "Milestones"}
    rows = build_rows(plan, group_by, collapsed, **labels)
    data = build_data(plan, schedule, rows, baseline_id=baseline_id)
    scale = scale or TimeScale.at_level(plan.programme.start_date, "week", lang=lang,
                                        weeks=plan.programme.week_numbering)
    return layout(data, scale)


__all__ = [
    "BY_MODULE", "BY_STAGE", "Band", "Bar", "CALENDAR", "Diamond", "FLAT", "GanttData", "GanttLayout",
    "LEVELS", "Link", "PROJECT", "Row", "TimeScale", "build_data", "build_rows", "gantt_for", "layout",
    "schedule_or_dates",
]
