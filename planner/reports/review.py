"""What a monthly review reports, gathered from a plan and its schedule as plain data."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from planner.i18n import _
from planner.charts.common import ChartContext
from planner.charts.milestones import MilestonePoint, collect_milestones
from planner.charts.raci_load import raci_problem_text
from planner.charts.rates import IndicatorStatus, indicator_statuses
from planner.errors import ValidationError
from planner.plan import Plan
from planner.work_groups import leaf_tasks
from planner.raci import check_plan
from planner.schedule.result import ScheduleResult


@dataclass(frozen=True)
class BlockedLink:
    state: str  # "blocking" or "broken"
    predecessor: str  # task code
    predecessor_name: str
    successor: str
    successor_name: str
    needs: str  # "完成" / "30%"
    predecessor_progress: float
    slack: int


@dataclass
class ReviewData:
    month: str  # YYYY-MM
    first_day: dt.date
    last_day: dt.date
    today: dt.date
    tasks_total: int = 0
    tasks_done: int = 0
    completion: float = 0.0  # duration-weighted progress of all tasks
    late_tasks: list[str] = field(default_factory=list)  # codes
    due: list[MilestonePoint] = field(default_factory=list)  # planned within the month
    met: list[MilestonePoint] = field(default_factory=list)  # met, planned or reached within the month
    missed: list[MilestonePoint] = field(default_factory=list)  # missed so far
    at_risk: list[MilestonePoint] = field(default_factory=list)
    indicators_rated: int = 0
    off_target: list[IndicatorStatus] = field(default_factory=list)
    blocked: list[BlockedLink] = field(default_factory=list)
    raci_problems: list[str] = field(default_factory=list)


def parse_month(text: str | None, today: dt.date) -> tuple[str, dt.date, dt.date]:
    """"2025-03" -> ("2025-03", first day, last day); None -> the status date's month."""
    if text:
        try:
            year, month = (int(part) for part in text.split("-"))
            first = dt.date(year, month, 1)
        except ValueError:
            raise ValidationError(_("--month: “{text}” is not a month (YYYY-MM).", text=text), where="--month") from None
    else:
        first = today.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return f"{first:%Y-%m}", first, last


def gather_review(ctx: ChartContext, month: str | None = None) -> ReviewData:
    label, first, last = parse_month(month, ctx.today)
    data = ReviewData(label, first, last, ctx.today)
    _tasks(ctx.plan, ctx.schedule, data)
    _milestones(ctx, data)
    statuses = indicator_statuses(ctx.plan, ctx.today)
    data.indicators_rated = sum(1 for s in statuses if s.rate is not None)
    data.off_target = [s for s in statuses if s.off_target]
    data.blocked = blocked_links(ctx)
    data.raci_problems = [raci_problem_text(issue, ctx.lang) for issue in check_plan(ctx.plan)]
    return data


def _tasks(plan: Plan, schedule: ScheduleResult | None, data: ReviewData) -> None:
    tasks = leaf_tasks(plan)  # a summary is its sub-tasks' roll-up: counted through them
    data.tasks_total = len(tasks)
    data.tasks_done = sum(1 for t in tasks if t.progress >= 1)
    weights = [_days(t, schedule) for t in tasks]
    if weights:
        data.completion = sum(w * t.progress for w, t in zip(weights, tasks)) / sum(weights)
    if schedule is not None:
        data.late_tasks = [t.code for t in tasks if t.id in schedule.timings and schedule.timings[t.id].late]


def _days(task, schedule: ScheduleResult | None) -> int:
    """Calendar days the task spans (its schedule's when it has no dates of its own yet)."""
    start, end = task.start_date, task.end_date
    if start is None:
        timing = schedule.timings.get(task.id) if schedule is not None else None
        if timing is None:
            return max(task.duration_days or 1, 1)
        start, end = timing.start, timing.finish
    return max((end - start).days + 1, 1)


def _milestones(ctx: ChartContext, data: ReviewData) -> None:
    actual = {m.id: m.actual_date for m in ctx.plan.milestones}
    for point in collect_milestones(ctx).points:
        in_month = data.first_day <= point.planned <= data.last_day
        reached = actual.get(point.milestone_id)
        if in_month:
            data.due.append(point)
        if point.status == "met" and (in_month or (reached and data.first_day <= reached <= data.last_day)):
            data.met.append(point)
        elif point.status == "missed":
            data.missed.append(point)
        elif point.status == "at_risk":
            data.at_risk.append(point)


def blocked_links(ctx: ChartContext) -> list[BlockedLink]:
    """Links that block work now or that the plan itself breaks, blocking first."""
    if ctx.schedule is None:
        return []
    plan, out = ctx.plan, []
    for dep in plan.dependencies:
        status = ctx.schedule.links.get(dep.id)
        state = getattr(status.state, "value", None) if status else None
        if state not in ("blocking", "broken"):
            continue
        pred, succ = plan.task_by_id[dep.predecessor_id], plan.task_by_id[dep.successor_id]
        needs = f"{dep.threshold:.0%}" if dep.threshold < 1 else ("完成" if ctx.lang == "zh" else "finish")
        out.append(BlockedLink(state, pred.code, pred.name, succ.code, succ.name, needs, pred.progress, status.slack))
    out.sort(key=lambda b: (b.state != "blocking", b.successor))
    return out
