"""The Gantt's row list: tasks grouped by stage or by module, with collapsible group rows."""

from __future__ import annotations

from dataclasses import dataclass

GROUP, TASK, MILESTONES = "group", "task", "milestones"
BY_STAGE, BY_MODULE, FLAT = "stage", "module", "none"


@dataclass(frozen=True)
class Row:
    kind: str  # GROUP | TASK | MILESTONES
    key: str  # "stage:3", "module:2", "task:12", "milestones"
    label: str  # group name, or the task's name
    code: str = ""  # task ID (TP-01)
    depth: int = 0
    task_id: int | None = None
    children: tuple[int, ...] = ()  # task ids under a group row (also when collapsed)
    collapsed: bool = False


def build_rows(plan, group_by: str = BY_STAGE, collapsed: frozenset[str] = frozenset(),
               *, ungrouped_label: str = "未分组", milestones_label: str = "里程碑") -> list[Row]:
    """Group rows then their task rows, in the user's order; collapsed groups hide their tasks.

    Plan milestones not tied to a task get one "milestones" row at the top.
    """
    rows: list[Row] = []
    if any(ms.task_id is None or ms.task_id not in plan.task_by_id for ms in plan.milestones):
        rows.append(Row(MILESTONES, "milestones", milestones_label))
    if group_by == FLAT:
        rows.extend(_task_row(t, 0) for t in plan.tasks)
        return rows
    for key, label, tasks in _groups(plan, group_by, ungrouped_label):
        if not tasks:
            continue
        is_collapsed = key in collapsed
        ids = tuple(t.id for t in tasks)
        rows.append(Row(GROUP, key, label, children=ids, collapsed=is_collapsed))
        if not is_collapsed:
            rows.extend(_task_row(t, 1) for t in tasks)
    return rows


def _task_row(task, depth: int) -> Row:
    return Row(TASK, f"task:{task.id}", task.name, task.code, depth, task.id)


def _groups(plan, group_by: str, ungrouped_label: str):
    attr = "stage_id" if group_by == BY_STAGE else "module_id"
    owners = plan.stages if group_by == BY_STAGE else plan.modules
    members: dict[int | None, list] = {o.id: [] for o in owners}
    for task in plan.tasks:
        owner = getattr(task, attr)
        members.setdefault(owner if owner in members else None, []).append(task)
    for owner in owners:
        yield f"{group_by}:{owner.id}", owner.name, members[owner.id]
    yield f"{group_by}:none", ungrouped_label, members.get(None, [])
