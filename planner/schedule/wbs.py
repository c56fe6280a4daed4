"""Scheduling a plan with summary tasks: settle links that count from a summary's start, roll up.

`solve_outline` runs `cpm.solve`, then, when links leave a summary from its start (SS, SF, or
a progress threshold), moves each such link to the summary's earliest leaf and re-solves
until nothing changes (a few rounds at most; plans without such links solve once).
`summary_timings` rolls the leaves' results up into each summary's dates, progress, float
and flags (rollup.py). Both are no-ops for a plan without summaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import compress
from operator import add, gt

from planner.schedule import rollup
from planner.schedule.cpm import Pass, last_days, link_weight, solve
from planner.schedule.network import Built
from planner.schedule.summaries import representatives

MAX_ROUNDS = 4


def solve_outline(b: Built) -> Pass:
    hint = None if b.shape is None else b.shape.rank_hint
    res = solve(b.net, b.tasks.codes, hint)
    ex = b.expanded
    if ex is None or not ex.rep_edges:
        return res
    net, shape = b.net, b.shape
    dur, per_week = net.duration, b.calendar.days_per_week
    for _ in range(MAX_ROUNDS):
        reps = representatives(shape, res.start, ex.rep_of)
        start = res.start
        span = {sm: max(map(add, map(start.__getitem__, shape.leaves[sm]), map(dur.__getitem__, shape.leaves[sm])))
                - start[reps[sm]] for sm in reps}
        changed = False
        for e in ex.rep_edges:  # only these edges depend on where the summary starts and how long it is
            sm = ex.shown_pred[e]
            lag = ex.lags[e] * per_week if ex.units[e] == "w" else ex.lags[e]
            w = link_weight(ex.kinds[e], lag, ex.thresholds[e], span[sm], dur[net.succ[e]])
            if net.pred[e] != reps[sm] or net.weight[e] != w:
                net.pred[e], net.weight[e] = reps[sm], w
                changed = True
        ex.rep_of = reps
        if not changed:
            break
        res = solve(net, b.tasks.codes, hint)
    return res


@dataclass
class Summaries:
    """Rolled-up values per summary index."""

    start: dict[int, dt.date]
    finish: dict[int, dt.date]
    duration: dict[int, int]
    progress: dict[int, float]
    done: dict[int, bool]
    started: dict[int, bool]
    total_float: dict[int, int]
    late_start: dict[int, dt.date]
    late_finish: dict[int, dt.date]
    late: dict[int, bool]
    at_risk: dict[int, bool]


def summary_timings(b: Built, res: Pass, kept: tuple[int, ...] | None = None) -> Summaries | None:
    """Every summary's rolled-up dates, progress and float (flags come later: `add_flags`);
    `kept` is `kept_as_written(b.tasks)` when the caller has it."""
    shape = b.shape
    if shape is None:
        return None
    t, dur = b.tasks, b.net.duration
    kept = kept_as_written(t) if kept is None else kept
    s_start, s_finish, s_dur, s_ls, s_lf, s_float = res.derived("summary dates", kept,
                                                                 lambda: _rolled_dates(b, res, kept))
    s_prog, s_done, s_started = rollup.roll_up_progress(shape, dur, t.progress, t.done, t.started, s_dur)
    return Summaries(s_start, s_finish, s_dur, s_prog, s_done, s_started, s_float, s_ls, s_lf, {}, {})


def kept_as_written(t) -> tuple[int, ...]:
    """The manual tasks not started, which keep their dates as written: the one way progress
    reaches the dates shown (a key of what `Pass.derived` keeps from them)."""
    return tuple(compress(range(len(t.manual)), map(gt, t.manual, t.started)))


def _rolled_dates(b: Built, res: Pass, kept: tuple[int, ...]) -> tuple[dict, ...]:
    """(start, finish, duration, late start, late finish, total float) per summary; `kept` is
    `kept_as_written(b.tasks)`."""
    shape, dur, cal = b.shape, b.net.duration, b.calendar
    if kept:  # some dates are as written, maybe on days off: roll up dates
        start, finish = shown_dates(b, res)
        s_start, s_finish, s_dur = rollup.roll_up_dates(shape, start, finish, cal.count_working_days)
    else:  # every task shows its scheduled days: roll up the day indices, dates per summary only
        s_start, s_finish, s_dur = rollup.roll_up_days(shape, res.start, res.last_days(dur), cal.dates)
    ls = res.late_start
    s_ls, s_lf = rollup.roll_up_late_dates(shape, ls, last_days(ls, dur))  # as working-day indices
    sms = list(s_ls)
    return (s_start, s_finish, s_dur, dict(zip(sms, cal.dates(s_ls[sm] for sm in sms))),
            dict(zip(sms, cal.dates(s_lf[sm] for sm in sms))), rollup.roll_up_float(shape, res.total_float))


def add_flags(b: Built, rolled: Summaries | None, late: list[bool], risk: list[bool], status_date: dt.date) -> None:
    """Each summary's late and at-risk flags from its leaves' (and into `late`/`risk` at its index)."""
    if rolled is None:
        return
    rolled.late, rolled.at_risk = rollup.roll_up_flags(b.shape, late, risk, rolled.finish, rolled.done, status_date)
    for sm in rolled.late:
        late[sm], risk[sm] = rolled.late[sm], rolled.at_risk[sm]


def shown_dates(b: Built, res: Pass) -> tuple[list[dt.date], list[dt.date]]:
    """Start and finish of every task as its timing shows it (a manual task not started keeps its dates)."""
    t, dur, dates = b.tasks, b.net.duration, b.calendar.dates
    start = dates(res.start)
    finish = dates(res.last_days(dur))
    for i in compress(range(len(start)), [m and not st for m, st in zip(t.manual, t.started)]):
        start[i], finish[i] = t.planned_start[i], t.planned_finish[i]
    return start, finish


def status_view(b: Built, rolled: Summaries | None) -> Built:
    """`b` with each summary's rolled-up progress, started and done, for judging the links that
    leave a summary (the network itself keeps its gates neutral)."""
    if rolled is None:
        return b
    t = b.tasks
    progress, started, done = list(t.progress), list(t.started), list(t.done)
    for sm in rolled.progress:
        progress[sm], started[sm], done[sm] = rolled.progress[sm], rolled.started[sm], rolled.done[sm]
    return replace(b, tasks=replace(t, progress=progress, started=started, done=done))
