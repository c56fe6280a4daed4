"""The whole-plan workbook and the task template carry the outline, owners and undated tasks."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from planner.document import Project
from planner.dump import dump_json, dump_project
from planner.excel.apply import apply_import
from planner.excel.export import export_template
from planner.excel.preview import ImportOptions, read_workbooks
from planner.plan import load_plan
from planner.samples import sample_path
from planner import model as m
from planner.services import generic, tasks
from tests.unit.test_document_support import appdata  # noqa: F401 - fixture


@pytest.fixture
def outlined(tmp_path, appdata):
    """FlagOS with a summary over TP-01..TP-03 inside another summary, owners and an undated task."""
    path = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    project = Project.open(path)
    plan = project.read(load_plan)
    code = plan.task_by_code
    tp, stage = code["TP-01"].module_id, code["TP-01"].stage_id  # (a blank stage cell is forward-filled)
    phase = project.run(tasks.add_task, "TP-00", start=dt.date(2025, 1, 6), end=dt.date(2025, 1, 10),
                        module_id=tp, stage_id=stage, name="技术产品第一阶段").created
    group = project.run(tasks.add_task, "TP-90", start=dt.date(2025, 1, 6), end=dt.date(2025, 1, 10),
                        module_id=tp, stage_id=stage, name="核心适配").created
    project.run(tasks.update_task, group, parent_id=phase)
    project.run(generic.reorder, m.Task, phase, 0)
    for i, c in enumerate(("TP-01", "TP-02", "TP-03")):
        project.run(tasks.update_task, code[c].id, parent_id=group, order=i, owner=f"负责人{i + 1}")
    project.run(tasks.add_task, "TP-91", module_id=tp, stage_id=stage, name="待定的适配", duration_days=5,
                owner="王工")
    yield project
    project.close()


def _import_into_new(paths, start: dt.date) -> Project:
    preview = read_workbooks(paths, None, ImportOptions())
    assert preview.ok, [str(p) for p in preview.problems.errors]
    project = Project.new("imported", start)
    project.run(apply_import, preview)
    return project


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outline_owner_and_undated_tasks_round_trip(outlined, tmp_path, lang):
    plan = outlined.read(load_plan)
    path = tmp_path / f"plan-{lang}.xlsx"
    assert export_template(plan, "workbook", path, lang=lang) == []
    copy = _import_into_new([path], dt.date(2000, 1, 3))
    try:
        assert dump_project(copy, natural=True) == dump_project(outlined, natural=True)
        again = copy.read(load_plan)
        assert again.task_by_id[again.task_by_code["TP-02"].parent_id].code == "TP-90"
        assert again.task_by_code["TP-91"].start_date is None and again.task_by_code["TP-91"].estimated
    finally:
        copy.close()


def test_task_sheet_lists_summaries_before_their_children_with_outline_numbers(outlined, tmp_path):
    plan = outlined.read(load_plan)
    path = tmp_path / "tasks.xlsx"
    export_template(plan, "tasks", path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[col["任务ID"]].value]
    listed = [(r[col["任务ID"]], r[col["大纲编号"]], r[col["上级任务"]], r[col["负责人"]]) for r in rows]
    first = [x[:3] for x in listed[:5]]
    assert first == [("TP-00", "1", None), ("TP-90", "1.1", "TP-00"), ("TP-01", "1.1.1", "TP-90"),
                     ("TP-02", "1.1.2", "TP-90"), ("TP-03", "1.1.3", "TP-90")]
    assert listed[2][3] == "负责人1"
    undated = next(r for r in rows if r[col["任务ID"]] == "TP-91")
    assert undated[col["起止时间"]] is None and undated[col["估计工期"]] == "是"


def test_task_template_imported_into_the_same_plan_changes_nothing(outlined, tmp_path):
    plan = outlined.read(load_plan)
    path = tmp_path / "tasks.xlsx"
    export_template(plan, "tasks", path)
    preview = read_workbooks([path], plan)
    assert preview.ok, [str(p) for p in preview.problems.errors]
    assert [c.describe() for c in preview.changes] == []


def test_import_puts_existing_tasks_under_a_new_summary(outlined, tmp_path):
    """A returned sheet adds a summary and moves existing tasks under it, rows in any order."""
    plan = outlined.read(load_plan)
    path = tmp_path / "tasks.xlsx"
    export_template(plan, "tasks", path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    code, parent, name = header.index("任务ID") + 1, header.index("上级任务") + 1, header.index("建设内容") + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, code).value in ("EC-01", "EC-02"):
            ws.cell(r, parent).value = "EC-00"
    last = ws.max_row + 1
    ws.cell(last, code).value, ws.cell(last, name).value = "EC-00", "生态建设第一阶段"
    ws.cell(last, header.index("起止时间") + 1).value = "第1-2周"
    wb.save(path)
    preview = read_workbooks([path], plan)
    assert preview.ok, [str(p) for p in preview.problems.errors]
    outlined.run(apply_import, preview)
    after = outlined.read(load_plan)
    summary = after.task_by_code["EC-00"].id
    assert {t.code for t in after.tasks if t.parent_id == summary} == {"EC-01", "EC-02"}
    assert "TP-91" in dump_json(after, natural=True)



def test_a_sheet_whose_summary_tasks_loop_is_refused_naming_the_loop(outlined, tmp_path):
    plan = outlined.read(load_plan)
    path = tmp_path / "tasks.xlsx"
    export_template(plan, "tasks", path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    code, parent = header.index("任务ID") + 1, header.index("上级任务") + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, code).value == "TP-90":
            ws.cell(r, parent).value = "TP-01"  # TP-01 is already under TP-90
    wb.save(path)
    preview = read_workbooks([path], plan)
    assert not preview.ok
    assert any("summary tasks form a loop" in str(p) and "TP-90" in str(p) for p in preview.problems.errors)
