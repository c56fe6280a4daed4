"""A brand-new plan with no rows yet exports every template, and the files import cleanly."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.document import Project
from planner.excel.export import KINDS, export_template
from planner.excel.preview import read_workbooks
from planner.plan import load_plan


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "collect"])
def test_empty_plan_exports_every_template_and_reads_back_without_problems(tmp_path, kind):
    project = Project.new("新计划", dt.date(2025, 1, 6))
    try:
        plan = project.read(load_plan)
        path = tmp_path / f"{kind}.xlsx"
        export_template(plan, kind, path)
        assert load_workbook(path).sheetnames  # a real workbook, with its sheets
        preview = read_workbooks([path], plan)
        assert not preview.problems.errors
    finally:
        project.close()


def test_task_without_a_scope_round_trips(tmp_path):
    """A task added in the matrix but not yet described exports and imports back unchanged."""
    from planner import model as m
    from planner.services.rows import create_row

    project = Project.new("新计划", dt.date(2025, 1, 6))
    other = Project.new("新计划", dt.date(2025, 1, 6))
    try:
        project.run(create_row, m.Task(code="TP-01", name="", start_date=dt.date(2025, 1, 6),
                                       end_date=dt.date(2025, 2, 28)))
        plan = project.read(load_plan)
        path = tmp_path / "tasks.xlsx"
        export_template(plan, "workbook", path)
        preview = read_workbooks([path], other.read(load_plan))
        assert not preview.problems.errors, [str(p) for p in preview.problems.errors]
        from planner.excel.apply import apply_import

        other.run(apply_import, preview)
        imported = other.read(load_plan)
        assert [(t.code, t.name, t.start_date, t.end_date) for t in imported.tasks] == [
            ("TP-01", "", dt.date(2025, 1, 6), dt.date(2025, 2, 28))]
    finally:
        project.close()
        other.close()
