"""Schedule conflicts as sentences in the interface language (the core gives kinds and numbers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.schedule.result import Conflict, ConflictKind


def tr(text: str) -> str:
    return QCoreApplication.translate("Conflict", text)


def describe(plan, conflict: Conflict) -> str:
    """One conflict of `conflict.task_code`, naming the link it breaks."""
    dep = next((d for d in plan.dependencies if d.id == conflict.dependency_id), None) \
        if conflict.dependency_id is not None else None
    by_id = plan.task_by_id
    pred = by_id[dep.predecessor_id].code if dep is not None and dep.predecessor_id in by_id else "?"
    succ = by_id[dep.successor_id].code if dep is not None and dep.successor_id in by_id else conflict.task_code
    kind = conflict.kind
    if kind is ConflictKind.date_before_dependency:
        if succ != conflict.task_code:  # the link is on the summary task above it
            return (tr("%1 working days earlier than the link from %2 to its summary task %3 allows")
                    .replace("%1", str(conflict.days)).replace("%2", pred).replace("%3", succ))
        return tr("%1 working days earlier than its link from %2 allows").replace("%1", str(conflict.days)) \
            .replace("%2", pred)
    if kind is ConflictKind.threshold_not_reached:
        return tr("Started before %1 reached the progress its link needs").replace("%1", pred)
    if kind is ConflictKind.unknown_predecessor:
        return tr("Unknown predecessor")
    if kind is ConflictKind.link_within_summary:
        return tr("The link from %1 joins a summary task and its own sub-task and is ignored").replace("%1", pred)
    return conflict.message
