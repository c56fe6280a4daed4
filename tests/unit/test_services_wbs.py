"""Outline and scheduling services: indent/outdent as MS Project, stored roll-ups and automatic dates
kept up to date inside the edit (and undone with it), move successors, refusals naming the task."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import model as m
from planner.document import Project
from planner.dump import dump_project
from planner.errors import CycleError, ValidationError
from planner.plan import load_plan
from planner.services import dependencies as deps
from planner.services import generic, outline, programme, structure, tasks
from planner.services.respect_links import move_successors

START = dt.date(2025, 1, 6)  # a Monday; the plan has no holidays
D = dt.timedelta


@pytest.fixture
def project():
    p = Project.new("WBS", START)
    p.run(programme.update_programme, holiday_region="")
    yield p
    p.close()


def _add(p, code, start=None, days=5, **kw):
    end = None if start is None else start + D(days=days - 1)
    return p.run(tasks.add_task, code, start=start, end=end, **kw).created


def _plan(p):
    return p.read(load_plan)


def _outline(p) -> list[tuple[str, int]]:
    plan = _plan(p)
    return [(plan.task_by_id[t].code, plan.outline.depth[t]) for t in plan.outline.order]


def _undo_redo_exact(p, changes):
    after = dump_project(p)
    redo = p.run(generic.undo, changes.undo)
    p.run(generic.undo, redo.undo)
    assert dump_project(p) == after


# --- indent / outdent ----------------------------------------------------------------------------
def test_indent_puts_tasks_under_the_task_above_and_outdent_takes_the_rest_along(project):
    mod = project.run(structure.add_module, "技术产品", "TP").created
    ids = {c: _add(project, c, START, module_id=mod, scheduling="manual") for c in ("A", "B", "C", "D")}
    flat = dump_project(project)
    indented = project.run(outline.indent_tasks, [ids["B"], ids["C"], ids["D"]])
    assert _outline(project) == [("A", 0), ("B", 1), ("C", 1), ("D", 1)]
    _undo_redo_exact(project, indented)
    outdented = project.run(outline.outdent_tasks, [ids["C"]])  # D was below C under A: it goes under C
    assert _outline(project) == [("A", 0), ("B", 1), ("C", 0), ("D", 1)]
    plan = _plan(project)
    assert {plan.task_by_id[t].code for t in plan.outline.summaries} == {"A", "C"}
    project.run(generic.undo, outdented.undo)
    project.run(generic.undo, indented.undo)
    assert dump_project(project) == flat


def test_indent_of_a_first_child_is_refused_naming_the_task(project):
    a = _add(project, "A", START)
    with pytest.raises(ValidationError) as err:
        project.run(outline.indent_tasks, [a])
    assert "Task A" in str(err.value) and err.value.key == "outline_no_previous_sibling"


def test_a_task_cannot_go_under_its_own_sub_task(project):
    a, b = _add(project, "A", START), _add(project, "B", START)
    project.run(outline.indent_tasks, [b])
    with pytest.raises(ValidationError) as err:
        project.run(tasks.update_task, a, parent_id=b)
    assert "under itself or one of its own sub-tasks" in str(err.value)


# --- stored roll-up and automatic dates ----------------------------------------------------------
def test_summary_dates_and_progress_are_stored_and_follow_each_edit(project):
    s = _add(project, "S", START, scheduling="manual")
    a = _add(project, "A", START, days=10, scheduling="manual")
    b = _add(project, "B", START + D(days=14), days=5, scheduling="manual")
    ch = project.run(outline.indent_tasks, [a, b])
    row = _plan(project).task_by_id[s]
    assert (row.start_date, row.end_date) == (START, START + D(days=18))
    project.run(tasks.update_task, a, progress=1.0)
    row = _plan(project).task_by_id[s]
    assert row.progress == pytest.approx(8 / 13) and row.status == "in_progress"  # working days 8 and 5
    with pytest.raises(ValidationError) as err:
        project.run(tasks.update_task, s, progress=0.2)
    assert err.value.key == "summary_rolled_up"
    _undo_redo_exact(project, ch)


def test_automatic_successor_is_moved_in_the_file_by_the_edit_of_its_predecessor(project):
    p = _add(project, "P", START, days=5, scheduling="manual")
    t = _add(project, "T", START, days=3)  # automatic (the plan's default)
    project.run(deps.add_dependency, p, t)
    assert _plan(project).task_by_id[t].start_date == START + D(days=7)  # the Monday after P
    ch = project.run(tasks.update_task, p, start_date=START + D(days=14), end_date=START + D(days=18))
    row = _plan(project).task_by_id[t]
    assert (row.start_date, row.end_date) == (START + D(days=21), START + D(days=23))
    project.run(generic.undo, ch.undo)  # one undo puts both back
    assert _plan(project).task_by_id[t].start_date == START + D(days=7)


def test_an_undated_task_stays_undated_and_estimated(project):
    u = project.run(tasks.add_task, "U", duration_days=3).created
    row = _plan(project).task_by_id[u]
    assert row.start_date is None and row.estimated and row.scheduling == "auto"
    project.run(tasks.update_task, u, duration_days=4)
    assert not _plan(project).task_by_id[u].estimated


def test_dates_typed_on_an_automatic_task_hold_it_until_its_links_push_it(project):
    """MS Project's "start no earlier than": the task stays automatic, where it was put."""
    p = _add(project, "P", START, days=5, scheduling="manual")
    t = _add(project, "T", START + D(days=7))  # automatic, given a start: held there
    assert _plan(project).task_by_id[t].not_before == START + D(days=7)
    project.run(deps.add_dependency, p, t)
    project.run(tasks.update_task, t, start_date=START + D(days=21), end_date=START + D(days=25))
    row = _plan(project).task_by_id[t]
    assert row.scheduling == "auto" and (row.start_date, row.not_before) == (START + D(days=21), START + D(days=21))
    # its predecessor moves past it: it moves, keeping its five working days
    project.run(tasks.update_task, p, start_date=START + D(days=28), end_date=START + D(days=32))
    row = _plan(project).task_by_id[t]
    assert (row.start_date, row.end_date) == (START + D(days=35), START + D(days=39))


