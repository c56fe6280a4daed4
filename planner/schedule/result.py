"""What a schedule computation returns. Plain frozen dataclasses; no database, no Qt.

Working-day quantities (float, lag) are integers counted on the plan's calendar.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Callable


class LinkState(str, enum.Enum):
    satisfied = "satisfied"  # the predecessor has reached what the link needs (by reported progress)
    pending = "pending"  # not yet reached, but the successor has not needed it yet
    blocking = "blocking"  # not reached, and the successor is due to start (or has started)
    broken = "broken"  # the plan itself puts the successor before the predecessor allows


class ConflictKind(str, enum.Enum):
    date_before_dependency = "date_before_dependency"  # fixed start earlier than a link allows
    threshold_not_reached = "threshold_not_reached"  # started though the predecessor's progress is short
    unknown_predecessor = "unknown_predecessor"
    link_within_summary = "link_within_summary"  # a summary linked to one of its own sub-tasks (ignored)


@dataclass(frozen=True)
class TaskTiming:
    task_id: int
    start: dt.date  # scheduled (manual tasks keep their own dates)
    finish: dt.date
    early_start: dt.date
    early_finish: dt.date
    late_start: dt.date
    late_finish: dt.date
    duration: int  # working days
    total_float: int  # working days; negative when the task's fixed dates are too late
    free_float: int
    critical: bool
    late: bool = False  # behind plan at the status date
    at_risk: bool = False


@dataclass(frozen=True)
class LinkStatus:
    dependency_id: int
    predecessor_id: int
    successor_id: int
    state: LinkState
    earliest_successor_start: dt.date  # what the link allows (for FS/SS; finish for FF/SF)
    slack: int  # working days between what the link needs and what the plan does (<0: broken)


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    task_id: int | None
    task_code: str
    message: str  # English sentence naming the task(s); the UI maps `kind` for translation
    dependency_id: int | None = None
    days: int = 0


@dataclass(frozen=True)
class MilestoneForecast:
    milestone_id: int
    planned: dt.date
    forecast: dt.date
    status: str  # MilestoneStatus value
    slip_days: int  # working days, forecast - planned


@dataclass
class ScheduleResult:
    timings: dict[int, TaskTiming] = field(default_factory=dict)
    links: dict[int, LinkStatus] = field(default_factory=dict)
    critical_path: list[int] = field(default_factory=list)  # task ids, in order
    conflicts: list[Conflict] = field(default_factory=list)
    milestones: dict[int, MilestoneForecast] = field(default_factory=dict)
    project_start: dt.date | None = None
    project_finish: dt.date | None = None
    status_date: dt.date | None = None
    summary_progress: dict[int, float] = field(default_factory=dict)  # summary task id -> rolled-up progress
    # (network, passes, judged task arrays, link states, status index) this was computed from, for
    # `schedule_plan(..., progress_since=)`; not a result
    solved: tuple | None = field(default=None, repr=False, compare=False)
    # () -> `views.TimingColumns`: the timings' dates and float as columns by task index, for a view
    # that reads every task (the Gantt) without building a `TaskTiming` per task; None without a scheduler
    timing_columns: Callable[[], object] | None = field(default=None, repr=False, compare=False)


def conflicts_by_task(conflicts: list[Conflict]) -> dict[int, list[Conflict]]:
    """Conflicts grouped by the task they are about (what `planner validate` lists, per row)."""
    out: dict[int, list[Conflict]] = {}
    for c in conflicts:
        if c.task_id is not None:
            out.setdefault(c.task_id, []).append(c)
    return out
