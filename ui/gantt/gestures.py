"""Mouse gestures on the timeline: move, resize, set progress, link; each ends in one undo command."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from planner import model as m
from planner.gantt import edit
from planner.gantt.hit import BODY, END_EDGE, LINK_FROM_END, LINK_FROM_START, PROGRESS, START_EDGE, Hit
from planner.gantt.hit import drop_end, hit_test, link_type
from planner.gantt.layout import GanttLayout
from planner.services.dependencies import add_dependency
from planner.services.tasks import update_task
from ui.commands import JournalCommand

DAY = dt.timedelta(days=1)
DRAG_THRESHOLD = 3  # px before a press becomes a drag (a click only selects)


def tr(text: str) -> str:
    return QCoreApplication.translate("Gantt", text)


@dataclass
class Gesture:
    """One drag in progress: what was grabbed and where the mouse is now (content coords)."""

    kind: str  # a hit kind: body / start / end / progress / link_start / link_end
    row: int
    task_id: int
    press_x: float
    press_y: float
    x: float = 0.0
    y: float = 0.0
    started: bool = False

    @classmethod
    def begin(cls, hit: Hit | None, x: float, y: float) -> "Gesture | None":
        if hit is None or hit.task_id is None or hit.kind not in (BODY, START_EDGE, END_EDGE, PROGRESS,
                                                                    LINK_FROM_START, LINK_FROM_END):
            return None
        return cls(hit.kind, hit.row, hit.task_id, x, y, x, y)

    def update(self, x: float, y: float) -> None:
        self.x, self.y = x, y
        if abs(x - self.press_x) >= DRAG_THRESHOLD or abs(y - self.press_y) >= DRAG_THRESHOLD:
            self.started = True

    @property
    def is_link(self) -> bool:
        return self.kind in (LINK_FROM_START, LINK_FROM_END)

    def delta_days(self, lay: GanttLayout) -> int:
        return round((self.x - self.press_x) / lay.scale.px_per_day)

    # --- what the gesture would do ---------------------------------------------------
    def shown_span(self, lay: GanttLayout) -> tuple[dt.date, dt.date]:
        """The dates the bar shows (the schedule's, which for an automatic task are not its own)."""
        first, end = lay.data.task_span(self.row)
        origin = lay.data.origin
        return origin + dt.timedelta(days=first), origin + dt.timedelta(days=end - 1)

    def new_span(self, plan, cal, lay: GanttLayout) -> tuple[dt.date, dt.date] | None:
        start, end = self.shown_span(lay)
        delta = self.delta_days(lay)
        if self.kind == BODY:
            return edit.moved(cal, start, end, delta)
        if self.kind == START_EDGE:
            return edit.resized_start(cal, start, end, delta)
        if self.kind == END_EDGE:
            return edit.resized_end(cal, start, end, delta)
        return None

    def new_progress(self, lay: GanttLayout) -> float:
        bar = lay.bar(self.row)
        return edit.progress_at(bar.x0, bar.x1, self.x)

    def preview(self, plan, cal, lay: GanttLayout) -> tuple[int, float, float, str] | None:
        """The ghost bar (row, x0, x1, its dates) drawn while dragging."""
        if self.kind == PROGRESS:
            bar = lay.bar(self.row)
            value = self.new_progress(lay)
            return self.row, bar.x0, bar.x0 + (bar.x1 - bar.x0) * value, f"{round(value * 100)}%"
        span = self.new_span(plan, cal, lay)
        if span is None:
            return None
        text = f"{span[0]:%m-%d} – {span[1]:%m-%d}"
        return self.row, lay.scale.x(span[0]), lay.scale.x_end(span[1]), text

    def link_target(self, lay: GanttLayout) -> tuple[int, str] | None:
        """(successor task id, type) when the mouse is over another task's bar."""
        hit = hit_test(lay, self.x, self.y)
        if hit is None or hit.task_id is None or hit.bar is None or hit.task_id == self.task_id or hit.bar.kind != "task":
            return None
        source_end = "start" if self.kind == LINK_FROM_START else "finish"
        return hit.task_id, link_type(source_end, drop_end(hit.bar, self.x))

    # --- the undo command on release -------------------------------------------------
    def command(self, controller, plan, cal, lay: GanttLayout):
        """The one undo command this gesture makes, or None if it changed nothing."""
        if not self.started:
            return None
        task = plan.task_by_id[self.task_id]
        if self.is_link:
            return self._link_command(controller, plan, lay)
        if self.kind == PROGRESS:
            value = self.new_progress(lay)
            if abs(value - task.progress) < 1e-9:
                return None
            text = tr("Set progress of %1 to %2%").replace("%1", task.code).replace("%2", str(round(value * 100)))
            return JournalCommand(controller, text, update_task, task.id, progress=value, patch_table=m.Task)
        span = self.new_span(plan, cal, lay)
        if span is None or span == self.shown_span(lay):
            return None
        label = {BODY: tr("Move %1"), START_EDGE: tr("Change start of %1"), END_EDGE: tr("Change finish of %1")}
        # an automatic task dragged later starts no earlier than where it was dropped (MS Project's
        # "start no earlier than"), and still moves when its links need it later: update_task
        fields = {"start_date": span[0], "end_date": span[1]}
        if task.duration_days is not None:
            from planner.gantt.workdays import working_days

            fields["duration_days"] = working_days(cal, *span)
        return JournalCommand(controller, label[self.kind].replace("%1", task.code), update_task, task.id,
                              patch_table=m.Task, **fields)

    def _link_command(self, controller, plan, lay):
        target = self.link_target(lay)
        if target is None:
            return None
        succ_id, kind = target
        problem = edit.link_problem(plan, self.task_id, succ_id)
        if problem:
            controller.error.emit(problem)
            return None
        pred, succ = plan.task_by_id[self.task_id].code, plan.task_by_id[succ_id].code
        text = tr("Link %1 to %2 (%3)").replace("%1", pred).replace("%2", succ).replace("%3", kind)
        return JournalCommand(controller, text, add_dependency, self.task_id, succ_id, type=kind)
