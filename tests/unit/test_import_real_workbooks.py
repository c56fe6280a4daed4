"""Real public plan workbooks (tests/data/real/SOURCES.md): what a PM sees after opening each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner import model as m
from planner.excel.preview import ImportOptions, read_workbooks

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def _tasks(preview):
    return {k[0]: r.values for k, r in preview.records.of(m.Task).items()}


def _read(name, **kw):
    return read_workbooks([REAL / name])


def test_google_sheets_gantt_with_wbs_numbers_dependencies_and_a_timeline():
    preview = _read("kingsrf_gantt.xlsx")
    assert preview.ok, [str(p) for p in preview.problems.errors]
    tasks = _tasks(preview)
    assert len(tasks) == 25
    assert tasks["1.1.1"]["name"] == "Form steering committee"
    assert tasks["1.1.1"]["parent_id"] == ("1.1",) and "parent_id" not in tasks["1.1"]
    assert tasks["1.1.1"]["start_date"] == dt.date(2026, 6, 1) and tasks["1.1.1"]["end_date"] == dt.date(2026, 6, 5)
    # the phase row's dates are the span of the rows under it
    assert (tasks["1.1"]["start_date"], tasks["1.1"]["end_date"]) == (dt.date(2026, 6, 1), dt.date(2026, 7, 23))
    deps = preview.records.of(m.Dependency)
    assert ((("1.1.1",), ("1.1.2",)) in deps) and len(deps) == 25
    sheet = next(r for r in preview.sheets if r.map is not None)
    assert sheet.map.header_row == 7 and len([c for c in sheet.map.columns if c.use == "timeline"]) >= 60
    assert preview.earliest == dt.date(2026, 6, 1)  # a new plan starts where the work starts


def test_vertex42_template_from_google_sheets_outline_owner_and_progress():
    preview = _read("vertex42_google_sheets_gantt.xlsx")
    tasks = _tasks(preview)
    assert preview.ok and len(tasks) == 40  # the lone line under the chart is a note
    assert tasks["1.2"]["parent_id"] == ("1",) and tasks["1.2"]["progress"] == 0.5 and tasks["1.2"]["owner"] == "[Name]"
    assert (tasks["1"]["start_date"], tasks["1"]["end_date"]) == (dt.date(2020, 5, 1), dt.date(2020, 5, 20))
    assert any(p.code == "wbs_duplicate" and p.row == 47 for p in preview.problems.items)


def test_two_row_header_with_outline_columns_and_predecessor_ids():
    preview = _read("neos21_wbs.xlsx")
    tasks = _tasks(preview)
    assert preview.ok and len(tasks) == 6
    assert tasks["T001"]["owner"] == "○○" and tasks["T002"]["progress"] == 0.8 and tasks["T002"]["duration_days"] == 2
    # 大項目 > 中項目 > task: the outline columns became summary tasks
    parent = tasks["T001"]["parent_id"][0]
    assert tasks[parent]["name"] == "現行仕様を調査する" and tasks[tasks[parent]["parent_id"][0]]["name"] == "要件定義"
    assert set(preview.records.of(m.Dependency)) == {(("T001",), ("T002",)), (("T002",), ("T003",))}
    assert not any(p.code == "row_no_name" for p in preview.problems.items)  # numbered empty rows are not tasks


def test_chinese_plan_with_date_ranges_repeated_headers_and_merged_names():
    preview = _read("开发计划_alphonso64.xlsx")
    tasks = _tasks(preview)
    assert preview.ok
    by_name = {v["name"]: v for v in tasks.values()}
    assert (by_name["外壳加工"]["start_date"], by_name["外壳加工"]["end_date"]) == (dt.date(2016, 8, 2), dt.date(2016, 8, 20))
    assert by_name["外壳加工"]["owner"] == "刘"
    assert by_name["后端服务器"]["end_date"] == dt.date(2016, 8, 11)  # "？-2016/8/11": start unknown
    assert list(by_name).count("电路板开发") == 1  # a name merged over two rows is one task
    assert "2.电路板调试" in by_name["电路板开发"]["notes"]
    # each repeated header names its group: 流量计开发 over the first rows, 平台开发 on the next sheet
    assert tasks[by_name["外壳加工"]["parent_id"][0]]["name"] == "流量计开发"
    assert tasks[by_name["web开发"]["parent_id"][0]]["name"] == "平台开发"


def test_task_list_with_durations_people_and_a_total_row():
    preview = _read("项目进度计划_305team.xlsx")
    tasks = list(_tasks(preview).values())
    assert preview.ok and tasks[0]["name"] == "小组分工" and tasks[0]["owner"] == "梁力文"
    assert tasks[1]["duration_days"] == 4 and tasks[1]["end_date"] == dt.date(2022, 5, 6)
    assert preview.earliest == dt.date(2022, 5, 1)  # the 29000 under 开始日期 is a total, not 1979
    bad = next(p for p in preview.problems.items if p.code == "cell_unreadable")
    assert (bad.row, bad.column, bad.value) == (10, "B", "29000")


def test_assignment_lists_by_module_and_by_member():
    preview = _read("任务分配表_taoqi.xlsx")
    tasks = list(_tasks(preview).values())
    assert preview.ok and len(tasks) == 10
    assert (tasks[0]["name"], tasks[0]["owner"], tasks[0]["duration_days"]) == ("用户模块", "刘时明", 2)
    preview = _read("任务分配表_rigzx127.xlsx")
    tasks = list(_tasks(preview).values())
    assert len(tasks) == 3 and tasks[0]["owner"] == "成员 A" and tasks[0]["module_id"][0].startswith("数据库")


def test_wps_gantt_with_weekly_durations_and_names_beside_the_numbers():
    preview = _read("甘特图_zhongkunyu.xlsx")
    tasks = list(_tasks(preview).values())
    assert preview.ok and len(tasks) == 14
    assert (tasks[0]["name"], tasks[0]["owner"], tasks[0]["duration_days"]) == ("项目启动与计划", "项目经理", 5)
    assert tasks[4]["duration_days"] == 15  # 3周
    # no date columns: the bars coloured in the weekly timeline (第一周 over two columns) give the dates,
    # counted from the first date heading the timeline
    assert (tasks[0]["start_date"], tasks[0]["end_date"]) == (dt.date(2025, 2, 1), dt.date(2025, 2, 7))
    assert (tasks[2]["start_date"], tasks[3]["start_date"]) == (dt.date(2025, 2, 8), dt.date(2025, 2, 15))
    assert (tasks[4]["start_date"], tasks[4]["end_date"]) == (dt.date(2025, 2, 22), dt.date(2025, 3, 14))


def test_phase_columns_under_a_group_header_and_an_impossible_date():
    preview = _read("进度计划表_chennxL.xlsx")
    tasks = list(_tasks(preview).values())
    assert preview.ok and len(tasks) == 14
    assert tasks[0]["module_id"] == ("数据采集",) and tasks[3]["module_id"] == ("数据存储",)
    assert tasks[0]["start_date"] == dt.date(2023, 5, 23)
    bad = next(p for p in preview.problems.items if p.value == "2023/6/31")
    assert (bad.level, bad.message) == ("warning", "no such date")


def test_raci_matrix_from_mac_excel():
    preview = _read("raci_alifchow.xlsx")
    assert preview.ok
    teams = {k[0] for k in preview.records.of(m.Team)}
    assert {"Fahim", "Adib", "Alif"} <= teams
    letters = {(r.values["task_id"][0], r.values["team_id"][0]): r.values["role"] for r in preview.records.of(m.RaciCell).values()}
    first = next(k for k, v in _tasks(preview).items() if v["name"].startswith("Specify new product"))
    assert letters[(first, "Fahim")] == "R" and letters[(first, "Alif")] == "A" and (first, "Lucas") not in letters  # N = none
    design = next(k for k, v in _tasks(preview).items() if v["name"] == "Product Design")
    assert letters[(design, "Alif")] == "I"  # I/C keeps the first letter
    assert any(p.code == "raci_two_a" for p in preview.problems.items)


def test_raci_template_with_placeholder_team_names():
    preview = _read("raci_template_oseniadam.xlsx")
    assert preview.ok and len(preview.records.of(m.Team)) == 9  # nine columns, told apart by their letter


def test_simple_gantt_from_excel_online_and_a_multi_sheet_template():
    preview = _read("simple_gantt_deepikamn.xlsx")
    tasks = list(_tasks(preview).values())
    assert len(tasks) == 7 and tasks[0]["start_date"] == dt.date(2022, 10, 29) and tasks[0]["duration_days"] == 25
    preview = _read("ganttgen_template.xlsx")
    by_name = {v["name"]: v for v in _tasks(preview).values()}
    assert by_name["Phase 1: Discovery"]["start_date"] == dt.date(2025, 1, 6)
    milestones = {v["name"]: v["start_date"] for v in _tasks(preview).values() if v.get("is_milestone")}
    assert milestones == {"Project Kickoff": dt.date(2025, 1, 6), "Planning Complete": dt.date(2025, 2, 14),
                          "Final Delivery": dt.date(2025, 3, 28)}
    assert not preview.records.of(m.CalendarException)  # a sheet "name | date" is not our calendar sheet


@pytest.mark.parametrize("name", ["kpi_weekly_counts_sapporoalex.xlsx", "项目计划_xiangmubu.xlsx"])
def test_a_workbook_with_no_plan_in_it_says_why_per_sheet(name):
    preview = _read(name)
    assert not preview.ok
    assert any(p.code == "no_table_in_file" and p.level == "error" for p in preview.problems.items)
    reasons = [p for p in preview.problems.items if p.code == "no_table"]
    assert reasons and all(p.sheet.startswith(name) for p in reasons)


def test_okr_sheets_with_objectives_across_and_a_sheet_per_sprint():
    preview = _read("okr_sprints_jarbasferro.xlsx")
    assert preview.ok
    objectives = {r.values["code"]: r.values["title"] for r in preview.records.of(m.Objective).values()}
    assert len(objectives) == 11 and objectives["O1"] == "Create clear and organized work groups"
    assert objectives["O4"].startswith("Design the first version")  # sprint 2 goes on numbering
    krs = preview.records.of(m.KeyResult)
    assert len(krs) == 30 and krs[(("O1",), "KR1")].values["title"].startswith('Create 3 "Circles of Interest"')
    assert "Our goal is" in krs[(("O1",), "KR1")].values["steps"]  # the objective's description kept
    stakeholders = next(r for r in preview.sheets if r.sheet == "Stakeholders")
    assert stakeholders.status == "none"


def test_raci_with_role_groups_over_roles_and_activities_without_a_header():
    preview = _read("raci_grouped_roles_taarikakanauji.xlsx")
    assert preview.ok
    teams = {k[0] for k in preview.records.of(m.Team)}
    assert {"Business Analyst", "Project Manager", "DevOps"} <= teams  # the role, not its group
    names = {v["name"]: k for k, v in _tasks(preview).items()}
    letters = {(r.values["task_id"][0], r.values["team_id"][0]): r.values["role"] for r in preview.records.of(m.RaciCell).values()}
    assert letters[(names["Project Charter"], "Project Manager")] == "A"  # R/A
    assert letters[(names["Project Charter"], "Business Analyst")] == "R"
    assert "Planning" not in names  # a section row is not an activity
    preview = _read("raci_people_pruthuvi.xlsx")
    names = {v["name"]: k for k, v in _tasks(preview).items()}
    letters = {(r.values["task_id"][0], r.values["team_id"][0]): r.values["role"] for r in preview.records.of(m.RaciCell).values()}
    assert letters[(names["Accept the Project"], "H.M. Pumudi Herath")] == "A"  # "R, A"


def test_wbs_with_numbers_typed_as_numbers_and_text_under_a_merged_two_row_header():
    """WBS NUMBER 1.0 / 1.1 as numbers, 2.3.1 as text, every header merged over two rows (openpyxl-written)."""
    preview = _read("wbs_larryho.xlsx")
    assert preview.ok
    tasks = _tasks(preview)
    assert len(tasks) == 42 and list(tasks)[:5] == ["1", "1.1", "1.2", "1.3", "2"]
    assert tasks["2.3.1"]["parent_id"] == ("2.3",) and tasks["2.3"]["parent_id"] == ("2",) and "parent_id" not in tasks["1"]
    assert tasks["2.3.1"]["name"] == "Menu/Index Page" and tasks["2.3.1"]["owner"] == "Jingbin Yin"
    assert (tasks["2.3.1"]["start_date"], tasks["2.3.1"]["end_date"]) == (dt.date(2019, 4, 10), dt.date(2019, 4, 20))
    # the author's typo (due 2019-03-07, before the 25th) is a warning at each cell, not a refusal
    typos = sorted((p.row, p.column) for p in preview.problems.items if p.code == "end_before_start")
    assert typos == [(5, "E"), (6, "E"), (7, "E")] and not preview.problems.errors
    assert preview.earliest == dt.date(2019, 3, 25)


def test_raci_chart_with_phase_rows_and_several_accountables():
    preview = _read("raci_ashwathbalaji98.xlsx")
    assert preview.ok
    names = {v["name"]: k for k, v in _tasks(preview).items()}
    assert len(names) == 26 and not any(n.startswith("Phase ") for n in names)  # phase rows are sections
    assert len(preview.records.of(m.Team)) == 24
    letters = {(r.values["task_id"][0], r.values["team_id"][0]): r.values["role"] for r in preview.records.of(m.RaciCell).values()}
    assert letters[(names["Evaluate Current Workspaces"], "Operations Analyst")] == "A"
    assert letters[(names["Evaluate Current Workspaces"], "Contract Architect")] == "R"  # header 'Contract Architect ' trimmed
    raci = {(p.row, p.code) for p in preview.problems.items if p.code.startswith("raci_")}
    assert raci == {(16, "raci_no_a"), (20, "raci_no_a"), (21, "raci_no_a"),
                    (28, "raci_two_a"), (29, "raci_two_a"), (30, "raci_two_a")}
    assert all(p.level == "warning" for p in preview.problems.items)


def test_weekly_plan_with_names_under_a_start_date_label_and_marks_in_the_weeks():
    """'Start Date:' heads the task names, 'Wk 1 21/05' ... heads the weeks, cells coloured or 'Completed'."""
    preview = _read("project_plan_jordanmtekura.xlsx")
    assert [p.code for p in preview.problems.errors] == ["start_needed"]  # the weeks count from a start: asked once
    preview = read_workbooks([REAL / "project_plan_jordanmtekura.xlsx"], None, ImportOptions(programme_start=dt.date(2018, 5, 21)))
    assert preview.ok
    tasks = list(_tasks(preview).values())
    assert len(tasks) == 22 and tasks[0]["name"] == "Part 1 - Plan"
    by_name = {t["name"]: t for t in tasks}
    part1 = next(k for k, v in _tasks(preview).items() if v["name"] == "Part 1 - Plan")
    assert by_name["Confirm final design"]["parent_id"] == (part1,) and by_name["Confirm final design"]["owner"] == "Figma"
    assert by_name["Research Project Management Tools"]["start_date"] == dt.date(2018, 5, 21)
    sheet = next(r for r in preview.sheets if r.map is not None)
    assert {c.column: c.use for c in sheet.map.columns}[0] == "name"
    assert len([c for c in sheet.map.columns if c.use == "timeline"]) == 21
