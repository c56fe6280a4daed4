"""What is under the mouse: a bar's body, its start or end edge, its progress handle, a link handle."""

from __future__ import annotations

from dataclasses import dataclass

from planner.gantt.layout import Bar, GanttLayout
from planner.gantt.rows import TASK

BODY, START_EDGE, END_EDGE, PROGRESS, LINK_FROM_START, LINK_FROM_END, ROW = (
    "body", "start", "end", "progress", "link_start", "link_end", "row")

EDGE = 4.0  # px inside a bar end that grab the edge instead of the body
HANDLE = 10.0  # px outside a bar end where a link can be dragged from


@dataclass(frozen=True)
class Hit:
    kind: str
    row: int
    task_id: int | None
    bar: Bar | None = None


def hit_test(lay: GanttLayout, x: float, y: float) -> Hit | None:
    """The most specific target at (x, y) in body coordinates, or None outside every row."""
    row = lay.row_at(y)
    if row is None:
        return None
    bar = lay.bar(row)
    task_id = bar.task_id if bar else None
    if bar is None or bar.kind != TASK:
        return Hit(ROW, row, task_id, bar)
    kind = _bar_part(lay, bar, x, y)
    if bar.summary and kind not in (LINK_FROM_START, LINK_FROM_END):
        kind = None  # a summary's dates and progress are its sub-tasks': it is linked, not dragged
    return Hit(kind or ROW, row, task_id, bar)


def _bar_part(lay: GanttLayout, bar: Bar, x: float, y: float) -> str | None:
    if bar.milestone:
        dm = lay.diamond(bar)
        if abs(x - dm.cx) <= dm.half + 1 and abs(y - dm.cy) <= dm.half + 2:
            return BODY
        return _handle(dm.cx - dm.half, dm.cx + dm.half, bar, x, y)
    if bar.y1 - 2 <= y <= bar.y1 + 5 and abs(x - bar.progress_x) <= 4:
        return PROGRESS
    if not (bar.y0 - 2 <= y <= bar.y1 + 2):
        return None
    edge = min(EDGE, (bar.x1 - bar.x0) / 4)  # a short bar keeps a body to grab
    if bar.x0 - 2 <= x <= bar.x0 + edge:
        return START_EDGE
    if bar.x1 - edge <= x <= bar.x1 + 2:
        return END_EDGE
    if bar.x0 < x < bar.x1:
        return BODY
    return _handle(bar.x0, bar.x1, bar, x, y)


def _handle(x0: float, x1: float, bar: Bar, x: float, y: float) -> str | None:
    if not (bar.y0 - 2 <= y <= bar.y1 + 2):
        return None
    if x0 - HANDLE <= x < x0 - 2:
        return LINK_FROM_START
    if x1 + 2 < x <= x1 + HANDLE:
        return LINK_FROM_END
    return None


def drop_end(bar: Bar, x: float) -> str:
    """Which end of a target bar a link dropped at x attaches to: 'start' or 'finish'."""
    return "start" if x < (bar.x0 + bar.x1) / 2 else "finish"


def link_type(source_end: str, target_end: str) -> str:
    """The dependency type named by the ends a user joined (finish -> start is FS ...)."""
    return {("finish", "start"): "FS", ("start", "start"): "SS",
            ("finish", "finish"): "FF", ("start", "finish"): "SF"}[(source_end, target_end)]
