"""The tooltip text for what is under the mouse on the timeline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from planner.gantt.workdays import working_days


def tr(text: str) -> str:
    return QCoreApplication.translate("Gantt", text)


def tooltip_for(view, hit, x: float, y: float) -> str:
    lay = view.layout
    for dm in lay.markers_in(y - 1, y + 1):
        if abs(x - dm.cx) <= dm.half + 2:
            day = lay.data.origin + dt.timedelta(days=lay.scale.index_at(dm.cx))
            return f"◆ {dm.label}\n{tr('Date')}: {day.isoformat()}"
    if hit is None or hit.task_id is None:
        return ""
    plan = view.plan()
    task = plan.task_by_id.get(hit.task_id)
    if task is None:
        return ""
    return "\n".join(_task_lines(view, plan, task, hit.row))


def _task_lines(view, plan, task, row: int) -> list[str]:
    start, end = view.data.task_span(row)
    first = view.data.origin + dt.timedelta(days=start)
    last = view.data.origin + dt.timedelta(days=end - 1)
    timing = (view.controller.schedule() or None)
    timing = timing.timings.get(task.id) if timing else None
    lines = [f"{task.code}  {task.name}",
             f"{tr('Start')}: {first.isoformat()}   {tr('Finish')}: {last.isoformat()}",
             f"{tr('Working days')}: {working_days(view.calendar, first, last)}   "
             f"{tr('Progress')}: {round(task.progress * 100)}%"]
    if task.roles_text:
        lines.append(f"{tr('Roles')}: {task.roles_text}")
    if timing is not None:
        flag = tr("critical") if timing.critical else ""
        lines.append(f"{tr('Total float')}: {timing.total_float} {tr('days')} {flag}".rstrip())
    preds = [plan.task_by_id[d.predecessor_id].code for d in plan.predecessors_of.get(task.id, [])
             if d.predecessor_id in plan.task_by_id]
    if preds:
        lines.append(f"{tr('Depends on')}: {', '.join(preds)}")
    if task.milestone_text:
        lines.append(f"{tr('Milestone')}: {task.milestone_text}")
    return lines
