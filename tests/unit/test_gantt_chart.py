"""The matplotlib Gantt export: same geometry as the view, Chinese text kept in the PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from planner.charts.gantt import NAMES_WIDTH, build_gantt_figure
from planner.document import Project
from planner.gantt import TimeScale, demo, gantt_for
from planner.plan import load_plan
from planner.schedule import schedule_plan


@pytest.fixture(scope="module")
def plan():
    with Project.new("FlagOS 开源生态", demo.START) as project:
        project.run(demo.fill_demo)
        yield project.read(load_plan)


def test_bars_and_links_match_the_view_geometry(plan):
    schedule = schedule_plan(plan)
    fig, data = build_gantt_figure(plan, schedule, scale=TimeScale.at_level(demo.START, "week"))
    lay = gantt_for(plan, schedule, scale=TimeScale.at_level(demo.START, "week"))
    tp2 = next(b for b in data["bars"] if b["code"] == "TP-02")
    view_bar = lay.bar(lay.data.row_of_task[plan.task_by_code["TP-02"].id])
    assert (tp2["x0"], tp2["x1"]) == (view_bar.x0, view_bar.x1)
    assert {(lk["pred"], lk["succ"]) for lk in data["links"]} >= {("TP-01", "TP-02"), ("TP-02", "EC-04")}
    broken = {(lk["pred"], lk["succ"]) for lk in data["links"] if lk["broken"]}
    assert ("TP-01", "TP-02") in broken  # TP-02 planned from week 4 though TP-01 ends in week 8
    assert next(lk for lk in data["links"] if lk["succ"] == "EC-04")["label"] == "30%"
    assert data["stages"] == ["基础建设期", "生态规模化期", "规则制定期"]
    # drawn 1:1 at 100 px per inch: names plus the time range
    width_px = fig.get_figwidth() * 100
    lo, hi = lay.x_range(margin_days=3)
    assert width_px == pytest.approx(NAMES_WIDTH + hi - lo)


def test_a_long_plan_steps_out_to_a_coarser_level_to_fit(plan):
    fig, data = build_gantt_figure(plan, None, scale="week")  # 2.75 years at week zoom is 6,000 px
    assert data["level"] == "month" and fig.get_figwidth() * 100 <= 2600
    _fig, data = build_gantt_figure(plan, None, scale="week", last=demo.week_span(24, 24)[1])
    assert data["level"] == "week"  # the first stage alone fits at week zoom
    exact = TimeScale.at_level(demo.START, "week")
    _fig, data = build_gantt_figure(plan, None, scale=exact)
    assert data["level"] == "week"  # an exact scale is kept


def test_project_time_and_date_range(plan):
    _fig, data = build_gantt_figure(plan, None, scale="week", mode="project", lang="zh",
                                    first=demo.START, last=demo.week_span(12, 12)[1])
    assert data["ticks"][:2] == ["M1", "M2"] and "第1周" in data["ticks"] and "第12周" in data["ticks"]
    assert "第13周" not in data["ticks"]


def test_too_many_rows_collapse_to_stage_summaries_then_are_cut(plan):
    _fig, data = build_gantt_figure(plan, None, scale="month", max_rows=8)
    assert data["collapsed"] and data["rows"] == ["里程碑", "基础建设期", "生态规模化期", "规则制定期"]
    assert data["truncated"] == 0
    _fig, data = build_gantt_figure(plan, None, scale="month", max_rows=2, group_by="none")
    assert not data["collapsed"] and len(data["rows"]) == 2
    assert data["truncated"] == len(gantt_for(plan, group_by="none").data) - 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_keeps_chinese_text(plan, tmp_path):
    fig, _ = build_gantt_figure(plan, schedule_plan(plan), scale="month")
    fig.savefig(tmp_path / "g.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "g.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "多芯片适配" in text and "基础建设期" in text and "TP-02" in text
