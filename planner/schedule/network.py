"""Turn a `Plan` into the scheduler's integer `Network` (durations, fixed starts, link weights)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.schedule.calendar import WorkCalendar, calendar_for
from planner.schedule.cpm import Network, link_weight
from planner.schedule.result import Conflict, ConflictKind

_DONE = "done"


def _row(obj) -> dict:
    """Column values of a detached row. Reading the instance dict skips SQLAlchemy's
    attribute instrumentation, which is several times slower over 10,000+ rows."""
    d = obj.__dict__
    return d if "id" in d else {k: getattr(obj, k) for k in type(obj).model_fields}


@dataclass
class TaskArrays:
    """Per-task facts the scheduler and the status pass need, by task index."""

    ids: list[int]
    codes: list[str]
    manual: list[bool]
    planned_start: list[dt.date]
    planned_finish: list[dt.date]
    planned_index: list[int]  # working-day index of the planned start
    progress: list[float]
    started: list[bool]
    done: list[bool]
    milestone: list[bool]
    index_of: dict[int, int] = field(default_factory=dict)  # task id -> index


@dataclass
class Built:
    net: Network
    tasks: TaskArrays
    calendar: WorkCalendar
    edge_dep: list  # per edge: the Dependency row's dict
    edge_type: list[str]
    edge_threshold: list[float]
    conflicts: list[Conflict]


def plan_span(plan) -> tuple[dt.date, dt.date]:
    lo = hi = plan.programme.start_date
    for t in plan.tasks:
        d = _row(t)
        s, e = d["start_date"], d["end_date"]
        if s < lo:
            lo = s
        if e > hi:
            hi = e
    return lo, hi


def build(plan, calendar: WorkCalendar | None = None) -> Built:
    cal = calendar or calendar_for(plan.programme, plan.calendar_exceptions, span=plan_span(plan))
    tasks, duration, fixed = _tasks(plan, cal)
    pred: list[int] = []
    succ: list[int] = []
    weight: list[int] = []
    edge_dep: list = []
    edge_type: list[str] = []
    edge_thr: list[float] = []
    conflicts: list[Conflict] = []
    index_of = tasks.index_of
    per_week = cal.days_per_week
    for dep in plan.dependencies:
        d = _row(dep)
        p = index_of.get(d["predecessor_id"])
        s = index_of.get(d["successor_id"])
        if p is None or s is None:
            conflicts.append(_unknown(plan, d))
            continue
        lag = d["lag"] * per_week if d["lag_unit"] == "w" else d["lag"]
        kind = d["type"]
        thr = d["threshold"]
        pred.append(p)
        succ.append(s)
        weight.append(link_weight(kind, lag, thr, duration[p], duration[s]))
        edge_dep.append(d)
        edge_type.append(kind)
        edge_thr.append(thr)
    net = Network(duration, fixed, cal.index(plan.programme.start_date), pred, succ, weight)
    return Built(net, tasks, cal, edge_dep, edge_type, edge_thr, conflicts)


def _tasks(plan, cal: WorkCalendar):
    ids, codes, manual, pstart, pfinish, pindex = [], [], [], [], [], []
    progress, started, done, milestone = [], [], [], []
    duration: list[int] = []
    fixed: list[int | None] = []
    index = cal.index
    count = cal.count_working_days
    for t in plan.tasks:
        d = _row(t)
        s, e = d["start_date"], d["end_date"]
        actual_start, actual_finish = d["actual_start"], d["actual_finish"]
        is_manual = d["scheduling"] != "auto"
        is_ms = bool(d["is_milestone"])
        prog = d["progress"] or 0.0
        is_done = prog >= 1.0 or d["status"] == _DONE or actual_finish is not None
        if is_ms:
            dur = 0
        elif actual_start is not None and actual_finish is not None:
            dur = max(1, count(actual_start, actual_finish))
        elif is_manual or d["duration_days"] is None:
            dur = max(1, count(s, e))  # a span wholly on days off still takes one day
        else:
            dur = max(1, d["duration_days"])
        si = index(s)
        ids.append(d["id"])
        codes.append(d["code"])
        manual.append(is_manual)
        pstart.append(s)
        pfinish.append(e)
        pindex.append(si)
        progress.append(prog)
        started.append(actual_start is not None or prog > 0 or is_done)
        done.append(is_done)
        milestone.append(is_ms)
        duration.append(dur)
        if actual_start is not None:
            fixed.append(index(actual_start))
        else:
            fixed.append(si if is_manual else None)
    arrays = TaskArrays(ids, codes, manual, pstart, pfinish, pindex, progress, started, done, milestone)
    arrays.index_of = {tid: i for i, tid in enumerate(ids)}
    return arrays, duration, fixed


def _unknown(plan, d: dict) -> Conflict:
    by_id = plan.task_by_id
    succ = by_id.get(d["successor_id"])
    pred = by_id.get(d["predecessor_id"])
    code = succ.code if succ is not None else f"#{d['successor_id']}"
    missing = pred.code if pred is not None else (d["text"] or f"#{d['predecessor_id']}")
    return Conflict(
        ConflictKind.unknown_predecessor,
        d["successor_id"] if succ is not None else None,
        code,
        f"Task {code}: unknown predecessor {missing}",
        dependency_id=d["id"],
    )
