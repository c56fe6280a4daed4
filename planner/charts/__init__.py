"""Offline charts: a registry of chart kinds, each building a matplotlib Figure from a Plan."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from typing import Callable

from planner.i18n import _
from planner.changes import Area
from planner.charts.common import ChartContext, ChartResult
from planner.errors import ValidationError
from planner.plan import Plan
from planner.schedule.result import ScheduleResult


@dataclass(frozen=True)
class ChartKind:
    name: str
    title_key: str
    module: str  # planner.charts.<module>
    function: str  # builder taking a ChartContext, returning a ChartResult
    areas: Area = Area.ALL  # what the chart shows: a change elsewhere leaves it as it is

    def builder(self) -> Callable[[ChartContext], ChartResult]:
        return getattr(importlib.import_module(f"planner.charts.{self.module}"), self.function)


# Registration order is the dashboard's tab order and the monthly report's chart order.
CHART_KINDS: dict[str, ChartKind] = {}


def register_chart(name: str, title_key: str, module: str, function: str, areas: Area = Area.ALL) -> None:
    CHART_KINDS[name] = ChartKind(name, title_key, module, function, areas | Area.PROGRAMME)


_TIMELINE = Area.TASKS | Area.SCHEDULE | Area.STAGES | Area.MODULES
register_chart("milestones", "milestones.title", "milestones", "build_milestone_status", _TIMELINE | Area.MILESTONES)
register_chart("milestone-trend", "trend.title", "milestones", "build_milestone_trend",
               _TIMELINE | Area.MILESTONES | Area.BASELINES)
register_chart("dependencies", "network.title", "network", "build_network", _TIMELINE | Area.DEPENDENCIES)
register_chart("indicators", "indicators.title", "indicators", "build_indicator_achievement",
               Area.INDICATORS | Area.READINGS | Area.STAGES | Area.MODULES)
register_chart("indicator-trend", "indicator_trend.title", "indicators", "build_indicator_trend",
               Area.INDICATORS | Area.READINGS)
register_chart("heatmap", "heatmap.title", "heatmap", "build_heatmap", _TIMELINE | Area.ROADMAP)
register_chart("raci", "raci.title", "raci_load", "build_raci_load",
               Area.RACI | Area.TEAMS | Area.TASKS | Area.STAGES | Area.MODULES | Area.ROADMAP)
register_chart("headcount", "headcount.title", "headcount", "build_headcount",
               Area.TASKS | Area.SCHEDULE | Area.TEAMS)
if importlib.util.find_spec("planner.charts.gantt") is not None:
    register_chart("gantt", "gantt.title", "gantt_kind", "build_gantt")


def chart_kinds() -> list[str]:
    return list(CHART_KINDS)


def schedule_for(plan: Plan, status_date: dt.date | None = None) -> ScheduleResult | None:
    """The plan's schedule, or None when the plan cannot be scheduled (e.g. a cycle).

    Charts still draw from planned dates then; the `validate` command reports the reason.
    """
    from planner.errors import PlannerError
    from planner.schedule import schedule_plan

    try:
        return schedule_plan(plan, status_date)
    except PlannerError:
        return None


def build_chart(
    kind: str,
    plan: Plan,
    schedule: ScheduleResult | None = None,
    *,
    lang: str = "zh",
    today: dt.date | None = None,
    **options,
) -> ChartResult:
    """Build chart `kind`; the schedule is computed when not given."""
    spec = CHART_KINDS.get(kind)
    if spec is None:
        raise ValidationError(
            _("Unknown chart kind '{kind}'. Choose one of: {value}.", kind=kind, value=', '.join(CHART_KINDS)), where="kind"
        )
    if schedule is None:
        schedule = schedule_for(plan)
    ctx = ChartContext(plan, schedule, lang, today, options)
    return spec.builder()(ctx)
