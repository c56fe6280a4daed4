"""How charts and reports group a plan's work: by top-level summary task when the plan has a work
breakdown, else by module (as before). Summaries themselves are not counted: their dates and
progress are their sub-tasks' roll-up, so counting both would count the work twice."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    key: tuple  # ("summary", task id) | ("module", module id or None)
    label: str


def leaf_tasks(plan) -> list:
    """The tasks that carry the work (every task that is not a summary), in plan order."""
    summaries = plan.outline.summaries
    return [t for t in plan.tasks if t.id not in summaries] if summaries else list(plan.tasks)


def work_groups(plan, no_module_label: str) -> tuple[list[Group], dict[int, tuple]]:
    """The groups in display order and each leaf task's group key.

    With summary tasks: one group per top-level summary (its code and name), leaves under it in
    it; top-level tasks outside any summary stay in their module's group. Without: the modules
    in plan order, then tasks without a module."""
    outline = plan.outline
    by_id = plan.task_by_id
    key_of: dict[int, tuple] = {}
    groups: dict[tuple, Group] = {}
    if outline.summaries:
        for top in outline.children.get(None, []):
            task = by_id[top]
            if outline.is_summary(top):
                key = ("summary", top)
                groups[key] = Group(key, f"{task.code} {task.name}".strip())
                for leaf in outline.leaves_under(top):
                    key_of[leaf] = key
            else:
                key_of[top] = ("module", task.module_id if task.module_id in plan.module_by_id else None)
    else:
        for task in plan.tasks:
            key_of[task.id] = ("module", task.module_id if task.module_id in plan.module_by_id else None)
    used = set(key_of.values())
    ordered = [groups[k] for k in groups]
    ordered += [Group(("module", mod.id), mod.name) for mod in plan.modules if ("module", mod.id) in used]
    if ("module", None) in used:
        ordered.append(Group(("module", None), no_module_label))
    return ordered, key_of
