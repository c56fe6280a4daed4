"""Charts and reports over a work breakdown: rows per top-level summary instead of per module, summaries
not counted twice, load per owner; the flat samples keep their module rows."""

from __future__ import annotations

from planner.charts import build_chart
from planner.charts.heatmap import collect_heatmap
from planner.charts.common import ChartContext
from planner.owners import owner_loads
from planner.plan import load_plan
from planner.reports.review import gather_review
from planner.samples import sample_path
from planner.document import Project
from planner.schedule import schedule_plan
from tests.unit.test_wbs_workbook import outlined  # noqa: F401 - fixture
from tests.unit.test_document_support import appdata  # noqa: F401 - fixture


def _ctx(plan, **options):
    return ChartContext(plan, schedule_plan(plan), "zh", None, options)


def test_heatmap_rows_are_the_top_level_summaries_and_the_modules_left(outlined):
    plan = outlined.read(load_plan)
    data = collect_heatmap(_ctx(plan))
    assert data.modules[0] == "TP-00 技术产品第一阶段"
    assert "技术产品" in data.modules  # TP-04 ... are still top-level tasks of the module
    counts = dict(zip(data.modules, (sum(row) for row in data.task_counts)))
    assert counts["TP-00 技术产品第一阶段"] == 3  # TP-01..TP-03, not the two summaries above them


def test_flat_sample_heatmap_keeps_one_row_per_module():
    project = Project.open(sample_path("flagos"), read_only=True)
    try:
        plan = project.read(load_plan)
    finally:
        project.close()
    assert collect_heatmap(_ctx(plan)).modules == [m.name for m in plan.modules]


def test_review_counts_work_once(outlined):
    plan = outlined.read(load_plan)
    review = gather_review(_ctx(plan), "2025-03")
    assert review.tasks_total == len(plan.tasks) - 2  # TP-00 and TP-90 are summaries


def test_owner_load_counts_leaf_tasks_per_owner_and_draws(outlined):
    plan = outlined.read(load_plan)
    loads = {x.owner: x for x in owner_loads(plan, schedule_plan(plan))}
    assert loads["负责人1"].tasks == 1 and loads["王工"].tasks == 1 and loads["王工"].days == 5
    assert "" in loads and list(loads)[-1] == ""  # the unowned last
    result = build_chart("raci", plan, lang="zh", per="owner")
    assert "负责人1" in result.data.teams and "未指定负责人" in result.data.teams
