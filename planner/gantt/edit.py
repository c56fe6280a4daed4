"""What a Gantt gesture means for a task: new dates for a move or resize, progress, a new link."""

# Pure functions: the view turns their results into one undo command on mouse release.

from __future__ import annotations

import datetime as dt

from planner.gantt.workdays import WorkCalendar, add_working, next_working, previous_working, working_days

DAY = dt.timedelta(days=1)


def moved(cal: WorkCalendar, start: dt.date, end: dt.date, delta_days: int) -> tuple[dt.date, dt.date]:
    """Shift by `delta_days` calendar days, landing on a working day and keeping the work length."""
    length = max(1, working_days(cal, start, end))
    new_start = next_working(cal, start + dt.timedelta(days=delta_days))
    return new_start, add_working(cal, new_start, length - 1)


def resized_end(cal: WorkCalendar, start: dt.date, end: dt.date, delta_days: int) -> tuple[dt.date, dt.date]:
    """Move the finish; it snaps back to a working day and never passes the start."""
    new_end = previous_working(cal, end + dt.timedelta(days=delta_days))
    return start, max(start, new_end)


def resized_start(cal: WorkCalendar, start: dt.date, end: dt.date, delta_days: int) -> tuple[dt.date, dt.date]:
    new_start = next_working(cal, start + dt.timedelta(days=delta_days))
    return min(new_start, end), end


def progress_at(x0: float, x1: float, x: float, step: float = 0.05) -> float:
    """Progress for a handle dragged to x, rounded to 5% steps, within 0..1."""
    fraction = (x - x0) / max(x1 - x0, 1e-9)
    fraction = min(1.0, max(0.0, fraction))
    return round(round(fraction / step) * step, 4)


def creates_cycle(plan, predecessor_id: int, successor_id: int) -> bool:
    """Whether predecessor -> successor would close a loop (successor already leads to it)."""
    if predecessor_id == successor_id:
        return True
    following: dict[int, list[int]] = {}
    for dep in plan.dependencies:
        following.setdefault(dep.predecessor_id, []).append(dep.successor_id)
    stack, seen = [successor_id], set()
    while stack:
        node = stack.pop()
        if node == predecessor_id:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(following.get(node, ()))
    return False


def link_problem(plan, predecessor_id: int, successor_id: int) -> str | None:
    """Why this link cannot be added (an English sentence naming the tasks), or None."""
    tasks = plan.task_by_id
    pred, succ = tasks[predecessor_id].code, tasks[successor_id].code
    if predecessor_id == successor_id:
        return f"{pred} cannot depend on itself."
    for dep in plan.dependencies:
        if {dep.predecessor_id, dep.successor_id} == {predecessor_id, successor_id}:
            return f"{pred} and {succ} are already linked."
    if creates_cycle(plan, predecessor_id, successor_id):
        return f"Linking {pred} -> {succ} would make a cycle ({succ} already leads to {pred})."
    return None
