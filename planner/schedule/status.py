"""Progress against the plan at a status date: link states, conflicts, lateness, milestone forecasts.

Rules (documented here because the UI and reports show them):
- a link is *broken* when the plan itself starts (FS/SS) or finishes (FF/SF) the successor
  earlier than the link allows; every broken link is a `date_before_dependency` conflict;
- otherwise it is *satisfied* once the predecessor's reported progress reaches the link's
  threshold (FS/FF; 100% for a plain finish) or the predecessor has started (SS/SF);
- else *blocking* if the successor has started or is due by the status date, else *pending*;
  a started successor whose predecessor is short of the threshold is also a
  `threshold_not_reached` conflict;
- a task is *late* when its finish is before the status date and it is not done (or
  cancelled: a cancelled task counts as done everywhere here); *at risk*
  when not late but its reported progress trails the planned progress by 20 points or more,
  or one of its links is blocking, or its total float is negative.
"""

from __future__ import annotations

import datetime as dt
from itertools import compress, repeat
from operator import add, gt, is_, lt, ne, or_, sub

from planner.i18n import _
from planner.schedule.cpm import Pass, _csr, forward_only
from planner.schedule.network import Built
from planner.schedule.result import (
    Conflict,
    ConflictKind,
    LinkState,
    MilestoneForecast,
)

AT_RISK_GAP = 0.2  # planned minus reported progress that makes a task "at risk"
_START_BASED = ("SS", "SF")  # predecessor side is its start
_SUCC_FINISH = ("FF", "SF")  # successor side is its finish


def link_states(b: Built, res: Pass, status_idx: int, since: tuple | None = None) -> tuple[list[LinkState], list[int]]:
    """Per edge: state and slack (working days). Column-wise: no per-edge objects.

    `since` is (the judged task arrays, the states, the status index) of the last schedule on these
    same passes (a progress report): only the links at a task whose progress, start or finish
    changed are judged again."""
    net, t = b.net, b.tasks
    start = res.start
    pred, succ = net.pred, net.succ
    at = start.__getitem__
    slacks = res.derived("slacks", None, lambda: list(map(sub, map(at, succ), map(add, map(at, pred), net.weight))))
    if b.expanded is not None:  # judge a link from a summary by the summary, not its gate or leaf
        pred = b.expanded.shown_pred
    columns = (slacks, pred, succ, b.edge_type, b.edge_threshold)
    if since is None or since[2] != status_idx:
        return _judged(b, res, status_idx, *columns), slacks
    before, states, _idx = since
    changed = set(compress(range(len(t.progress)), map(or_, map(or_, map(ne, t.progress, before.progress),
                                                                  map(ne, t.started, before.started)),
                                                          map(ne, t.done, before.done))))
    if not changed:
        return list(states), slacks
    from_ptr, from_edge = res.derived("edges by shown predecessor", None, lambda: _csr(len(start), pred))
    to_ptr, to_edge = res.incoming
    edges = sorted({k for u in changed for k in from_edge[from_ptr[u]:from_ptr[u + 1]]}
                   | {k for v in changed for k in to_edge[to_ptr[v]:to_ptr[v + 1]]})
    states = list(states)
    for k, state in zip(edges, _judged(b, res, status_idx, *([col[k] for k in edges] for col in columns))):
        states[k] = state
    return states, slacks


def _judged(b: Built, res: Pass, status_idx: int, slacks, pred, succ, kinds, thresholds) -> list[LinkState]:
    """The state of each edge given column-wise (all of them, or some picked out)."""
    t, start, dur = b.tasks, res.start, b.net.duration
    progress, started, done = t.progress, t.started, t.done
    satisfied, pending, blocking, broken = (
        LinkState.satisfied, LinkState.pending, LinkState.blocking, LinkState.broken,
    )
    return [
        broken if sl < 0
        # reached: the predecessor's start (SS/SF) or its threshold/finish (FS/FF)
        else satisfied if (started[p] if k in _START_BASED else (done[p] or progress[p] + 1e-9 >= thr))
        # due: the successor's constrained side (finish for FF/SF) is at or before the status date
        # (its start read here, for the edges that get this far, rather than for every edge)
        else blocking if (started[s] or (start[s] + dur[s] - 1 if k in _SUCC_FINISH and dur[s] else start[s])
                          <= status_idx)
        else pending
        for sl, p, s, k, thr in zip(slacks, pred, succ, kinds, thresholds)
    ]


def link_conflicts(b: Built, res: Pass, states: list[LinkState], slacks: list[int]) -> list[Conflict]:
    out: list[Conflict] = []
    t, net, cal = b.tasks, b.net, b.calendar
    codes = t.codes
    broken = LinkState.broken
    started = t.started
    shown_p = b.expanded.shown_pred if b.expanded is not None else net.pred
    shown_s = b.expanded.shown_succ if b.expanded is not None else net.succ
    for k, st in enumerate(states):
        s = net.succ[k]
        if st is not broken and not started[s]:
            continue  # the common case: nothing to report
        dep_id = b.edge_id[k]
        if dep_id is None:
            continue  # a leaf before its summary's finish gate: not a link the user made
        p = shown_p[k]
        kind = b.edge_type[k]
        thr = b.edge_threshold[k]
        if st is broken:
            need = res.start[net.pred[k]] + net.weight[k]
            finishes = kind in _SUCC_FINISH
            when = _day(cal, res.start[s] + (net.duration[s] - 1 if finishes else 0))
            allowed = _day(cal, need + (net.duration[s] - 1 if finishes else 0))
            label = _link_label(codes[p], kind, thr, b.edge_lag[k], b.edge_unit[k])
            message = _broken_message(codes[s], codes[shown_s[k]] if shown_s[k] != s else None, finishes,
                                      when, label, allowed, -slacks[k])
            out.append(Conflict(ConflictKind.date_before_dependency, t.ids[s], codes[s], message,
                                dependency_id=dep_id, days=-slacks[k]))
        elif kind not in _START_BASED and t.started[s] and not (t.progress[p] + 1e-9 >= thr or t.done[p]):
            out.append(Conflict(
                ConflictKind.threshold_not_reached, t.ids[s], codes[s],
                f"Task {codes[s]} has started but {codes[p]} is at {t.progress[p]:.0%}, "
                f"short of the {thr:.0%} its link needs",
                dependency_id=dep_id,
            ))
    return out


