"""Result mappings over the scheduler's arrays: `TaskTiming`/`LinkStatus` objects built on first use.

A 10,000-task schedule holds 25,000 timing and link objects; building them all costs as much
as the scheduling itself, while most readers (a table's visible rows, one tooltip, a report
line) look at a few. These read-only mappings behave like the dicts `ScheduleResult`
declares (get, [], in, iteration in plan order, items, values, ==) and build each object
once, when it is first asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable, Iterator

from planner.schedule.cpm import free_float, last_days
from planner.schedule.result import LinkStatus, TaskTiming


class LazyMap(Mapping):
    """key -> object, where the object for position i is `make(i)`, built once."""

    __slots__ = ("_keys", "_pos", "_make", "_cache")

    def __init__(self, keys: list[int], make: Callable[[int], object], positions: dict[int, int] | None = None):
        self._keys = keys
        self._pos = positions
        self._make = make
        self._cache: dict[int, object] = {}

    def _positions(self) -> dict[int, int]:
        if self._pos is None:
            self._pos = dict(zip(self._keys, range(len(self._keys))))
        return self._pos

    def __getitem__(self, key):
        obj = self._cache.get(key)
        if obj is None:
            obj = self._cache[key] = self._make(self._positions()[key])
        return obj

    def __contains__(self, key) -> bool:
        return key in self._positions()

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} items)"


def timing_map(b, res, late: list[bool], risk: list[bool], rolled=None) -> LazyMap:
    """`TaskTiming` per task id; manual tasks not yet started keep their dates as written, and
    summaries show their roll-up (`wbs.Summaries`)."""
    t, dur, date = b.tasks, b.net.duration, b.calendar.date
    start, late_start, total = res.start, res.late_start, res.total_float
    ids, manual, started = t.ids, t.manual, t.started
    summary = rolled.start if rolled is not None else {}

    def make(i: int) -> TaskTiming:
        if i in summary:
            return _summary_timing(b, res, rolled, i, late[i], risk[i])
        d, tf = dur[i], total[i]
        if manual[i] and not started[i]:
            s, f = t.planned_start[i], t.planned_finish[i]
        else:
            s, f = date(start[i]), date(start[i] + d - 1 if d else start[i])
        ls = late_start[i]
        # the generated __init__ keeps instances compact (shared-key attribute storage)
        return TaskTiming(ids[i], s, f, s, f, date(ls), date(ls + d - 1 if d else ls), d, tf,
                          free_float(res, dur, i), tf <= 0, late[i], risk[i])

    return LazyMap(ids, make, t.index_of)


@dataclass(frozen=True)
class TimingColumns:
    """What `timing_map` holds for every task, as columns by task index (`index_of` maps a task id):
    the shown start and finish, the late finish, total float (critical when <= 0), late and at risk."""

    index_of: dict[int, int]
    start: list[dt.date]
    finish: list[dt.date]
    late_finish: list[dt.date]
    total_float: list[int]
    late: list[bool]
    at_risk: list[bool]


def timing_columns(b, res, late: list[bool], risk: list[bool], rolled=None) -> TimingColumns:
    """The columns of `timing_map(b, res, late, risk, rolled)` in C-level maps; the dates and float
    are kept on the passes (only manual tasks not started reach them through progress, and they
    are the key)."""
    from planner.schedule.wbs import kept_as_written, shown_dates

    def dates() -> tuple[list, list, list, list]:
        start, finish = shown_dates(b, res)
        late_finish = b.calendar.dates(last_days(res.late_start, b.net.duration))
        total = list(res.total_float)
        if rolled is not None:
            for sm, day in rolled.start.items():
                start[sm], finish[sm] = day, rolled.finish[sm]
                late_finish[sm], total[sm] = rolled.late_finish[sm], rolled.total_float[sm]
        return start, finish, late_finish, total

    return TimingColumns(b.tasks.index_of, *res.derived("timing columns", kept_as_written(b.tasks), dates),
                         late, risk)


def _summary_timing(b, res, rolled, i: int, late: bool, risk: bool) -> TaskTiming:
    s, f, tf = rolled.start[i], rolled.finish[i], rolled.total_float[i]
    free = min(free_float(res, b.net.duration, leaf) for leaf in b.shape.leaves[i])
    return TaskTiming(b.tasks.ids[i], s, f, s, f, rolled.late_start[i], rolled.late_finish[i], rolled.duration[i],
                      tf, free, tf <= 0, late, risk)


def link_map(b, res, states, slacks) -> LazyMap:
    """`LinkStatus` per dependency id; the allowed date is the successor's start (FS/SS) or
    finish (FF/SF) that the link permits at the earliest. A link on a summary task, which
    stands for several links to or from its sub-tasks, shows the tightest of them."""
    net, ids, date = b.net, b.tasks.ids, b.calendar.date
    pred, succ, weight, dur, start = net.pred, net.succ, net.weight, net.duration, res.start
    kinds, dep_ids = b.edge_type, b.edge_id
    shown_p, shown_s = pred, succ
    keys, positions = dep_ids, None
    if b.expanded is not None:
        shown_p, shown_s = b.expanded.shown_pred, b.expanded.shown_succ
        keys, positions, edge_of = res.derived("tightest edges", None, lambda: _tightest(b.expanded, dep_ids, slacks))

    def make(k: int) -> LinkStatus:
        if positions is not None:
            k = edge_of[k]
        p, s = pred[k], succ[k]
        need = start[p] + weight[k]
        if kinds[k] in ("FF", "SF"):
            need += dur[s] - 1 if dur[s] else 0
        return LinkStatus(dep_ids[k], ids[shown_p[k]], ids[shown_s[k]], states[k], date(need), slacks[k])

    return LazyMap(keys, make, positions)


def _tightest(expanded, dep_ids: list, slacks: list[int]) -> tuple[list[int], dict[int, int], list[int]]:
    """(dependency ids, their positions, the edge shown for each): the tightest edge of a link.

    The first edges are the links between two leaf tasks, one edge each; only the rest (links
    on summaries, gates) can stand several to a link, each link's edges a run (`link_runs`;
    the gates' edges, no link the user made, are in none)."""
    direct = expanded.direct
    # a link between leaves is shown by its own edge, the same number as its position
    positions: dict[int, int] = dict(zip(dep_ids[:direct], range(direct)))
    edge_of = list(range(direct))
    slack = slacks.__getitem__
    for lo, hi in expanded.link_runs:
        if lo == hi:
            continue
        dep, k = dep_ids[lo], min(range(lo, hi), key=slack)  # the first of the least slack
        i = positions.get(dep)
        if i is None:
            positions[dep] = len(edge_of)
            edge_of.append(k)
        elif slacks[k] < slacks[edge_of[i]]:
            edge_of[i] = k
    return list(positions), positions, edge_of


def computed_once(keys: list[int], compute: Callable[[], dict]) -> LazyMap:
    """A mapping whose values all come from one computation, run on first access."""
    box: list[dict] = []

    def make(i: int):
        if not box:
            box.append(compute())
        return box[0][keys[i]]

    return LazyMap(keys, make)
