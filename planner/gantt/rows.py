"""The Gantt's row list: tasks in outline order, grouped by stage or by module or not at all (the
work breakdown itself), with collapsible group rows and summary tasks."""

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
    summary: bool = False  # a summary task: its bar spans its sub-tasks (drawn with end caps)


def build_rows(plan, group_by: str = BY_STAGE, collapsed: frozenset[str] = frozenset(),
               *, ungrouped_label: str = "未分组", milestones_label: str = "里程碑") -> list[Row]:
    """Group rows then their task rows, tasks in outline order (a summary before its sub-tasks);
    collapsed groups ("stage:3") and summary tasks ("task:12") hide what is under them.

    Without grouping the rows are the work breakdown, indented by outline level. Plan
    milestones not tied to a task get one "milestones" row at the top.
    """
    rows: list[Row] = []
    if any(ms.task_id is None or ms.task_id not in plan.task_by_id for ms in plan.milestones):
        rows.append(Row(MILESTONES, "milestones", milestones_label))
    outline = plan.outline
    shut = {int(k[5:]) for k in collapsed if k.startswith("task:") and k[5:].isdigit()}
    visible = outline.visible(shut)
    by_id = plan.task_by_id
    if group_by == FLAT:
        rows.extend(_task_row(by_id[t], outline.depth[t], outline, t in shut) for t in visible)
        return rows
    shown = set(visible)
    for key, label, tasks in _groups(plan, group_by, ungrouped_label):
        if not tasks:
            continue
        is_collapsed = key in collapsed
        ids = tuple(t.id for t in tasks)
        rows.append(Row(GROUP, key, label, children=ids, collapsed=is_collapsed))
        if not is_collapsed:
            top = min((outline.depth[t.id] for t in tasks), default=0)
            rows.extend(_task_row(t, 1 + outline.depth[t.id] - top, outline, t.id in shut)
                        for t in tasks if t.id in shown)
    return rows


def _task_row(task, depth: int, outline=None, collapsed: bool = False) -> Row:
    summary = outline is not None and outline.is_summary(task.id)
    return Row(TASK, f"task:{task.id}", task.name, task.code, depth, task.id,
               collapsed=collapsed and summary, summary=summary)


def _groups(plan, group_by: str, ungrouped_label: str):
    attr = "stage_id" if group_by == BY_STAGE else "module_id"
    owners = plan.stages if group_by == BY_STAGE else plan.modules
    members: dict[int | None, list] = {o.id: [] for o in owners}
    by_id = plan.task_by_id
    for task in map(by_id.__getitem__, plan.outline.order):
        owner = getattr(task, attr)
        members.setdefault(owner if owner in members else None, []).append(task)
    for owner in owners:
        yield f"{group_by}:{owner.id}", owner.name, members[owner.id]
    yield f"{group_by}:none", ungrouped_label, members.get(None, [])
