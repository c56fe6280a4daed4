"""After the schedule sync moved stored dates, the schedule of the plan as written takes the sync's
passes (`reuse.dates_written`) and equals a schedule from scratch, flat and with summaries."""

from __future__ import annotations

import pytest

from benchmarks.generate import generate_plan
from planner.document import Project
from planner.plan import load_plan
from planner.schedule import reuse, schedule_plan
from planner.services import dependencies, tasks
from tests.unit.schedule_plans import everything


def _check(project):
    plan = project.read(load_plan)
    kept = reuse._last
    shared = schedule_plan(plan)
    taken = kept is not None and shared.solved[1] is kept[2]
    reuse.forget()
    fresh = schedule_plan(plan)
    assert everything(shared) == everything(fresh)
    return taken


@pytest.mark.parametrize("levels", [0, 2, 3])
def test_views_take_the_sync_passes_after_it_moved_dates(tmp_path, levels):
    path = generate_plan(tmp_path / "p.plan", 240, seed=3, outline_levels=levels)
    project = Project.open(path)
    try:
        plan = project.read(load_plan)
        leaves = [t for t in plan.tasks if not plan.outline.is_summary(t.id)]
        pushing = {d.predecessor_id for d in plan.dependencies}
        first = next(t for t in leaves if t.id in pushing)
        free = [t for t in leaves if t.id not in pushing]
        reuse.forget()
        taken = []
        # longer: its successors move later; then a new predecessor moves a task; then a task deleted
        project.run(tasks.set_task_duration, first.id, (first.duration_days or 1) + 7)
        taken.append(_check(project))
        late = free[-1]
        text = "、".join(filter(None, [dependencies.format_dependency(d, plan.task_by_id[d.predecessor_id].code)
                                      for d in plan.predecessors_of.get(late.id, [])] + [first.code]))
        project.run(dependencies.set_dependencies_text, late.id, text)
        taken.append(_check(project))
        project.run(tasks.set_task_duration, first.id, 1)  # shorter: they move back
        taken.append(_check(project))
        project.run(tasks.delete_task, first.id)
        taken.append(_check(project))
        assert any(taken)  # the passes were shared, not only recomputed
    finally:
        project.close()
