"""After an edit of task fields alone the Gantt keeps its rows and fills its bars again
(`GanttView._rows_kept`); whatever it does, its data is what a fresh build gives."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from planner import model as m
from planner.document import Project
from planner.gantt import build_data, build_rows, demo
from planner.gantt.rows import BY_MODULE, FLAT
from planner.services.dependencies import add_dependency
from planner.services.tasks import update_task
from ui.commands import JournalCommand
from ui.controller import DocumentController
from ui.gantt import GanttView


@pytest.fixture
def view(qtbot):
    project = Project.new("FlagOS 开源生态", demo.START)
    project.run(demo.fill_demo)
    controller = DocumentController(project)
    gantt = GanttView(controller)
    qtbot.addWidget(gantt)
    gantt.resize(1400, 760)
    gantt.show()
    qtbot.waitExposed(gantt)
    yield gantt
    project.close()


def fresh(view):
    plan = view.plan()
    shut = frozenset(view.collapsed) | {f"task:{t}" for t in view.controller.collapsed}
    rows = build_rows(plan, view.group_by, shut, ungrouped_label="Ungrouped", milestones_label="Milestones")
    return build_data(plan, view.controller.schedule(), rows, baseline_id=view.baseline_id)


def assert_as_fresh(view):
    want, got = fresh(view), view.data
    assert [(r.kind, r.key, r.code, r.depth, r.task_id, r.children, r.collapsed, r.summary) for r in got.rows] == [
        (r.kind, r.key, r.code, r.depth, r.task_id, r.children, r.collapsed, r.summary) for r in want.rows]
    for f in dataclasses.fields(want):
        a, b = getattr(got, f.name), getattr(want, f.name)
        if f.name in ("rows", "link_states"):
            continue
        if isinstance(b, np.ndarray):
            assert np.array_equal(a, b), f.name
        else:
            assert a == b, f.name
    assert got.link_states is view.controller.schedule().links


def edit(view, service, *args, **fields):
    command = JournalCommand(view.controller, "edit", service, *args, **fields)
    assert view.controller.try_push(command)


def code_id(view, code):
    return view.plan().task_by_code[code].id


@pytest.mark.parametrize("group_by", ["stage", BY_MODULE, FLAT])
def test_moving_a_task_keeps_the_rows_and_its_successor_follows(view, group_by):
    view.set_group_by(group_by)
    edit(view, update_task, code_id(view, "TP-04"), scheduling=m.Scheduling.auto.value)  # follows TP-02
    rows = view.data.rows
    tp2 = view.plan().task_by_code["TP-02"]
    tp4_before = view.plan().task_by_code["TP-04"].start_date
    edit(view, update_task, tp2.id, start_date=tp2.start_date + dt.timedelta(days=56),
         end_date=tp2.end_date + dt.timedelta(days=56))
    assert view.data.rows is rows  # filled again, not rebuilt
    assert view.plan().task_by_code["TP-04"].start_date > tp4_before  # pushed by its link
    assert_as_fresh(view)
    view.controller.undo_stack.undo()
    assert view.data.rows is rows
    assert_as_fresh(view)
    view.controller.undo_stack.redo()
    assert_as_fresh(view)


def test_progress_patched_in_place_keeps_the_rows(view):
    rows = view.data.rows
    tid = code_id(view, "TP-03")
    edit(view, update_task, tid, progress=0.5, patch_table=m.Task)
    assert view.data.rows is rows
    assert view.data.progress[view.data.row_of_task[tid]] == pytest.approx(0.5)
    assert_as_fresh(view)


@pytest.mark.parametrize("fields", [{"name": "另一个名字"}, {"code": "TP-99"}])
def test_a_new_name_or_id_rebuilds_the_rows(view, fields):
    rows = view.data.rows
    edit(view, update_task, code_id(view, "TP-03"), **fields)
    assert view.data.rows is not rows
    assert_as_fresh(view)


@pytest.mark.parametrize("group_by, field", [("stage", "stage_id"), (BY_MODULE, "module_id")])
def test_a_task_moved_to_another_group_rebuilds_the_rows(view, group_by, field):
    view.set_group_by(group_by)
    plan = view.plan()
    task = plan.task_by_code["TP-03"]
    owners = plan.stages if field == "stage_id" else plan.modules
    other = next(o.id for o in owners if o.id != getattr(task, field))
    rows = view.data.rows
    edit(view, update_task, task.id, **{field: other})
    assert view.data.rows is not rows
    assert_as_fresh(view)


def test_a_new_link_rebuilds(view):
    rows = view.data.rows
    edit(view, add_dependency, code_id(view, "TP-03"), code_id(view, "EC-04"))
    assert view.data.rows is not rows
    assert_as_fresh(view)


def test_an_edit_while_hidden_rebuilds_when_shown(view):
    view.hide()
    tid = code_id(view, "TP-03")
    edit(view, update_task, tid, progress=0.25)
    rows = view.data.rows
    view.show()
    assert view.data.rows is not rows
    assert_as_fresh(view)
