"""The Gantt in day space: one flat array per attribute, indexed by row, built once per plan."""

# Zooming and scrolling never rebuild this; `planner.gantt.layout` maps it to pixels for the
# rows on screen only. Day values are day indices from the programme start; ends are exclusive.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from planner.collector import paused
from planner.gantt.rows import GROUP, MILESTONES, TASK, Row

NONE = np.iinfo(np.int32).min  # "no date" in the day-index arrays
KIND_CODE = {TASK: 0, GROUP: 1, MILESTONES: 2}
TYPE_CODE = {"FS": 0, "SS": 1, "FF": 2, "SF": 3}
TYPE_NAME = {v: k for k, v in TYPE_CODE.items()}


@dataclass
class Marker:
    """A plan milestone drawn as a diamond on a row."""

    row: int
    day: int
    name: str
    milestone_id: int


@dataclass
class GanttData:
    origin: dt.date
    rows: list[Row]
    kind: np.ndarray  # int8, KIND_CODE
    start: np.ndarray  # int32 day index; NONE for a row without a bar
    end: np.ndarray  # int32, exclusive
    progress: np.ndarray  # float32 0..1
    critical: np.ndarray  # bool
    float_end: np.ndarray  # int32, exclusive end of the total-float tail (== end when none)
    actual_start: np.ndarray  # int32 or NONE
    actual_end: np.ndarray
    base_start: np.ndarray  # int32 or NONE (the chosen baseline)
    base_end: np.ndarray
    is_milestone: np.ndarray  # bool: a task drawn as a diamond
    task_id: np.ndarray  # int64, -1 for group rows
    is_summary: np.ndarray  # bool: a summary task (bar with end caps over its sub-tasks)
    roles: list[str]
    row_of_task: dict[int, int]
    markers: dict[int, list[Marker]] = field(default_factory=dict)
    # links, sorted by their top row so a window query is a bisect plus a vector compare
    link_dep: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_pred: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    link_succ: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    link_type: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    link_threshold: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    link_broken: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # -1 not looked up yet
    link_states: object = None  # the schedule's dependency id -> LinkStatus mapping (read lazily)
    link_lo: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    link_hi: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    link_day_lo: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    link_day_hi: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    links_of_row: dict[int, list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def day_range(self) -> tuple[int, int]:
        """First and last+1 day index of everything drawn (0, 1 for an empty plan)."""
        has = self.start != NONE
        if not has.any():
            return 0, 1
        lo = int(self.start[has].min())
        hi = int(max(self.end[has].max(), self.float_end[has].max()))
        base = self.base_start != NONE
        if base.any():
            lo, hi = min(lo, int(self.base_start[base].min())), max(hi, int(self.base_end[base].max()))
        for marks in self.markers.values():
            for mk in marks:
                lo, hi = min(lo, mk.day), max(hi, mk.day + 1)
        return lo, hi

    def is_broken(self, i: int) -> bool:
        """Whether link i is broken; asked of the schedule only for links that get drawn."""
        known = self.link_broken[i]
        if known < 0:
            status = self.link_states.get(int(self.link_dep[i])) if self.link_states is not None else None
            known = self.link_broken[i] = int(status is not None and status.state.value == "broken")
        return bool(known)

    def task_span(self, row: int) -> tuple[int, int] | None:
        if self.start[row] == NONE:
            return None
        return int(self.start[row]), int(self.end[row])


def build_data(plan, schedule, rows: list[Row], *, baseline_id: int | None = None,
               status_date: dt.date | None = None) -> GanttData:
    """Arrays for `rows` from the plan and its schedule (`ScheduleResult`)."""
    with paused():  # hundreds of thousands of small tuples, no cycles
        return _build(plan, schedule, rows, baseline_id, status_date)


def patch_data(old: GanttData, plan, schedule, *, baseline_id: int | None = None,
               status_date: dt.date | None = None) -> GanttData:
    """`build_data(plan, schedule, old.rows, ...)` for a plan whose rows, links and milestones are
    those `old` was built from (only task fields and the schedule changed): the row lookup, the
    markers and the links' rows are kept, every bar is filled again from the new schedule (one
    moved task can change any task's float and critical flag)."""
    with paused():  # hundreds of thousands of small tuples, no cycles
        return _build(plan, schedule, old.rows, baseline_id, status_date, old)


def _build(plan, schedule, rows, baseline_id, status_date, old: GanttData | None = None) -> GanttData:
    origin = plan.programme.start_date
    n = len(rows)
    cols = _empty_columns(n)  # plain lists while filling: numpy item assignment is slow
    row_of_task: dict[int, int] = {} if old is None else old.row_of_task
    roles: list[str] = [""] * n
    today = status_date or schedule.status_date or plan.programme.status_date or dt.date.today()
    base = _baseline_spans(plan, baseline_id)
    tasks, timing_of = _task_fields(plan), _timings(schedule)
    for r, row in enumerate(rows):
        cols["kind"][r] = KIND_CODE[row.kind]
        if row.kind == TASK:
            if old is None:
                row_of_task[row.task_id] = r
            task = tasks[row.task_id]
            roles[r] = task[_ROLES]
            _fill_task(cols, r, row.task_id, task, timing_of(row.task_id), origin, today, base.get(row.task_id))
            if row.summary:
                cols["is_summary"][r] = True
                cols["progress"][r] = schedule.summary_progress.get(row.task_id, task[_PROGRESS])
        elif row.kind == GROUP:
            _fill_group(cols, r, row, tasks, timing_of, origin)
    arrays = {name: np.array(values, _DTYPES[name]) for name, values in cols.items()}
    data = GanttData(origin=origin, rows=rows, roles=roles, row_of_task=row_of_task, **arrays)
    if old is None:
        data.markers = _markers(plan, rows, row_of_task, origin)
        _fill_links(data, plan, schedule)
    else:
        data.markers = old.markers
        _keep_links(data, old, schedule)
    return data


_DTYPES = {"start": np.int32, "end": np.int32, "float_end": np.int32, "actual_start": np.int32,
           "actual_end": np.int32, "base_start": np.int32, "base_end": np.int32, "kind": np.int8,
           "progress": np.float32, "critical": bool, "is_milestone": bool, "task_id": np.int64, "is_summary": bool}


def _empty_columns(n: int) -> dict[str, list]:
    defaults = {"kind": 0, "progress": 0.0, "critical": False, "is_milestone": False, "task_id": -1,
                "is_summary": False}
    return {name: [defaults.get(name, int(NONE))] * n for name in _DTYPES}


# the task fields read here, column by column (`planner.columns`): read one attribute at a time,
# 10,000 ORM rows go ~80,000 times through SQLAlchemy's instrumentation on every build
_TASK_FIELDS = ("start_date", "end_date", "progress", "is_milestone", "actual_start", "actual_finish", "roles_text")
_START, _END, _PROGRESS, _IS_MILESTONE, _ACTUAL_START, _ACTUAL_FINISH, _ROLES = range(len(_TASK_FIELDS))


def _task_fields(plan) -> dict[int, tuple]:
    """Task id -> its `_TASK_FIELDS`."""
    from planner.columns import columns

    cols = columns(plan.tasks, ("id",) + _TASK_FIELDS)
    return dict(zip(cols[0], zip(*cols[1:])))


def _timings(schedule):
    """task id -> (start, finish, late finish, total float, critical) of its timing, or None: from the
    schedule's columns when it has them (no `TaskTiming` built per task), else its timings."""
    if schedule.timing_columns is not None:
        c = schedule.timing_columns()
        index_of, start, finish, late_finish, total = c.index_of, c.start, c.finish, c.late_finish, c.total_float

        def of_columns(task_id):
            i = index_of.get(task_id)
            return None if i is None else (start[i], finish[i], late_finish[i], total[i], total[i] <= 0)

        return of_columns
    timings = schedule.timings

    def of_timings(task_id):
        t = timings.get(task_id)
        return None if t is None else (t.start, t.finish, t.late_finish, t.total_float, t.critical)

    return of_timings


def _fill_task(cols, r, task_id, task, timing, origin, today, base) -> None:
    start = timing[0] if timing else task[_START]
    finish = timing[1] if timing else task[_END]
    cols["task_id"][r] = task_id
    if start is None:  # not scheduled yet and no schedule to place it: no bar
        return
    cols["start"][r] = (start - origin).days
    cols["end"][r] = (finish - origin).days + 1
    cols["progress"][r] = task[_PROGRESS]
    cols["is_milestone"][r] = task[_IS_MILESTONE]
    cols["critical"][r] = bool(timing and timing[4])
    late_finish = timing[2] if timing and timing[3] > 0 else finish
    cols["float_end"][r] = (max(late_finish, finish) - origin).days + 1
    actual_start = task[_ACTUAL_START]
    if actual_start:
        actual_end = task[_ACTUAL_FINISH] or max(actual_start, min(today, finish))
        cols["actual_start"][r] = (actual_start - origin).days
        cols["actual_end"][r] = (actual_end - origin).days + 1
    if base:
        cols["base_start"][r] = (base[0] - origin).days
        cols["base_end"][r] = (base[1] - origin).days + 1


def _fill_group(arr, r, row, tasks, timing_of, origin) -> None:
    """A summary bar over the group's tasks; progress weighted by span."""
    spans = []
    for tid in row.children:
        t = tasks[tid]
        timing = timing_of(tid)
        s, f = (timing[0], timing[1]) if timing else (t[_START], t[_END])
        spans.append(((s - origin).days, (f - origin).days + 1, t[_PROGRESS]))
    if not spans:
        return
    lo, hi = min(s for s, _, _ in spans), max(f for _, f, _ in spans)
    weight = sum(f - s for s, f, _ in spans) or 1
    arr["start"][r], arr["end"][r], arr["float_end"][r] = lo, hi, hi
    arr["progress"][r] = sum((f - s) * p for s, f, p in spans) / weight


def _baseline_spans(plan, baseline_id):
    if baseline_id is None:
        return {}
    return {b.task_id: (b.start_date, b.end_date) for b in plan.baseline_tasks if b.baseline_id == baseline_id}


def _markers(plan, rows, row_of_task, origin) -> dict[int, list[Marker]]:
    free_row = next((i for i, row in enumerate(rows) if row.kind == MILESTONES), None)
    out: dict[int, list[Marker]] = {}
    for ms in plan.milestones:
        r = row_of_task.get(ms.task_id) if ms.task_id is not None else None
        r = free_row if r is None and (ms.task_id is None or ms.task_id not in plan.task_by_id) else r
        if r is not None:
            out.setdefault(r, []).append(Marker(r, (ms.date - origin).days, ms.name, ms.id))
    return out


def _fill_links(data: GanttData, plan, schedule) -> None:
    recs = []
    for dep in plan.dependencies:
        p, s = data.row_of_task.get(dep.predecessor_id), data.row_of_task.get(dep.successor_id)
        if p is None or s is None:
            continue  # an end is hidden in a collapsed group
        recs.append((min(p, s), max(p, s), dep.id, p, s, TYPE_CODE.get(dep.type, 0), dep.threshold))
    recs.sort()
    if not recs:
        return
    cols = list(zip(*recs))
    data.link_lo = np.array(cols[0], np.int32)
    data.link_hi = np.array(cols[1], np.int32)
    data.link_dep = np.array(cols[2], np.int64)
    data.link_pred = np.array(cols[3], np.int32)
    data.link_succ = np.array(cols[4], np.int32)
    data.link_type = np.array(cols[5], np.int8)
    data.link_threshold = np.array(cols[6], np.float32)
    _link_days(data, schedule)
    for i, (p, s) in enumerate(zip(cols[3], cols[4])):
        data.links_of_row.setdefault(p, []).append(i)
        data.links_of_row.setdefault(s, []).append(i)


def _link_days(data: GanttData, schedule) -> None:
    """What a link takes from the schedule and its ends' bars: its state (looked up when drawn)
    and the days it spans."""
    data.link_broken = np.full(len(data.link_dep), -1, np.int8)
    data.link_states = schedule.links
    ends = (data.start[data.link_pred], data.end[data.link_pred], data.start[data.link_succ], data.end[data.link_succ])
    data.link_day_lo = np.minimum.reduce([ends[0], ends[2]]) - 2
    data.link_day_hi = np.maximum.reduce([ends[1], ends[3]]) + 2


def _keep_links(data: GanttData, old: GanttData, schedule) -> None:
    """The links of `old` (same dependencies, same rows) on the new bars."""
    if not len(old.link_dep):
        return
    for name in ("link_lo", "link_hi", "link_dep", "link_pred", "link_succ", "link_type", "link_threshold"):
        setattr(data, name, getattr(old, name))
    data.links_of_row = old.links_of_row
    _link_days(data, schedule)
