"""The controller's in-memory plan stays equal to the file's after every kind of edit, undo and redo."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from planner.plan import TABLE_OF_LIST, Plan, load_plan
from planner.services import dependencies, okr, raci, structure, tasks
from ui.commands import JournalCommand


def dump(plan) -> dict:
    out = {"programme": plan.programme.model_dump()}
    for name in TABLE_OF_LIST:
        out[name] = [row.model_dump() for row in getattr(plan, name)]
    return out


def ids_of(value):
    """A lookup's content by row ids (rows of two snapshots are different objects)."""
    if isinstance(value, dict):
        return {k: ids_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [ids_of(v) for v in value]
    return getattr(value, "id", value)


def lookups(plan) -> dict:
    out = {}
    for name in [k for k, v in vars(Plan).items() if isinstance(v, cached_property)]:
        value = getattr(plan, name)
        out[name] = ids_of(value) if isinstance(value, (dict, list)) else ids_of(vars(value))
    return out


def same_as_file(controller) -> None:
    cached = dump(controller.plan())
    fresh = controller.project.read(load_plan)
    assert cached == dump(fresh)
    plan = controller.plan()
    assert set(plan.task_by_code) == {t.code for t in plan.tasks}  # lookups rebuilt
    assert lookups(plan) == lookups(fresh)  # every lookup kept or rebuilt agrees with the file


def test_snapshot_follows_every_edit_without_reloading(qtbot, controller, monkeypatch):
    plan = controller.plan()
    ids = {t.code: t.id for t in plan.tasks}
    tp = next(x.id for x in plan.modules if x.prefix == "TP")
    team = plan.teams[1].id
    edits = [
        (tasks.update_task, (ids["TP-01"],), {"progress": 0.5}),
        (tasks.add_task, ("TP-09",), {"start": dt.date(2025, 2, 3), "end": dt.date(2025, 2, 9), "module_id": tp}),
        (dependencies.set_dependencies_text, (ids["TP-03"], "TP-02 30%、EC-01"), {}),
        (tasks.delete_task, (ids["TP-01"],), {}),  # cascades to links, RACI, KR links
        (tasks.move_task, (ids["TP-03"], 0), {}),
        (raci.set_raci, (), {"team_id": team, "role": "A", "module_id": tp}),
        (tasks.set_task_roles_text, (ids["TP-02"], "新角色×3"), {}),
        (structure.update_stage, (plan.stages[0].id,), {"name": "基础期"}),
        (okr.add_objective, ("O9", "新目标"), {}),
    ]
    loads = []
    real_read = controller.project.read
    monkeypatch.setattr(controller.project, "read",
                        lambda fn: (loads.append(fn) if fn is load_plan else None) or real_read(fn))
    for service, args, kwargs in edits:
        controller.push(JournalCommand(controller, service.__name__, service, *args, **kwargs))
        same_as_file(controller)
    assert loads.count(load_plan) == len(edits)  # only same_as_file's own reads: no reloads
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
        same_as_file(controller)
    while controller.undo_stack.canRedo():
        controller.undo_stack.redo()
        same_as_file(controller)
