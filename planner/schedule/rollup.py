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

from planner.schedule.summaries import Shape


def roll_up_dates(shape: Shape, start: list[dt.date], finish: list[dt.date], count_days) -> tuple[dict, dict, dict]:
    """(start, finish, working duration) per summary from the leaves' shown dates."""
    s_start: dict[int, dt.date] = {}
    s_finish: dict[int, dt.date] = {}
    s_dur: dict[int, int] = {}
    for s in shape.bottom_up:
        kids = shape.children[s]
        first = min(s_start[c] if c in s_start else start[c] for c in kids)
        last = max(s_finish[c] if c in s_finish else finish[c] for c in kids)
        s_start[s], s_finish[s] = first, last
        s_dur[s] = max(count_days(first, last), 0)
    return s_start, s_finish, s_dur


def roll_up_progress(shape: Shape, duration: list[int], progress: list[float], done: list[bool],
                     started: list[bool], s_dur: dict[int, int]) -> tuple[dict, dict, dict]:
    """(progress, done, started) per summary; leaf durations weigh leaves, `s_dur` sub-summaries."""
    s_prog: dict[int, float] = {}
    s_done: dict[int, bool] = {}
    s_started: dict[int, bool] = {}
    for s in shape.bottom_up:
        kids = shape.children[s]
        weights = [s_dur[c] if c in s_dur else duration[c] for c in kids]
        values = [s_prog[c] if c in s_prog else progress[c] for c in kids]
        total = sum(weights)
        if total > 0:
            s_prog[s] = sum(w * v for w, v in zip(weights, values)) / total
        else:
            s_prog[s] = sum(values) / len(values)
        s_done[s] = all(s_done[c] if c in s_done else done[c] for c in kids)
        s_started[s] = any(s_started[c] if c in s_started else started[c] for c in kids)
    return s_prog, s_done, s_started


def roll_up_float(shape: Shape, values: list[int]) -> dict[int, int]:
    """The least value over each summary's leaves (total or free float)."""
    return {s: min(values[leaf] for leaf in shape.leaves[s]) for s in shape.bottom_up}


def roll_up_late_dates(shape: Shape, late_start: list[dt.date], late_finish: list[dt.date]) -> tuple[dict, dict]:
    return ({s: min(late_start[leaf] for leaf in shape.leaves[s]) for s in shape.bottom_up},
            {s: max(late_finish[leaf] for leaf in shape.leaves[s]) for s in shape.bottom_up})


def roll_up_flags(shape: Shape, late: list[bool], risk: list[bool], s_finish: dict[int, dt.date],
                  s_done: dict[int, bool], status_date: dt.date) -> tuple[dict, dict]:
    """(late, at risk) per summary (see the module docstring)."""
    s_late: dict[int, bool] = {}
    s_risk: dict[int, bool] = {}
    for s in shape.bottom_up:
        s_late[s] = not s_done[s] and s_finish[s] < status_date
        s_risk[s] = not s_late[s] and not s_done[s] and any(
            late[leaf] or risk[leaf] for leaf in shape.leaves[s])
    return s_late, s_risk
