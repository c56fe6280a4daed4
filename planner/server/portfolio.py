"""The PMO's view of a server: every plan it may read, with its status (late tasks, indicators
off target, next milestones, RACI problems) and its milestones for a chart across plans.

Reuses the monthly review's measures (`planner.reports.review.gather_review`), so the portfolio
and a plan's own review always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.errors import PlannerError
from planner.server.url import ServerURL, parse


@dataclass
class PlanStatus:
    name: str
    role: str | None
    schema_version: int
    tasks: int = 0
    late: int = 0
    off_target: int = 0
    raci_problems: int = 0
    unacknowledged: int = 0  # R/A letters no acknowledgement holds for (planner.raci_ack)
    next_milestones: list[tuple[str, dt.date, str]] = field(default_factory=list)  # name, planned, status
    milestones: list = field(default_factory=list)  # MilestonePoint of every milestone
    error: str = ""  # why the plan could not be read (no permission, a newer format ...)


def plan_status(url: ServerURL, name: str, role: str | None, version: int, lang: str = "en") -> PlanStatus:
    from planner.charts.common import ChartContext
    from planner.charts.milestones import collect_milestones
    from planner.reports.review import gather_review
    from planner.schedule import schedule_plan
    from planner.schedule.loader import fast_load_plan
    from planner.server.project import ServerProject
    from planner.server.raci_ack import ACKNOWLEDGED, assignments

    status = PlanStatus(name, role, version)
    try:
        with ServerProject.open(url.with_plan(name), read_only=True, listen=False) as project:
            plan = fast_load_plan(project)
            try:
                status.unacknowledged = sum(1 for a in assignments(project) if a.state != ACKNOWLEDGED)
            except PlannerError:  # a catalogue older than the acknowledgements: none to count
                status.unacknowledged = 0
    except PlannerError as exc:
        status.error = str(exc)
        return status
    try:
        schedule = schedule_plan(plan)
    except PlannerError:
        schedule = None
    ctx = ChartContext(plan, schedule, lang=lang)
    review = gather_review(ctx)
    status.tasks = review.tasks_total
    status.late = len(review.late_tasks)
    status.off_target = len(review.off_target)
    status.raci_problems = len(review.raci_problems)
    points = collect_milestones(ctx).points
    status.milestones = list(points)
    upcoming = sorted((p for p in points if p.status != "met"), key=lambda p: p.forecast)
    status.next_milestones = [(p.name, p.forecast, p.status) for p in upcoming[:3]]
    return status


def portfolio(url: str | ServerURL, lang: str = "en") -> list[PlanStatus]:
    """Every plan on the server, with its status; plans this login may not read say why."""
    from planner.server.project import list_plans

    url = parse(url) if isinstance(url, str) else url
    return [plan_status(url, p["name"], p["role"], p["schema_version"], lang) for p in list_plans(url)]
