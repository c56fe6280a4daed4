"""Head-count load over time: per role or per team, by week or month, from the tasks' roles and dates.

A task with 适配工程师×12 from 2025-02-05 to 2025-06-09 needs 12 adapters in every week (or
month) it overlaps. Summing over tasks gives the load of each role or team per period; a load
above the capacity the PM sets for that role or team is an over-allocation. Every bar keeps the
tasks behind it, so a view can list them. Leaf tasks only: a summary task's roles are its
sub-tasks' (counting both would double the heads). Dates are the task's own, else its schedule's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.plan import Plan
from planner.schedule.result import ScheduleResult
from planner.work_groups import leaf_tasks

ROLE, TEAM = "role", "team"
WEEK, MONTH = "week", "month"
NO_TEAM = ""  # roles without a team are grouped under this key


@dataclass(frozen=True)
class LoadEntry:
    task_id: int
    code: str
    name: str
    headcount: int
    role: str


@dataclass
class LoadSeries:
    key: str  # role or team name
    capacity: int | None  # heads available per period; None = not set
    heads: list[int] = field(default_factory=list)  # per period
    tasks: list[list[LoadEntry]] = field(default_factory=list)  # per period: what makes up the bar

    def over(self) -> list[int]:
        """Indexes of the periods whose load exceeds the capacity."""
        if self.capacity is None:
            return []
        return [n for n, heads in enumerate(self.heads) if heads > self.capacity]

    @property
    def peak(self) -> int:
        return max(self.heads, default=0)


@dataclass
class HeadcountLoad:
    by: str  # role | team
    unit: str  # week | month
    periods: list[dt.date] = field(default_factory=list)  # first day of each period
    series: list[LoadSeries] = field(default_factory=list)
    week_one: dt.date | None = None  # Monday of the programme's week 1; None: ISO 8601 week numbers

    def label(self, index: int, lang: str = "en") -> str:
        """2025-03 by month; by week W6 / 第6周 in programme weeks (the plan's numbering), or 2025-W06 (ISO)."""
        day = self.periods[index]
        if self.unit == MONTH:
            return f"{day:%Y-%m}"
        if self.week_one is not None:
            number = (day - self.week_one).days // 7 + 1
            if number >= 1:
                return f"第{number}周" if lang.startswith("zh") else f"W{number}"
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"

    def period_text(self, index: int) -> str:
        """The label with the week's first day (a programme week alone does not say when it is)."""
        label = self.label(index)
        return label if self.unit == MONTH else f"{label} ({self.periods[index].isoformat()})"

    def tasks_behind(self, key: str, index: int) -> list[LoadEntry]:
        """The tasks (and their heads) that make up the bar of `key` in period `index`."""
        for series in self.series:
            if series.key == key:
                return list(series.tasks[index])
        raise KeyError(key)

    def over_allocations(self) -> list[tuple[str, int, int, int]]:
        """(key, period index, heads, capacity) of every over-allocated bar, in period order."""
        out = [(s.key, n, s.heads[n], s.capacity) for s in self.series for n in s.over()]
        return sorted(out, key=lambda item: (item[1], item[0]))


def period_start(day: dt.date, unit: str) -> dt.date:
    if unit == MONTH:
        return day.replace(day=1)
    return day - dt.timedelta(days=day.weekday())


def next_period(day: dt.date, unit: str) -> dt.date:
    if unit == MONTH:
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=7)


def task_span(task, schedule: ScheduleResult | None) -> tuple[dt.date, dt.date] | None:
    if task.start_date is not None and task.end_date is not None:
        return task.start_date, task.end_date
    timing = schedule.timings.get(task.id) if schedule is not None else None
    if timing is None:
        return None
    return timing.start, timing.finish


def plan_capacities(plan: Plan, by: str = ROLE) -> dict[str, int]:
    """The capacity the PM set on each role (or team), by name; those without one are left out."""
    rows = plan.roles if by == ROLE else plan.teams
    return {row.name: row.capacity for row in rows if row.capacity is not None}


def headcount_load(plan: Plan, schedule: ScheduleResult | None = None, *, by: str = ROLE, unit: str = WEEK,
                   capacities: dict[str, int] | None = None, first: dt.date | None = None,
                   last: dt.date | None = None) -> HeadcountLoad:
    """The load of every role (or team) per week (or month) over the plan, or over [first, last].

    `capacities` (name -> heads per period) defaults to those set on the plan's roles or teams.
    """
    if by not in (ROLE, TEAM) or unit not in (WEEK, MONTH):
        raise ValueError(f"by must be role or team and unit week or month, not {by}/{unit}")
    capacities = plan_capacities(plan, by) if capacities is None else capacities
    roles, teams = plan.role_by_id, plan.team_by_id
    spans = {}
    for task in leaf_tasks(plan):
        span = task_span(task, schedule)
        if span is not None and plan.roles_of_task.get(task.id):
            spans[task.id] = (task, span)
    programme = plan.programme
    week_one = None
    if unit == WEEK and programme.week_numbering != "iso" and programme.start_date is not None:
        week_one = period_start(programme.start_date, WEEK)
    load = HeadcountLoad(by, unit, week_one=week_one)
    if not spans:
        return load
    lo = first or min(s[0] for _, s in spans.values())
    hi = last or max(s[1] for _, s in spans.values())
    day = period_start(lo, unit)
    while day <= hi:
        load.periods.append(day)
        day = next_period(day, unit)
    index_of = {d: n for n, d in enumerate(load.periods)}
    series: dict[str, LoadSeries] = {}

    def series_of(key: str) -> LoadSeries:
        if key not in series:
            series[key] = LoadSeries(key, capacities.get(key), [0] * len(load.periods),
                                     [[] for _ in load.periods])
        return series[key]

    for task, (start, end) in spans.values():
        start, end = max(start, lo), min(end, hi)
        if end < start:
            continue
        for task_role in plan.roles_of_task[task.id]:
            role = roles.get(task_role.role_id)
            if role is None or task_role.headcount <= 0:
                continue
            if by == ROLE:
                key = role.name
            else:
                team = teams.get(role.team_id) if role.team_id is not None else None
                key = team.name if team is not None else NO_TEAM
            target = series_of(key)
            day = period_start(start, unit)
            while day <= end:
                n = index_of[day]
                target.heads[n] += task_role.headcount
                target.tasks[n].append(LoadEntry(task.id, task.code, task.name, task_role.headcount, role.name))
                day = next_period(day, unit)
    load.series = sorted(series.values(), key=lambda s: (-s.peak, s.key))
    return load
