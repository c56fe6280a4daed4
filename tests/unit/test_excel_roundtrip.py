"""Every template exported from every sample imports back to the same plan (planner.dump equal)."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.document import Project
from planner.dump import dump_project
from planner.excel.apply import apply_import
from planner.excel.export import KINDS, export_template
from planner.excel.preview import ImportOptions, read_workbooks
from planner.plan import load_plan
from planner.samples import SAMPLES, sample_path


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request):
    project = Project.open(sample_path(request.param), read_only=True)
    yield project
    project.close()


def _import_into_new(paths, start: dt.date, **kw) -> Project:
    preview = read_workbooks(paths, None, ImportOptions(**kw))
    assert preview.ok, [str(p) for p in preview.problems.errors]
    project = Project.new("imported", start)
    project.run(apply_import, preview)
    return project


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whole_plan_workbook_round_trips_into_an_empty_plan(sample, tmp_path, lang):
    plan = sample.read(load_plan)
    path = tmp_path / f"plan-{lang}.xlsx"
    assert export_template(plan, "workbook", path, lang=lang) == []
    copy = _import_into_new([path], dt.date(2000, 1, 3))
    try:
        assert dump_project(copy, natural=True) == dump_project(sample, natural=True)
    finally:
        copy.close()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "collect"])
def test_each_template_imported_into_the_same_plan_changes_nothing(sample, tmp_path, kind):
    plan = sample.read(load_plan)
    path = tmp_path / f"{kind}.xlsx"
    export_template(plan, kind, path)
    preview = read_workbooks([path], plan)
    assert preview.ok, [str(p) for p in preview.problems.errors]
    assert [c.describe() for c in preview.changes] == []
    assert preview.removals == []


def test_partial_templates_rebuild_their_part_in_an_empty_plan(sample, tmp_path):
    """Tasks + system + RACI + readings sheets, without the cover: every task and cell comes back."""
    plan = sample.read(load_plan)
    paths = []
    for kind in ("system", "tasks", "raci"):
        paths.append(tmp_path / f"{kind}.xlsx")
        export_template(plan, kind, paths[-1])
    copy = _import_into_new(paths, plan.programme.start_date)
    try:
        got = dump_project(copy, natural=True)["tables"]
        want = dump_project(sample, natural=True)["tables"]
        for table in ("task", "taskrole", "roadmapcell", "racicell", "divisionofwork"):
            assert got[table] == want[table], table
        # 依赖项 is a phrase: the links and thresholds come back (lag units need the 依赖关系 sheet)
        assert _links(got["dependency"]) == _links(want["dependency"])
    finally:
        copy.close()


def _links(rows):
    return sorted((d["predecessor_id"], d["successor_id"], d["type"], d["lag"], d["threshold"]) for d in rows)


def test_import_is_one_undoable_step(tmp_path):
    source = Project.open(sample_path("flagos"), read_only=True)
    plan = source.read(load_plan)
    path = tmp_path / "plan.xlsx"
    export_template(plan, "workbook", path)
    source.close()
    target = Project.new("empty", dt.date(2025, 1, 6))
    before = dump_project(target)
    preview = read_workbooks([path], target.read(load_plan))
    changes = target.run(apply_import, preview)
    after = dump_project(target)
    assert after != before
    from planner.services.journal import undo

    redo = target.run(undo, changes.undo)
    assert dump_project(target) == before
    target.run(undo, redo.undo)
    assert dump_project(target) == after  # redo restores the same rows with the same ids
    target.close()
