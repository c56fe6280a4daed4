"""A small builder for in-memory plans used by the scheduling tests (no database)."""

from __future__ import annotations

import datetime as dt

from planner import model as m
from planner.plan import Plan

MONDAY = dt.date(2025, 1, 6)  # programme start in most tests: working-day index 0


def day(index: int, start: dt.date = MONDAY) -> dt.date:
    """Date of working-day `index` on a plain Mon-Fri calendar starting on a Monday."""
    weeks, rest = divmod(index, 5)
    return start + dt.timedelta(days=7 * weeks + rest)


class PlanBuilder:
    def __init__(self, start: dt.date = MONDAY, *, region: str = "", workweek: str = "1111100",
                 status: dt.date | None = None):
        self.programme = m.Programme(id=1, name="Test", start_date=start, holiday_region=region,
                                     workweek=workweek, status_date=status)
        self.tasks: list[m.Task] = []
        self.deps: list[m.Dependency] = []
        self.exceptions: list[m.CalendarException] = []
        self.milestones: list[m.Milestone] = []
        self._ids: dict[str, int] = {}

    def task(self, code: str, days: int | None = 5, *, start: dt.date | None = None, end: dt.date | None = None,
             manual: bool = False, progress: float = 0.0, milestone: bool = False,
             actual_start: dt.date | None = None, actual_finish: dt.date | None = None,
             parent: str | None = None, undated: bool = False) -> "PlanBuilder":
        tid = len(self.tasks) + 1
        if not undated:
            start = start or self.programme.start_date
            end = end or start
        self.tasks.append(m.Task(
            id=tid, code=code, order=tid, start_date=start, end_date=end, duration_days=days,
            scheduling="manual" if manual else "auto", progress=progress, is_milestone=milestone,
            actual_start=actual_start, actual_finish=actual_finish,
            parent_id=self._ids[parent] if parent else None, estimated=undated,
            status="done" if progress >= 1 else ("in_progress" if progress > 0 else "not_started"),
        ))
        self._ids[code] = tid
        return self

    def summary(self, code: str, parent: str | None = None) -> "PlanBuilder":
        """A summary task: its dates are rolled up from the tasks later given `parent=code`."""
        return self.task(code, None, parent=parent)

    def manual(self, code: str, start: dt.date, end: dt.date, **kw) -> "PlanBuilder":
        return self.task(code, None, start=start, end=end, manual=True, **kw)

    def link(self, pred: str, succ: str, type: str = "FS", lag: int = 0, unit: str = "d",
             threshold: float = 1.0, text: str = "") -> "PlanBuilder":
        self.deps.append(m.Dependency(
            id=len(self.deps) + 1, predecessor_id=self._ids.get(pred, 999), successor_id=self._ids[succ],
            type=type, lag=lag, lag_unit=unit, threshold=threshold, text=text or pred,
        ))
        return self

    def exception(self, when: dt.date, working: bool) -> "PlanBuilder":
        self.exceptions.append(m.CalendarException(id=len(self.exceptions) + 1, day=when, working=working))
        return self

    def milestone(self, name: str, when: dt.date, task: str | None = None, **kw) -> "PlanBuilder":
        self.milestones.append(m.Milestone(id=len(self.milestones) + 1, order=len(self.milestones), name=name,
                                           date=when, task_id=self._ids[task] if task else None, **kw))
        return self

    def id(self, code: str) -> int:
        return self._ids[code]

    def build(self) -> Plan:
        return Plan(programme=self.programme, calendar_exceptions=self.exceptions, tasks=self.tasks,
                    dependencies=self.deps, milestones=self.milestones)


def a_plan(**kw) -> PlanBuilder:
    return PlanBuilder(**kw)


def everything(result) -> dict:
    """Every field of a `ScheduleResult` a view shows, for comparing two schedules."""
    return {
        "timings": dict(result.timings), "links": dict(result.links), "conflicts": list(result.conflicts),
        "critical": list(result.critical_path), "milestones": dict(result.milestones),
        "span": (result.project_start, result.project_finish), "summaries": dict(result.summary_progress),
    }