def test_new_tasks_follow_the_plan_default(project):
    project.run(programme.update_programme, default_scheduling="manual")
    new = _add(project, "M", START)
    assert _plan(project).task_by_id[new].scheduling == "manual"


# --- links on the outline ------------------------------------------------------------------------
def test_links_between_a_summary_and_its_own_task_or_finish_links_onto_a_summary_are_refused(project):
    s, a = _add(project, "S", START), _add(project, "A", START)
    x = _add(project, "X", START)
    project.run(outline.indent_tasks, [a])
    with pytest.raises(ValidationError) as err:
        project.run(deps.add_dependency, s, a)
    assert err.value.key == "link_within_summary"
    with pytest.raises(ValidationError) as err:
        project.run(deps.add_dependency, x, s, type="FF")
    assert err.value.key == "finish_link_to_summary"


def test_a_loop_closed_through_a_summary_is_refused(project):
    s, a, x = _add(project, "S", START), _add(project, "A", START), _add(project, "X", START)
    project.run(outline.indent_tasks, [a])
    project.run(deps.add_dependency, a, x)  # A -> X
    before = dump_project(project)
    with pytest.raises(CycleError):
        project.run(deps.add_dependency, x, s)  # X -> S, and S holds A: A -> X -> A
    assert dump_project(project) == before


def test_syncing_leaves_the_garbage_collector_as_it_found_it(project):
    """The collector is paused while the plan is read and scheduled (as `schedule_plan` does) and
    given back as it was, also when the edit is refused; the dates written are unchanged by it."""
    import gc

    s, a, x = _add(project, "S", START), _add(project, "A", START), _add(project, "X", START)
    project.run(outline.indent_tasks, [a])
    project.run(deps.add_dependency, a, x)
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            project.run(tasks.update_task, a, duration_days=3 if enabled else 4)
            assert gc.isenabled() is enabled
            with pytest.raises(CycleError):
                project.run(deps.add_dependency, x, s)
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    by_code = _plan(project).task_by_code
    assert by_code["X"].start_date == by_code["A"].end_date + D(days=1)  # X after A's 4 days


# --- move successors ------------------------------------------------------------------------------
def test_move_successors_pushes_a_manual_chain_after_its_moved_predecessor(project):
    p = _add(project, "P", START, days=5, scheduling="manual")
    q = _add(project, "Q", START + D(days=7), days=5, scheduling="manual")
    r = _add(project, "R", START + D(days=14), days=3, scheduling="manual")
    free = _add(project, "F", START, days=2, scheduling="manual")
    project.run(deps.add_dependency, p, q)
    project.run(deps.add_dependency, q, r)
    project.run(tasks.update_task, p, start_date=START + D(days=7), end_date=START + D(days=11))
    ch = project.run(move_successors)
    plan = _plan(project)
    assert (plan.task_by_id[q].start_date, plan.task_by_id[q].end_date) == (START + D(days=14), START + D(days=18))
    assert plan.task_by_id[r].start_date == START + D(days=21)
    assert plan.task_by_id[free].start_date == START  # nothing to respect: not moved
    assert plan.task_by_id[q].scheduling == "manual"
    _undo_redo_exact(project, ch)


def test_move_successors_of_chosen_tasks_leaves_other_chains(project):
    a = _add(project, "A", START + D(days=7), scheduling="manual")
    b = _add(project, "B", START, scheduling="manual")
    c = _add(project, "C", START + D(days=7), scheduling="manual")
    d = _add(project, "D", START, scheduling="manual")
    project.run(deps.add_dependency, a, b)
    project.run(deps.add_dependency, c, d)
    project.run(move_successors, [a])
    plan = _plan(project)
    assert plan.task_by_id[b].start_date == START + D(days=14) and plan.task_by_id[d].start_date == START


def test_deleting_a_summary_deletes_its_sub_tasks_and_undo_restores_them(project):
    s, a, b = _add(project, "S", START), _add(project, "A", START), _add(project, "B", START)
    project.run(outline.indent_tasks, [a])
    project.run(outline.indent_tasks, [b])
    project.run(outline.indent_tasks, [b])  # B under A under S
    before = dump_project(project)
    ch = project.run(tasks.delete_task, s)
    assert _plan(project).tasks == []
    project.run(generic.undo, ch.undo)
    assert dump_project(project) == before
    assert m.Task is not None