def _broken_message(task: str, summary: str | None, finishes: bool, when: str, link: str, allowed: str,
                    days: int) -> str:
    """One whole sentence per case (its own link or its summary's; its start or its finish)."""
    values = dict(task=task, when=when, link=link, allowed=allowed, days=days, summary=summary)
    if summary is None:
        if finishes:
            return _("Task {task} finishes {when} but its link {link} allows {allowed} at the earliest "
                     "({days} working days early)", **values)
        return _("Task {task} starts {when} but its link {link} allows {allowed} at the earliest "
                 "({days} working days early)", **values)
    if finishes:
        return _("Task {task} finishes {when} but the link {link} of its summary task {summary} allows "
                 "{allowed} at the earliest ({days} working days early)", **values)
    return _("Task {task} starts {when} but the link {link} of its summary task {summary} allows "
             "{allowed} at the earliest ({days} working days early)", **values)


def _day(cal, index: int) -> str:
    return cal.date(index).isoformat()


def _link_label(pred_code: str, kind: str, thr: float, lag: int, unit: str) -> str:
    """The link as users write it in the dependency cell: "TP-01", "TP-02 30%", "TP-01 SS+2d"."""
    from planner.schedule.links import format_link

    return format_link(pred_code, kind, lag, unit, 1.0 if kind in _START_BASED else thr)


def task_flags(b: Built, res: Pass, status_idx: int, states: list[LinkState]) -> tuple[list[bool], list[bool]]:
    """(late, at_risk) per task at the status index (see the module docstring for the rules)."""
    net, t = b.net, b.tasks
    blocked = [False] * net.n
    for s in compress(net.succ, map(is_, states, repeat(LinkState.blocking))):
        blocked[s] = True
    last = res.last_days(net.duration)
    late = list(map(gt, map(lt, last, repeat(status_idx)), t.done))  # finished before the date, not done

    def planned_progress():  # worked days so far / duration, at most 1 (all of it once its last day is past)
        after = status_idx + 1
        return [0.0 if not d or status_idx < s else 1.0 if after - s >= d else (after - s) / d
                for s, d in zip(res.start, net.duration)]

    planned = res.derived("planned", status_idx, planned_progress)
    gap = AT_RISK_GAP - 1e-9
    risk = [
        not (dn or lt) and (pl - p >= gap or bl or tf < 0)
        for dn, lt, pl, p, bl, tf in zip(t.done, late, planned, t.progress, blocked, res.total_float)
    ]
    return late, risk


def forecast(b: Built, res: Pass, status_idx: int) -> tuple[list[int], list[int]]:
    """Expected (start, exclusive finish) per task at the status date.

    Unstarted tasks start no earlier than planned nor than the status date, links honoured;
    started tasks finish their remaining work (duration x (1 - progress)) after the status
    date, and that delay reaches their successors through finish-based links.
    """
    t, dur, start = b.tasks, b.net.duration, res.start
    started = t.started
    fixed = [s if st else None for s, st in zip(start, started)]
    floors = [s if st or s > status_idx else status_idx for s, st in zip(start, started)]
    delay = [
        max(0, status_idx + 1 + round(d * (1.0 - p)) - s - d) if st and not dn else 0
        for s, d, p, st, dn in zip(start, dur, t.progress, started, t.done)
    ]
    finish_based = [k in ("FS", "FF") for k in b.edge_type] if any(delay) else None
    starts = forward_only(res, fixed, floors, delay, finish_based)
    return starts, [s + d + x for s, d, x in zip(starts, dur, delay)]


def milestone_forecasts(plan, b: Built, res: Pass, status_date: dt.date, status_idx: int) -> dict[int, MilestoneForecast]:
    out: dict[int, MilestoneForecast] = {}
    if not plan.milestones:
        return out
    cal = b.calendar
    fstarts, fends = forecast(b, res, status_idx)
    for ms in plan.milestones:
        planned = ms.date
        i = b.tasks.index_of.get(ms.task_id) if ms.task_id is not None else None
        if ms.actual_date is not None:
            expected = ms.actual_date
        elif i is not None:
            expected = cal.date(max(fends[i] - 1, fstarts[i]))
            actual_finish = plan.task_by_id[ms.task_id].actual_finish
            if b.tasks.done[i] and actual_finish is not None:
                expected = actual_finish
        else:
            expected = planned
        slip = cal.index(expected) - cal.index(planned)
        done = ms.actual_date is not None or (i is not None and b.tasks.done[i])
        if ms.status:
            status = ms.status
        elif done:
            status = "met"
        elif planned < status_date:
            status = "missed"
        elif slip > 0:
            status = "at_risk"
        else:
            status = "on_track"
        out[ms.id] = MilestoneForecast(ms.id, planned, expected, status, slip)
    return out
