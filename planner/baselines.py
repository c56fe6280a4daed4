"""Baseline variance, as MS Project's Start/Finish/Duration Variance: how far each task has moved
from the dates a baseline kept, in working days of the plan's calendar (+ later or longer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner import model as m


@dataclass(frozen=True)
class Variance:
    start: int  # working days the start moved (+ later than the baseline)
    finish: int  # working days the finish moved (+ later)
    duration: int  # working days longer (+) or shorter than the baseline's


def latest(plan) -> m.Baseline | None:
    """The baseline set last (the one just taken, whatever date it was given)."""
    return max(plan.baselines, key=lambda b: b.id or 0, default=None)


def shift(cal, before: dt.date, after: dt.date) -> int:
    """Signed working days from `before` to `after` (0 when the same day)."""
    from planner.gantt.workdays import working_days  # the Gantt package (and numpy) only once needed

    if after > before:
        return working_days(cal, before + dt.timedelta(days=1), after)
    if after < before:
        return -working_days(cal, after + dt.timedelta(days=1), before)
    return 0


class VarianceTable:
    """Variances of one baseline, computed per task on first use (a 10,000-task plan pays only for
    the rows shown)."""

    def __init__(self, plan, schedule, baseline_id: int | None):
        self.plan, self.schedule, self.baseline_id = plan, schedule, baseline_id
        self.kept = {b.task_id: b for b in plan.baseline_tasks if b.baseline_id == baseline_id}
        self._cal = None
        self._cache: dict[int, Variance | None] = {}

    def current_span(self, task) -> tuple[dt.date, dt.date] | None:
        timing = self.schedule.timings.get(task.id) if self.schedule is not None else None
        if timing is not None:
            return timing.start, timing.finish
        if task.start_date is not None and task.end_date is not None:
            return task.start_date, task.end_date
        return None

    def of(self, task) -> Variance | None:
        """None when the baseline did not keep the task (added since, or undated then)."""
        if task.id in self._cache:
            return self._cache[task.id]
        kept, now = self.kept.get(task.id), self.current_span(task)
        found = None
        if kept is not None and now is not None:
            from planner.gantt.workdays import calendar_for, working_days

            if self._cal is None:
                self._cal = calendar_for(self.plan)
            cal = self._cal
            found = Variance(shift(cal, kept.start_date, now[0]), shift(cal, kept.end_date, now[1]),
                             working_days(cal, *now) - working_days(cal, kept.start_date, kept.end_date))
        self._cache[task.id] = found
        return found
