"""Turn a `Plan` into the scheduler's integer `Network` (durations, fixed starts, link weights)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import chain, compress, repeat
from operator import gt, mul, ne

from planner.columns import columns
from planner.i18n import _
from planner.schedule.calendar import WorkCalendar, calendar_for
from planner.errors import ValidationError
from planner.schedule.cpm import Network, threshold_days
from planner.schedule.result import Conflict, ConflictKind
from planner.schedule.summaries import Expanded, Shape, expand, outline_shape

_CLOSED = ("done", "cancelled")  # nothing more will happen: never late, its links are satisfied
_CLOSED_SET = frozenset(_CLOSED)
_KINDS = {"FS", "SS", "FF", "SF"}
_TASK_COLUMNS = ("id", "code", "start_date", "end_date", "scheduling", "is_milestone", "progress",
                 "status", "actual_start", "actual_finish", "duration_days", "not_before", "parent_id")
_DEP_COLUMNS = ("id", "predecessor_id", "successor_id", "type", "lag", "lag_unit", "threshold")
# what `with_progress` reads, in this order: a run of `_TASK_COLUMNS`
PROGRESS_COLUMNS = ("progress", "status", "actual_start", "actual_finish")
PROGRESS = slice(_TASK_COLUMNS.index(PROGRESS_COLUMNS[0]), _TASK_COLUMNS.index(PROGRESS_COLUMNS[-1]) + 1)
assert _TASK_COLUMNS[PROGRESS] == PROGRESS_COLUMNS


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
    edge_id: list[int]  # per edge: the Dependency's id, type, lag as written, unit, threshold
    edge_type: list[str]
    edge_lag: list[int]
    edge_unit: list[str]
    edge_threshold: list[float]
    conflicts: list[Conflict]
    # work breakdown (None when no task has sub-tasks): the outline by index and the links on
    # summaries rewritten onto sub-tasks (summaries.py); edge_id is None for a gate edge
    shape: Shape | None = None
    expanded: Expanded | None = None


def plan_span(plan, task_cols: list[list] | None = None) -> tuple[dt.date, dt.date]:
    """First and last date any task mentions (planned or actual), and the programme start."""
    _s, _s, starts, ends, _s, _s, _s, _s, a_start, a_finish, _s, _s, _s = task_cols or columns(plan.tasks, _TASK_COLUMNS)
    first = plan.programme.start_date
    days = [first] + [d for d in a_start + a_finish if d is not None]
    if None in starts:  # tasks not scheduled yet have no dates
        starts = [d for d in starts if d is not None]
        ends = [d for d in ends if d is not None]
    lo = min(min(starts, default=first), min(days))
    hi = max(max(ends, default=first), max(days))
    return lo, hi


def build(plan, calendar: WorkCalendar | None = None, task_cols: list[list] | None = None,
          dep_cols: list[list] | None = None) -> Built:
    """The network of `plan`; `task_cols` and `dep_cols` are its `_TASK_COLUMNS` and `_DEP_COLUMNS`
    when the caller has read them already."""
    task_cols = task_cols or columns(plan.tasks, _TASK_COLUMNS)
    cal = calendar or calendar_for(plan.programme, plan.calendar_exceptions, span=plan_span(plan, task_cols))
    tasks, duration, fixed = _tasks(task_cols, cal)
    earliest = _earliest(task_cols[-2], tasks, fixed, cal)
    index_of = tasks.index_of
    dep_ids, pred_ids, succ_ids, kinds, lags, units, thresholds = dep_cols or columns(plan.dependencies, _DEP_COLUMNS)
    pred = list(map(index_of.get, pred_ids))
    succ = list(map(index_of.get, succ_ids))
    conflicts: list[Conflict] = []
    if None in pred or None in succ:  # rare: drop links to unknown tasks, report them
        keep = [p is not None and s is not None for p, s in zip(pred, succ)]
        conflicts = [_unknown(plan, dep) for dep, k in zip(plan.dependencies, keep) if not k]
        dep_ids, pred, succ, kinds, lags, units, thresholds = (
            [x for x, k in zip(col, keep) if k] for col in (dep_ids, pred, succ, kinds, lags, units, thresholds)
        )
    bad = set(kinds) - _KINDS
    if bad:
        k = next(i for i, kind in enumerate(kinds) if kind in bad)
        raise ValidationError(_("Dependency {value}: unknown type {value2} (FS, SS, FF or SF)", value=dep_ids[k], value2=repr(kinds[k])),
                              where=f"dependency {dep_ids[k]}")
    shape = outline_shape(plan, index_of, task_cols[-1], tasks.ids)
    expanded = None
    if shape is not None:
        _summaries_as_gates(shape, tasks, duration, fixed)
        if earliest is not None:  # a summary's start is its sub-tasks'
            for sm in shape.children:
                earliest[sm] = None
    weight = edge_weights(duration, pred, succ, kinds, lags, units, thresholds, cal.days_per_week)
    if shape is not None:
        expanded = _summaries_in_network(shape, tasks, duration, fixed, dep_ids, pred, succ, kinds, lags, units,
                                         thresholds, weight, conflicts, cal.days_per_week)
        pred, succ, kinds, lags, units, thresholds, weight = (
            expanded.pred, expanded.succ, expanded.kinds, expanded.lags, expanded.units, expanded.thresholds,
            expanded.weight)
        dep_ids = _edge_ids(expanded, dep_ids)
    net = Network(duration, fixed, cal.index(plan.programme.start_date), pred, succ, weight, earliest)
    return Built(net, tasks, cal, dep_ids, kinds, lags, units, thresholds, conflicts, shape, expanded)


def _edge_ids(ex: Expanded, dep_ids: list[int]) -> list[int | None]:
    """The dependency id of each expanded edge (None for a gate's), run by run: the links between
    leaves as they were, then each link on a summary over its edges, then the gates'."""
    ids = list(chain.from_iterable(map(dep_ids.__getitem__, ex.leaf_runs)))
    origin = ex.origin
    for lo, hi in ex.link_runs:
        ids += [dep_ids[origin[lo]]] * (hi - lo)
    ids += [None] * (len(origin) - len(ids))
    return ids


def edge_weights(duration: list[int], pred: list[int], succ: list[int], kinds: list[str], lags: list[int],
                 units: list[str], thresholds: list[float], per_week: int,
                 pred_duration: list[int] | None = None) -> list[int]:
    """Each edge's `cpm.link_weight`, column-wise: predecessor point + lag - successor duration if
    its finish is constrained (see cpm.link_weight for the derivation). `pred_duration` replaces
    the predecessor's duration where the point is measured on another span (a summary's)."""
    if "w" in units:  # lags in weeks: times the working days of a week (C-level maps, no per-edge code)
        lag_days = list(map(mul, lags, map({"w": per_week}.get, units, repeat(1))))
    else:
        lag_days = lags
    pred_dur = pred_duration if pred_duration is not None else list(map(duration.__getitem__, pred))
    low = list(compress(range(len(thresholds)), map(gt, repeat(1.0), thresholds)))  # progress thresholds < 100%
    if low:
        if pred_duration is not None:
            pred_dur = list(pred_dur)
        for k in low:
            pred_dur[k] = threshold_days(thresholds[k], pred_dur[k])
    # weight = lag + (predecessor's point if FS/FF) - (successor's duration if FF/SF): one comprehension
    # with the type tested in place is a third faster than seven C-level maps through lookup tables
    d = duration
    return [lag + p if k == "FS" else lag if k == "SS" else lag + p - d[s] if k == "FF"
            else lag - d[s] if k == "SF" else _unknown_type(k)
            for k, lag, p, s in zip(kinds, lag_days, pred_dur, succ)]


def _unknown_type(kind: str):
    raise ValueError(f"unknown dependency type {kind!r}")


def _summaries_as_gates(shape: Shape, tasks: TaskArrays, duration, fixed) -> None:
    """Summaries become zero-length automatic nodes (their finish gates)."""
    for sm in shape.children:
        duration[sm], fixed[sm] = 0, None
        tasks.manual[sm] = tasks.milestone[sm] = False
    _gates_progress(shape, tasks.progress, tasks.started, tasks.done)


def _gates_progress(shape: Shape, progress: list[float], started: list[bool], done: list[bool]) -> None:
    """A summary's gate counts as started and done when all its leaves are done (what the
    forecast needs of a gate), in place. Bottom-up over direct children: a sub-summary's entry is
    set before its parent reads it, and all its leaves are done exactly when all its children are."""
    children, get = shape.children, done.__getitem__
    for sm in shape.bottom_up:
        done[sm] = started[sm] = finished = all(map(get, children[sm]))
        progress[sm] = 1.0 if finished else 0.0


def with_progress(b: Built, cols: list[list]) -> Built:
    """`b` with the tasks' progress, started and done read again from `cols` (the tasks'
    `PROGRESS_COLUMNS`): what a progress or status edit changes, and nothing in the network does."""
    progress, started, done = _progress_state(*cols)
    if b.shape is not None:
        _gates_progress(b.shape, progress, started, done)
    return replace(b, tasks=replace(b.tasks, progress=progress, started=started, done=done))


def _summaries_in_network(shape: Shape, tasks: TaskArrays, duration, fixed, dep_ids, pred, succ, kinds, lags,
                          units, thresholds, weight, conflicts: list[Conflict], per_week: int) -> Expanded:
    """Links on summaries rewritten onto their sub-tasks (summaries.expand), with the new edges' weights."""
    planned = tasks.planned_index
    far = 1 << 60

    key = None

    def first_leaf(sm: int) -> int:
        """The leaf planned to start first (the stored dates are the last schedule's)."""
        nonlocal key
        if key is None:  # undated leaves last
            key = planned if None not in planned else [far if p is None else p for p in planned]
        return min(shape.leaves[sm], key=key.__getitem__)

    free = [f is None for f in fixed]  # follows its links (automatic, not started; gates too)
    expanded = expand(shape, pred, succ, kinds, lags, units, thresholds, first_leaf, free, weight, duration)
    ex = expanded  # edges between leaves keep their weights; the rest are new

    def weights(lo: int, hi: int) -> list[int]:
        return edge_weights(duration, ex.pred[lo:hi], ex.succ[lo:hi], ex.kinds[lo:hi], ex.lags[lo:hi],
                            ex.units[lo:hi], ex.thresholds[lo:hi], per_week)

    # a link on a summary is a run of edges from one task with one type, lag and threshold: for
    # FS and SS, where the successor's duration plays no part, one weight for the whole run
    end = ex.direct
    for lo, hi in ex.link_runs:
        if hi > lo:
            ex.weight += weights(lo, lo + 1) * (hi - lo) if ex.kinds[lo] in ("FS", "SS") else weights(lo, hi)
        end = hi
    ex.weight += weights(end, len(ex.pred))  # the leaves before a summary's finish gate
    codes = tasks.codes
    for k in expanded.dropped:
        a, b = codes[pred[k]], codes[succ[k]]
        conflicts.append(Conflict(
            ConflictKind.link_within_summary, tasks.ids[succ[k]], b,
            _("Task {task}: the link from {predecessor} joins a summary task and a task inside it, and is ignored",
              task=b, predecessor=a),
            dependency_id=dep_ids[k],
        ))
    return expanded


def _earliest(not_before: list, tasks: TaskArrays, fixed: list, cal: WorkCalendar) -> list[int | None] | None:
    """Start-no-earlier-than day indices of automatic tasks (None when no task has one: the usual case)."""
    if not_before.count(None) == len(not_before):
        return None
    return [None if nb is None or f is not None else cal.index(nb) for nb, f in zip(not_before, fixed)]


def _tasks(cols: list[list], cal: WorkCalendar):
    ids, codes, pstart, pfinish, scheduling, is_ms, _pr, _st, a_start, a_finish, dur_days, _nb, _p = cols
    n = len(ids)
    # a task without dates is not scheduled yet: it is placed from its links like an automatic one
    undated = None in pstart
    manual = list(map(ne, scheduling, repeat("auto"))) if not undated else [
        s != "auto" and d is not None for s, d in zip(scheduling, pstart)]
    milestone = list(map(bool, is_ms))
    progress, started, done = _progress_state(*cols[PROGRESS])
    pindex = cal.indices(pstart) if not undated else _indices_or_none(cal, pstart)
    any_manual = True in manual
    fixed: list[int | None] = [si if m else None for si, m in zip(pindex, manual)] if any_manual else [None] * n
    # the common case, an automatic task with its duration set, needs no calendar work; a plan
    # of such tasks alone is told apart by C-level scans
    no_duration = None in dur_days
    duration = [d if d is not None and d > 0 else 1 for d in dur_days] if no_duration or min(dur_days, default=1) < 1 \
        else list(dur_days)
    count = cal.count_working_days
    if any_manual or no_duration or True in milestone or a_start.count(None) != n:
        special = compress(range(n), [ms or m or d is None or a is not None
                                      for ms, m, d, a in zip(milestone, manual, dur_days, a_start)])
    else:
        special = ()
    for i in special:
        if milestone[i]:
            duration[i] = 0
            continue
        if a_start[i] is not None and a_finish[i] is not None:
            dur = count(a_start[i], a_finish[i])
        elif pstart[i] is None:
            dur = dur_days[i] or 1  # an estimate, one day when nothing is known
        elif manual[i] or dur_days[i] is None:
            dur = count(pstart[i], pfinish[i])
        else:
            dur = dur_days[i]
        duration[i] = dur if dur > 0 else 1  # a span wholly on days off still takes one day
        if a_start[i] is not None:
            fixed[i] = cal.index(a_start[i])
    arrays = TaskArrays(ids, codes, manual, pstart, pfinish, pindex, progress, started, done, milestone)
    arrays.index_of = dict(zip(ids, range(n)))
    return arrays, duration, fixed


def _progress_state(progress: list, status: list, a_start: list, a_finish: list) -> tuple[list[float], list[bool], list[bool]]:
    """(progress, started, done) per task: done at 100%, closed or finished; started when done,
    with some progress or an actual start (comprehensions: faster here than chains of C-level maps)."""
    n = len(progress)
    progress = list(map(float, progress)) if None not in progress else [p or 0.0 for p in progress]
    closed = _CLOSED_SET
    if a_finish.count(None) == n:
        done = [p >= 1.0 or s in closed for p, s in zip(progress, status)]
    else:
        done = [p >= 1.0 or s in closed or f is not None for p, s, f in zip(progress, status, a_finish)]
    if a_start.count(None) == n:
        started = [d or p > 0 for d, p in zip(done, progress)]
    else:
        started = [d or p > 0 or a is not None for d, p, a in zip(done, progress, a_start)]
    return progress, started, done


def _indices_or_none(cal: WorkCalendar, days: list) -> list[int | None]:
    dated = [d for d in days if d is not None]
    it = iter(cal.indices(dated))
    return [None if d is None else next(it) for d in days]


def _unknown(plan, dep) -> Conflict:
    by_id = plan.task_by_id
    succ = by_id.get(dep.successor_id)
    pred = by_id.get(dep.predecessor_id)
    code = succ.code if succ is not None else f"#{dep.successor_id}"
    missing = pred.code if pred is not None else (dep.text or f"#{dep.predecessor_id}")
    return Conflict(
        ConflictKind.unknown_predecessor,
        dep.successor_id if succ is not None else None,
        code,
        f"Task {code}: unknown predecessor {missing}",
        dependency_id=dep.id,
    )
