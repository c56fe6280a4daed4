"""Summary roll-up: a summary's dates, progress, float and flags from its sub-tasks (MS Project's rules).

- start is its earliest sub-task start, finish its latest sub-task finish (dates as each
  sub-task shows them: a manual task keeps its own); duration is the working days in between;
- progress is duration-weighted over its direct children (a sub-summary weighs its own
  duration; when every child is a milestone, the plain mean);
- done when every child is done, started when any is;
- total and free float are the least of its children's, so it is critical when any child is;
- late when its finish has passed and it is not done, at risk when a child is late or at risk.

Computed bottom-up over `Shape.bottom_up`, by task index; summaries only.
"""

from __future__ import annotations

import datetime as dt
from itertools import repeat
from operator import add, mul, sub

from planner.schedule.summaries import Shape


def _up(shape: Shape, values: list, combine) -> list:
    """`values` with each summary's entry replaced by `combine` of its children's (bottom-up, so
    a sub-summary is rolled up before its parent reads it). Children, not all leaves: n steps."""
    out = list(values)
    get = out.__getitem__
    for s in shape.bottom_up:
        out[s] = combine(map(get, shape.children[s]))
    return out


def _of_summaries(shape: Shape, values: list) -> dict:
    return {s: values[s] for s in shape.bottom_up}


def roll_up_dates(shape: Shape, start: list[dt.date], finish: list[dt.date], count_days) -> tuple[dict, dict, dict]:
    """(start, finish, working duration) per summary from the leaves' shown dates."""
    first, last = _up(shape, start, min), _up(shape, finish, max)
    s_start, s_finish = _of_summaries(shape, first), _of_summaries(shape, last)
    s_dur = {s: max(count_days(s_start[s], s_finish[s]), 0) for s in shape.bottom_up}
    return s_start, s_finish, s_dur


def roll_up_days(shape: Shape, start: list[int], last: list[int], dates) -> tuple[dict, dict, dict]:
    """What `roll_up_dates` gives when every task shows its scheduled dates, from the tasks' start
    and last working-day indices: a later index is a later date, so the least start and greatest
    last day are rolled up as integers and turned into dates once per summary (`dates`, the
    calendar's bulk conversion); the working days in between are then last - first + 1."""
    first, final = _up(shape, start, min), _up(shape, last, max)
    sms = shape.bottom_up
    a, z = list(map(first.__getitem__, sms)), list(map(final.__getitem__, sms))
    # a task's last day is never before its start, so z >= a and the count is at least 1
    return (dict(zip(sms, dates(a))), dict(zip(sms, dates(z))),
            dict(zip(sms, map(sub, map(add, z, repeat(1)), a))))


def roll_up_progress(shape: Shape, duration: list[int], progress: list[float], done: list[bool],
                     started: list[bool], s_dur: dict[int, int]) -> tuple[dict, dict, dict]:
    """(progress, done, started) per summary; leaf durations weigh leaves, `s_dur` sub-summaries."""
    weight = list(duration)
    for s, d in s_dur.items():
        weight[s] = d
    prog = list(progress)
    for s in shape.bottom_up:
        kids = shape.children[s]
        weights = list(map(weight.__getitem__, kids))
        total = sum(weights)
        if total > 0:
            prog[s] = sum(map(mul, weights, map(prog.__getitem__, kids))) / total
        else:  # only milestones: the plain mean
            prog[s] = sum(map(prog.__getitem__, kids)) / len(kids)
    return (_of_summaries(shape, prog), _of_summaries(shape, _up(shape, done, all)),
            _of_summaries(shape, _up(shape, started, any)))


def roll_up_float(shape: Shape, values: list[int]) -> dict[int, int]:
    """The least value over each summary's leaves (total or free float)."""
    return _of_summaries(shape, _up(shape, values, min))


def roll_up_late_dates(shape: Shape, late_start: list, late_finish: list) -> tuple[dict, dict]:
    return (_of_summaries(shape, _up(shape, late_start, min)), _of_summaries(shape, _up(shape, late_finish, max)))


def roll_up_flags(shape: Shape, late: list[bool], risk: list[bool], s_finish: dict[int, dt.date],
                  s_done: dict[int, bool], status_date: dt.date) -> tuple[dict, dict]:
    """(late, at risk) per summary (see the module docstring)."""
    trouble = _up(shape, [a or b for a, b in zip(late, risk)], any)  # a leaf under it is late or at risk
    s_late = {s: not s_done[s] and s_finish[s] < status_date for s in shape.bottom_up}
    s_risk = {s: not s_late[s] and not s_done[s] and trouble[s] for s in shape.bottom_up}
    return s_late, s_risk
