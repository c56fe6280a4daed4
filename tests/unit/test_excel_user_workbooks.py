"""Workbooks made the way users make them (tests/data, built by tests/data/make_workbooks.py), each
with what its import must give."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from planner import model as m
from planner.document import Project
from planner.excel.apply import apply_import
from planner.excel.preview import ImportOptions, read_workbooks
from planner.plan import load_plan

DATA = Path(__file__).resolve().parents[1] / "data"
START = dt.date(2025, 1, 6)


def preview_of(name: str, **kw):
    return read_workbooks([DATA / name], None, ImportOptions(programme_start=START, **kw))


def records(preview, table):
    return {k: r.values for k, r in preview.records.by_table.get(table, {}).items()}


def test_committed_workbooks_match_their_builder(tmp_path):
    """The files in tests/data are what the script builds (same sheets, same values)."""
    import sys

    sys.path.insert(0, str(DATA))
    import make_workbooks as mw

    from planner.excel.grid import read_grids
    from planner.excel.preflight import preflight

    for name, build in mw.USER_WORKBOOKS.items():
        build(tmp_path / name)
        fresh, committed = tmp_path / name, DATA / name
        a = [(g.name, g.rows) for g in read_grids(fresh, preflight(fresh))]
        b = [(g.name, g.rows) for g in read_grids(committed, preflight(committed))]
        assert a == b, name


def test_indicator_system_with_title_rows_and_merged_stages():
    preview = preview_of("system_title_merged.xlsx")
    assert preview.ok
    cells = records(preview, m.RoadmapCell)
    assert set(cells) == {
        (("基础建设期",), ("技术产品",)), (("基础建设期",), ("生态建设",)),
        (("生态规模化期",), ("技术产品",)), (("生态规模化期",), ("生态建设",)),
    }
    first = cells[(("基础建设期",), ("技术产品",))]
    assert first["scope"] == "1. 核心组件开发\n2. 多芯片适配"  # line breaks kept
    assert first["data_source"] == "适配测试报告存档库"  # "数据来源（出处）" still recognised
    stage = records(preview, m.Stage)[("基础建设期",)]
    assert stage["label"] == "第一阶段（0-6 个月）：基础建设期" and (stage["start_month"], stage["end_month"]) == (0, 6)


def test_task_tables_grouped_by_module_with_week_ranges_and_dependency_phrases():
    preview = preview_of("tasks_grouped_by_module.xlsx")
    assert preview.ok, [str(p) for p in preview.problems.errors]
    tasks = records(preview, m.Task)
    assert tasks[("TP-01",)]["module_id"] == ("技术产品",) and tasks[("EC-04",)]["module_id"] == ("生态建设",)
    assert tasks[("TP-01",)]["stage_id"] == ("基础建设期",)
    assert (tasks[("TP-01",)]["start_date"], tasks[("TP-01",)]["end_date"]) == (START, START + dt.timedelta(days=55))
    assert tasks[("TP-03",)]["start_date"] == START + dt.timedelta(weeks=5)  # W6-W12
    assert tasks[("TP-04",)]["end_date"] == START + dt.timedelta(weeks=24, days=-1)  # 第20周-第24周
    deps = records(preview, m.Dependency)
    assert set(deps) == {(("TP-01",), ("TP-02",)), (("TP-01",), ("TP-03",)), (("TP-02",), ("TP-04",)),
                         (("TP-03",), ("TP-04",)), (("TP-02",), ("EC-04",))}
    assert deps[(("TP-02",), ("EC-04",))]["threshold"] == pytest.approx(0.3)
    roles = records(preview, m.TaskRole)
    assert roles[(("TP-01",), ("算子组工程师",))]["headcount"] == 8


def test_english_headers_text_dates_and_emoji_priorities():
    preview = preview_of("english_headers.xlsx")
    assert preview.ok
    tasks = records(preview, m.Task)
    assert tasks[("DOC-01",)]["end_date"] == dt.date(2025, 2, 10)
    assert tasks[("DOC-02",)]["start_date"] == dt.date(2025, 2, 11)
    assert [tasks[(c,)]["priority"] for c in ("DOC-01", "DOC-02", "DOC-03")] == ["high", "medium", "low"]
    assert tasks[("DOC-01",)]["progress"] == 0.5 and tasks[("DOC-02",)]["progress"] == 0.25
    dep = records(preview, m.Dependency)[(("DOC-02",), ("DOC-03",))]
    assert (dep["type"], dep["lag"]) == ("SS", 2)
    assert any(p.value == "Comments" for p in preview.problems.items)


def test_returned_template_with_a_wrong_value_and_an_extra_column():
    preview = preview_of("returned_stats_wrong_value.xlsx", period="2025-03")
    bad = [(p.row, p.column, p.value, p.message) for p in preview.problems.items if p.code == "cell_unreadable"]
    assert bad == [(3, "C", "待定", "not a number")] and preview.ok  # the row imports without that figure
    assert any(p.value == "备注2" and p.level == "warning" for p in preview.problems.items)


def test_the_seed_statistics_table_with_units_and_percentages():
    preview = preview_of("seed_stats.xlsx", period="2025-03")
    assert preview.ok
    indicators = {v["name"]: v for v in records(preview, m.Indicator).values()}
    assert (indicators["AI芯片适配数量"]["target"], indicators["AI芯片适配数量"]["unit"]) == (25, "款")
    readings = {k[0][0]: v for k, v in records(preview, m.Reading).items()}
    chips = readings[indicators["AI芯片适配数量"]["code"]]
    assert (chips["period_value"], chips["cumulative_value"]) == (5, 15)
    perf = readings[indicators["昇腾算子性能提升"]["code"]]
    assert perf["cumulative_value"] == pytest.approx(11.2)  # 0.112 in a % cell, in the indicator's unit (%)
    assert perf["test_date"] == dt.date(2025, 3, 28)


def test_master_file_with_many_sheets_and_a_hidden_helper():
    preview = preview_of("master_many_sheets.xlsx")
    assert preview.ok
    assert ("ZZ-99",) not in records(preview, m.Task)
    assert any(p.message == "hidden sheet skipped" for p in preview.problems.items)
    raci = records(preview, m.RaciCell)
    assert raci[(("技术产品",), None, ("核心技术部",))]["role"] == "R"
    assert raci[(("技术产品",), None, ("CTO/技术负责人",))]["role"] == "A"
    assert raci[(("技术产品",), None, ("质量测试部",))]["role"] == "C"
    assert records(preview, m.Task)[("TP-01",)]["priority"] == "high"
    project = Project.new("p", START)
    project.run(apply_import, preview)
    plan = project.read(load_plan)
    assert {t.code for t in plan.tasks} == {"TP-01", "TP-02", "EC-01"}
    project.close()


def test_a_junk_tail_of_formatted_empty_rows_is_skipped_quickly():
    started = time.perf_counter()
    preview = preview_of("junk_tail.xlsx")
    elapsed = time.perf_counter() - started
    assert preview.ok and set(records(preview, m.Task)) == {("TP-01",)}
    assert elapsed < 2.0  # the benchmark holds the real budget (0.2 s); this only catches a blow-up
