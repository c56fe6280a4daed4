"""The tooltip text for what is under the mouse on the timeline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from planner.gantt.workdays import working_days


def tr(text: str) -> str:
    return QCoreApplication.translate("Gantt", text)


def _fill(text: str, *values) -> str:
    """A translated template with %1, %2 ... filled in (whole phrases translate, not single words)."""
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text


def tooltip_for(view, hit, x: float, y: float) -> str:
    lay = view.layout
    for dm in lay.markers_in(y - 1, y + 1):
        if abs(x - dm.cx) <= dm.half + 2:
            day = lay.data.origin + dt.timedelta(days=lay.scale.index_at(dm.cx))
            return f"◆ {dm.label}\n" + _fill(tr("Date: %1"), day.isoformat())
    if hit is None or hit.task_id is None or hit.kind == "row":
        link = link_near(lay, x, y)
        if link is not None:
            return _link_text(view, link)
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
             _fill(tr("Start: %1   Finish: %2"), first.isoformat(), last.isoformat()),
             _fill(tr("Working days: %1   Progress: %2%"), working_days(view.calendar, first, last),
                   round(task.progress * 100))]
    if task.roles_text:
        lines.append(_fill(tr("Roles: %1"), task.roles_text))
    if task.owner:
        lines.append(_fill(tr("Owner: %1"), task.owner))
    if plan.outline.is_summary(task.id):
        lines.append(_fill(tr("Summary of %1 tasks"), len(plan.outline.descendants(task.id))))
    if timing is not None:
        template = tr("Total float: %1 days (critical)") if timing.critical else tr("Total float: %1 days")
        lines.append(_fill(template, timing.total_float))
    preds = [plan.task_by_id[d.predecessor_id].code for d in plan.predecessors_of.get(task.id, [])
             if d.predecessor_id in plan.task_by_id]
    if preds:
        lines.append(_fill(tr("Depends on: %1"), ", ".join(preds)))
    if task.milestone_text:
        lines.append(_fill(tr("Milestone: %1"), task.milestone_text))
    return lines


def link_near(lay, x: float, y: float, reach: float = 3.0):
    """The dependency arrow passing within `reach` px of (x, y), if any."""
    for link in lay.links_in(y - reach, y + reach, x - reach, x + reach):
        for (ax, ay), (bx, by) in zip(link.points, link.points[1:]):
            if min(ax, bx) - reach <= x <= max(ax, bx) + reach and min(ay, by) - reach <= y <= max(ay, by) + reach:
                return link
    return None


def _link_text(view, link) -> str:
    rows = view.data.rows
    pred, succ = rows[link.pred_row].code, rows[link.succ_row].code
    lines = [f"{pred} → {succ}  ({link.type}{' ' + link.label if link.label else ''})"]
    schedule = view.controller.schedule()
    status = schedule.links.get(link.dependency_id) if schedule else None
    if link.broken:
        lines.append(tr("Broken: %1 is planned before %2 allows").replace("%1", succ).replace("%2", pred))
        if status is not None:
            lines.append(tr("Earliest allowed: %1 (%2 working days short)").replace(
                "%1", status.earliest_successor_start.isoformat()).replace("%2", str(-status.slack)))
    return "\n".join(lines)
