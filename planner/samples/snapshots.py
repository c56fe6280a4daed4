"""Report snapshots for the samples: each saved as a baseline of the forecast at a past report date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner import model as m
from planner.samples.writer import RowBook


@dataclass(frozen=True)
class Report:
    """One progress report: what the team forecast on `taken_on`.

    `progress` gives each task's progress then (tasks finished by then count as 1.0 and need no
    entry; tasks left out had not started). `slip` gives the days a task's forecast finish (and,
    while it has not started, its start) lay after the plan.
    """

    name: str
    taken_on: dt.date
    progress: dict[str, float] = field(default_factory=dict)
    slip: dict[str, int] = field(default_factory=dict)


def add_reports(book: RowBook, tasks: dict[str, m.Task], reports: list[Report]) -> None:
    """One baseline per report holding every task's forecast dates and progress at its date."""
    for report in reports:
        unknown = sorted((set(report.progress) | set(report.slip)) - set(tasks))
        if unknown:
            raise KeyError(f"report {report.name}: unknown task codes {', '.join(unknown)}")
        baseline = book.add(m.Baseline(name=report.name, taken_on=report.taken_on))
        for code, task in tasks.items():
            start, end, progress = task_at(task, report)
            book.add(m.BaselineTask(baseline_id=baseline.id, task_id=task.id, start_date=start,
                                    end_date=end, progress=progress))


def task_at(task: m.Task, report: Report) -> tuple[dt.date, dt.date, float]:
    """(start, finish, progress) of `task` as forecast in `report`; actual dates once known then."""
    shift = dt.timedelta(days=report.slip.get(task.code, 0))
    started = task.actual_start is not None and task.actual_start <= report.taken_on
    finished = task.actual_finish is not None and task.actual_finish <= report.taken_on
    start = task.actual_start if started else _not_before(task.start_date + shift, report.taken_on)
    end = task.actual_finish if finished else task.end_date + shift
    progress = 1.0 if finished else report.progress.get(task.code, 0.0)
    return start, end, progress


def _not_before(start: dt.date, taken_on: dt.date) -> dt.date:
    """A task not started by the report is forecast to start after it (on a weekday), not in the past."""
    if start > taken_on:
        return start
    day = taken_on + dt.timedelta(days=1)
    return day + dt.timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day
