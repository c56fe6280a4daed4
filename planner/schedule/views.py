"""Result mappings over the scheduler's arrays: `TaskTiming`/`LinkStatus` objects built on first use.

A 10,000-task schedule holds 25,000 timing and link objects; building them all costs as much
as the scheduling itself, while most readers (a table's visible rows, one tooltip, a report
line) look at a few. These read-only mappings behave like the dicts `ScheduleResult`
declares (get, [], in, iteration in plan order, items, values, ==) and build each object
once, when it is first asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Callable, Iterator

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


def _new(cls, values: dict, _make=object.__new__, _set=object.__setattr__):
    """Build a frozen dataclass without its generated __init__ (which calls
    object.__setattr__ once per field, 5x slower)."""
    obj = _make(cls)
    _set(obj, "__dict__", values)
    return obj


def timing_map(ids, positions, starts, finishes, late_starts, late_finishes, duration, total, free,
               late, risk) -> LazyMap:
    def make(i: int) -> TaskTiming:
        s, f, tf = starts[i], finishes[i], total[i]
        return _new(TaskTiming, {
            "task_id": ids[i], "start": s, "finish": f, "early_start": s, "early_finish": f,
            "late_start": late_starts[i], "late_finish": late_finishes[i], "duration": duration[i],
            "total_float": tf, "free_float": free[i], "critical": tf <= 0, "late": late[i],
            "at_risk": risk[i],
        })

    return LazyMap(ids, make, positions)


def link_map(dep_ids, pred_ids, succ_ids, states, days, slacks) -> LazyMap:
    def make(k: int) -> LinkStatus:
        return _new(LinkStatus, {
            "dependency_id": dep_ids[k], "predecessor_id": pred_ids[k], "successor_id": succ_ids[k],
            "state": states[k], "earliest_successor_start": days[k], "slack": slacks[k],
        })

    return LazyMap(dep_ids, make)
