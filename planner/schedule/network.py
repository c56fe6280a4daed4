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
    """First and last date any task mentions (planned or actual), and the programme start."""
    lo = hi = plan.programme.start_date
    for t in plan.tasks:
        d = _row(t)
        s, e = d["start_date"], d["end_date"]
        if s < lo:
            lo = s
        if e > hi:
            hi = e
        for extra in (d["actual_start"], d["actual_finish"]):
            if extra is not None:
                lo, hi = min(lo, extra), max(hi, extra)
    return lo, hi


def build(plan, calendar: WorkCalendar | None = None) -> Built:
    cal = calendar or calendar_for(plan.programme, plan.calendar_exceptions, span=plan_span(plan))
    tasks, duration, fixed = _tasks(plan, cal)
    index_of = tasks.index_of
    rows = [_row(dep) for dep in plan.dependencies]
    pred = [index_of.get(d["predecessor_id"]) for d in rows]
    succ = [index_of.get(d["successor_id"]) for d in rows]
    conflicts: list[Conflict] = []
    if None in pred or None in succ:  # rare: drop links to unknown tasks, report them
        keep = [p is not None and s is not None for p, s in zip(pred, succ)]
        conflicts = [_unknown(plan, d) for d, k in zip(rows, keep) if not k]
        rows = [d for d, k in zip(rows, keep) if k]
        pred = [p for p, k in zip(pred, keep) if k]
        succ = [s for s, k in zip(succ, keep) if k]
    per_week = cal.days_per_week
    lags = [d["lag"] * per_week if d["lag"] and d["lag_unit"] == "w" else d["lag"] for d in rows]
    kinds = [d["type"] for d in rows]
    thresholds = [d["threshold"] for d in rows]
    weight = [
        duration[p] + lag if kind == "FS" and thr >= 1.0  # the common case, inlined
        else link_weight(kind, lag, thr, duration[p], duration[s])
        for p, s, kind, lag, thr in zip(pred, succ, kinds, lags, thresholds)
    ]
    net = Network(duration, fixed, cal.index(plan.programme.start_date), pred, succ, weight)
    return Built(net, tasks, cal, rows, kinds, thresholds, conflicts)


def _tasks(plan, cal: WorkCalendar):
    rows = [_row(t) for t in plan.tasks]
    n = len(rows)
    ids = [d["id"] for d in rows]
    pstart = [d["start_date"] for d in rows]
    pfinish = [d["end_date"] for d in rows]
    manual = [d["scheduling"] != "auto" for d in rows]
    milestone = [bool(d["is_milestone"]) for d in rows]
    progress = [d["progress"] or 0.0 for d in rows]
    pindex = cal.indices(pstart)
    fixed: list[int | None] = [si if m else None for si, m in zip(pindex, manual)]
    duration = [0] * n
    started = [False] * n
    done = [False] * n
    count = cal.count_working_days
    for i, d in enumerate(rows):
        actual_start, actual_finish = d["actual_start"], d["actual_finish"]
        prog = progress[i]
        is_done = prog >= 1.0 or d["status"] == _DONE or actual_finish is not None
        done[i] = is_done
        started[i] = is_done or prog > 0 or actual_start is not None
        if milestone[i]:
            dur = 0
        elif actual_start is not None and actual_finish is not None:
            dur = count(actual_start, actual_finish)
        elif manual[i] or d["duration_days"] is None:
            dur = count(pstart[i], pfinish[i])
        else:
            dur = d["duration_days"]
        duration[i] = dur if dur > 0 or milestone[i] else 1  # a span wholly on days off takes one day
        if actual_start is not None:
            fixed[i] = cal.index(actual_start)
    arrays = TaskArrays(ids, [d["code"] for d in rows], manual, pstart, pfinish, pindex, progress,
                        started, done, milestone)
    arrays.index_of = dict(zip(ids, range(n)))
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
