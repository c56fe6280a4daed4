"""Workbooks of each layout people use, built with openpyxl (and saved by LibreOffice): what the import reads."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from openpyxl import Workbook

from planner import model as m
from planner.cli import run_cli
from planner.document import Project
from planner.excel.apply import apply_import
from planner.excel.colmap import ColumnMap, RowAction
from planner.excel.preview import ImportOptions, preview_grids, read_workbooks
from planner.excel.sheets import open_workbooks
from planner.plan import load_plan


def _book(path, rows, *, title="计划", merges=(), formats=None):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    wb.save(path)
    return path


def _tasks(preview):
    return {k[0]: r.values for k, r in preview.records.of(m.Task).items()}


PLAN = [
    ["项目进度计划"],
    ["序号", "WBS", "任务名称", "负责人", "开始时间", "完成时间", "工期", "前置任务", "状态", "完成%", "风险等级"],
    [1, "1", "需求阶段", None, None, None, None, None, None, None, None],
    [2, "1.1", "需求调研", "张三", dt.date(2025, 3, 3), None, "5天", None, "已完成", "100%", "低"],
    [3, "1.2", "需求评审", "李四", None, None, "1周", "2fs", "进行中", "50%", "中"],
    [4, "2", "开发阶段", None, None, None, None, None, None, None, None],
    [5, "2.1", "编码", "王五", "03-24-2025", "04-18-2025", None, "3SS+2d", "未开始", None, None],
    [6, "2.2", "联调", "赵六", "202X-XX-XX", None, "2.5 days", "4FF-1 day, 5", "延期", None, None],
    [7, "2.3", None, "赵六", None, None, None, None, None, None, None],
    ["注：以上计划以周为单位滚动更新"],
]


def test_a_task_plan_with_wbs_owners_durations_predecessors_and_placeholders(tmp_path):
    preview = read_workbooks([_book(tmp_path / "plan.xlsx", PLAN)])
    assert preview.ok, [str(p) for p in preview.problems.errors]
    tasks = _tasks(preview)
    assert set(tasks) == {"1", "1.1", "1.2", "2", "2.1", "2.2"}
    assert tasks["1.1"]["parent_id"] == ("1",) and tasks["2.2"]["parent_id"] == ("2",)
    assert tasks["1.1"]["owner"] == "张三" and tasks["1.1"]["status"] == "done" and tasks["1.1"]["progress"] == 1.0
    assert tasks["1.1"]["end_date"] == dt.date(2025, 3, 7)  # 5 working days from Monday 3 March
    assert tasks["1.2"]["duration_days"] == 5 and tasks["1.2"]["start_date"] is None  # 1周, scheduled from its links
    assert (tasks["2.1"]["start_date"], tasks["2.1"]["end_date"]) == (dt.date(2025, 3, 24), dt.date(2025, 4, 18))
    assert tasks["2.2"]["status"] == "on_hold" and tasks["2.2"]["duration_days"] == 3
    assert "风险等级: 低" in tasks["1.1"]["notes"]  # an unknown column is kept as a note
    deps = {(k[0][0], k[1][0]): r.values for k, r in preview.records.of(m.Dependency).items()}
    assert deps[("1.1", "1.2")]["type"] == "FS"
    assert (deps[("1.2", "2.1")]["type"], deps[("1.2", "2.1")]["lag"]) == ("SS", 2)
    assert (deps[("2", "2.2")]["type"], deps[("2", "2.2")]["lag"]) == ("FF", -1) and ("2.1", "2.2") in deps
    placeholder = next(p for p in preview.problems.items if p.code == "cell_placeholder")
    assert (placeholder.row, placeholder.column, placeholder.value) == (8, "E", "202X-XX-XX")
    assert any(p.code == "row_no_name" and p.row == 9 for p in preview.problems.items)
    assert preview.earliest == dt.date(2025, 3, 3)


def test_strict_refuses_and_json_and_map_round_trip(tmp_path, capsys):
    path = _book(tmp_path / "plan.xlsx", PLAN)
    assert run_cli(["import", str(path), "--strict"]) == 1
    capsys.readouterr()
    assert run_cli(["import", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sheet = next(s for s in data["sheets"] if s["status"] == "table")
    assert sheet["map"]["header_row"] == 2 and sheet["kind"] == "tasks"
    assert {c["column"]: c["use"] for c in sheet["map"]["columns"]}["D"] == "owner"
    problem = next(p for p in data["problems"] if p["code"] == "cell_placeholder")
    assert (problem["row"], problem["column"], problem["level"]) == (8, "E", "warning")
    assert any(r["key"] == "1.1" and r["values"]["owner"] == "张三" and r["action"] == "add" for r in data["rows"])
    assert run_cli(["import", str(path), "--show-map"]) == 0
    maps = json.loads(capsys.readouterr().out)
    for c in maps["maps"][0]["columns"]:
        if c["column"] == "D":
            c["use"] = "ignore"  # the user says: not the owner
    (tmp_path / "map.json").write_text(json.dumps(maps, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "p.plan"
    assert run_cli(["import", str(path), "--map", str(tmp_path / "map.json"), "--into", str(target), "--apply"]) == 0
    with Project.open(target, read_only=True) as project:
        plan = project.read(load_plan)
        assert plan.programme.start_date == dt.date(2025, 3, 3)  # where the work starts, not today
        assert {t.code: t.owner for t in plan.tasks}["1.1"] == ""
        assert {t.code: t.parent_id is not None for t in plan.tasks}["1.1"]


def test_a_changed_map_is_applied_to_the_grids_already_read(tmp_path):
    books = open_workbooks([_book(tmp_path / "plan.xlsx", PLAN)])
    first = preview_grids(books)
    cmap = first.maps()[0]
    data = cmap.to_json()
    data["columns"] = [{**c, "use": "note"} if c["column"] == "D" else c for c in data["columns"]]
    again = preview_grids(books, None, ImportOptions(maps=[ColumnMap.from_json(data)],
                                                     row_actions=[RowAction("计划", 4, "skip"), RowAction("计划", 8, "set", "E", "2025-04-21")]))
    tasks = _tasks(again)
    assert "1.1" not in tasks and "owner" not in tasks["2.2"] and "负责人: 赵六" in tasks["2.2"]["notes"]
    assert tasks["2.2"]["start_date"] == dt.date(2025, 4, 21)
    assert not any(p.code == "cell_placeholder" for p in again.problems.items)


def test_no_id_names_dates_and_roles_do_not_crash(tmp_path):
    """任务名称 | 开始日期 | 结束日期 | 角色: no ID column at all."""
    path = _book(tmp_path / "r.xlsx", [["任务名称", "开始日期", "结束日期", "角色"],
                                       ["设计", dt.date(2025, 1, 6), dt.date(2025, 1, 10), "架构师×2"],
                                       ["实现", dt.date(2025, 1, 13), dt.date(2025, 1, 31), "工程师×5"]])
    preview = read_workbooks([path])
    tasks = _tasks(preview)
    assert preview.ok and [t["name"] for t in tasks.values()] == ["设计", "实现"]
    assert list(tasks) == ["T-001", "T-002"] and tasks["T-002"]["roles_text"] == "工程师×5"


def test_raci_matrix_with_legend_two_accountables_and_a_team_created(tmp_path):
    rows = [["RACI 矩阵"], ["活动", "产品部", "研发部", "测试部", "运维部"],
            ["需求评审", "A", "R", "C", "I"], ["上线发布", "A", "A/R", "C", "R"], ["性能优化", "", "RA", "S", "-"],
            [], ["R", "Responsible 负责执行"], ["A", "Accountable 批准"]]
    preview = read_workbooks([_book(tmp_path / "raci.xlsx", rows)])
    assert preview.ok
    letters = {(r.values["task_id"][0], r.values["team_id"][0]): r.values["role"] for r in preview.records.of(m.RaciCell).values()}
    names = {k: v["name"] for k, v in _tasks(preview).items()}
    code = {v: k for k, v in names.items()}
    assert letters[(code["需求评审"], "研发部")] == "R" and letters[(code["上线发布"], "研发部")] == "A"
    assert letters[(code["性能优化"], "测试部")] == "R" and (code["性能优化"], "运维部") not in letters
    assert set(names.values()) == {"需求评审", "上线发布", "性能优化"}  # legend rows are not activities
    two = next(p for p in preview.problems.items if p.code == "raci_two_a")
    assert two.row == 4 and two.level == "warning"
    assert {k[0] for k in preview.records.of(m.Team)} == {"产品部", "研发部", "测试部", "运维部"}


def test_okr_sheet_with_merged_objectives_and_kpi_list_with_custom_formats(tmp_path):
    okr = _book(tmp_path / "okr.xlsx", [["目标(O)", "关键结果(KR)", "负责人", "进度"],
                                        ["提升产品质量", "缺陷率降到1%以下", "张三", "40%"],
                                        [None, "单测覆盖率达到80%", "李四", 0.6],
                                        ["扩大用户规模", "月活达到10万", "王五", None]], merges=["A2:A3"])
    preview = read_workbooks([okr])
    objectives = {r.values["code"]: r.values["title"] for r in preview.records.of(m.Objective).values()}
    krs = {(k[0][0], k[1]): r.values for k, r in preview.records.of(m.KeyResult).items()}
    assert objectives == {"O1": "提升产品质量", "O2": "扩大用户规模"}
    assert krs[("O1", "KR2")]["title"] == "单测覆盖率达到80%" and krs[("O1", "KR1")]["progress"] == 0.4
    kpi = _book(tmp_path / "kpi.xlsx", [["KPI", "目标值", "责任人"], ["算子性能提升", 0.1, "研发部"], ["芯片适配数量", 25, "生态部"]],
                formats={"B2": '"≥"0%', "B3": '0"款"'})
    preview = read_workbooks([kpi])
    inds = {r.values["name"]: r.values for r in preview.records.of(m.Indicator).values()}
    assert inds["算子性能提升"]["comparator"] == ">=" and inds["算子性能提升"]["unit"] == "%" and inds["算子性能提升"]["target"] == 10
    assert inds["芯片适配数量"]["unit"] == "款" and inds["芯片适配数量"]["target"] == 25
    assert {r.values["code"] for r in preview.records.of(m.Indicator).values()} == {"IND-001", "IND-002"}


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_same_plan_saved_by_libreoffice_reads_the_same(tmp_path):
    from tests.unit.test_excel_libreoffice import recalc

    src = _book(tmp_path / "plan.xlsx", PLAN)
    out = tmp_path / "lo"
    out.mkdir()
    saved = recalc([src], out)[0]
    a, b = _tasks(read_workbooks([src])), _tasks(read_workbooks([saved]))
    assert a.keys() == b.keys()
    for code in a:
        assert {k: a[code].get(k) for k in ("name", "owner", "start_date", "end_date", "parent_id", "duration_days")} == \
               {k: b[code].get(k) for k in ("name", "owner", "start_date", "end_date", "parent_id", "duration_days")}


def _plan_with_reading(tmp_path):
    project = Project.new("p", dt.date(2025, 1, 6))
    with project.session() as s:
        ind = m.Indicator(code="IND-001", name="芯片适配数量", target=25.0, unit="款")
        s.add(ind)
        s.flush()
        s.add(m.Reading(indicator_id=ind.id, period="2025-04", cumulative_value=12.0, test_date=dt.date(2025, 4, 28)))
    return project


STATS = [["数据统计表"], ["填报周期：2025年4月"], ["指标名称", "本月实际值", "累计实际值", "测试时间", "测试人员"],
         ["芯片适配数量", 3, 10, dt.date(2025, 4, 10), "王工"]]


def test_a_statistics_sheet_takes_its_period_from_the_text_above_it(tmp_path):
    project = _plan_with_reading(tmp_path)
    preview = read_workbooks([_book(tmp_path / "stats.xlsx", STATS, title="4月数据")], project.read(load_plan),
                             ImportOptions(conflict_default="overwrite"))
    guessed = next(p for p in preview.problems.items if p.code == "period_guessed")
    assert guessed.value == "2025-04" and "above the table" in guessed.message
    reading = preview.records.get(m.Reading, (("IND-001",), "2025-04"))
    assert reading.values["cumulative_value"] == 10
    project.close()


def test_an_older_workbook_never_silently_overwrites_newer_readings(tmp_path):
    project = _plan_with_reading(tmp_path)
    path = _book(tmp_path / "stats.xlsx", STATS)
    preview = read_workbooks([path], project.read(load_plan))
    conflict = next(p for p in preview.problems.errors if p.code == "conflict_newer")
    assert "2025-04-28" in conflict.message and "2025-04-10" in conflict.message
    assert [c.key for c in preview.conflicts] == ["reading:IND-001/2025-04"]
    keep = read_workbooks([path], project.read(load_plan), ImportOptions(conflicts={"reading:IND-001/2025-04": "keep"}))
    assert keep.ok and not any(c.table is m.Reading for c in keep.changes)
    project.run(apply_import, keep)
    assert project.read(load_plan).readings[0].cumulative_value == 12.0
    over = read_workbooks([path], project.read(load_plan), ImportOptions(conflict_default="overwrite"))
    project.run(apply_import, over)
    assert project.read(load_plan).readings[0].cumulative_value == 10.0
    project.close()


def test_week_spans_ask_for_the_start_once_and_a_timeline_gives_dates(tmp_path):
    rows = [["任务", "负责人", "时间"], ["调研", "张三", "第1-2周"], ["开发", "李四", "第3-6周"]]
    path = _book(tmp_path / "weeks.xlsx", rows)
    preview = read_workbooks([path])
    assert [p.code for p in preview.problems.errors] == ["start_needed"]
    preview = read_workbooks([path], None, ImportOptions(programme_start=dt.date(2025, 3, 3)))
    tasks = list(_tasks(preview).values())
    assert preview.ok and (tasks[1]["start_date"], tasks[1]["end_date"]) == (dt.date(2025, 3, 17), dt.date(2025, 4, 13))
    gantt = [["任务名称", "负责人", dt.date(2025, 3, 3), dt.date(2025, 3, 10), dt.date(2025, 3, 17), dt.date(2025, 3, 24)],
             ["设计", "张三", "■", "■", None, None], ["实现", "李四", None, None, "■", "■"]]
    tasks = list(_tasks(read_workbooks([_book(tmp_path / "bars.xlsx", gantt)])).values())
    assert (tasks[0]["start_date"], tasks[0]["end_date"]) == (dt.date(2025, 3, 3), dt.date(2025, 3, 16))
    assert (tasks[1]["start_date"], tasks[1]["end_date"]) == (dt.date(2025, 3, 17), dt.date(2025, 3, 30))


def test_other_readers_enter_at_the_preview_with_records_and_problems():
    from planner.errors import ProblemList
    from planner.excel.preview import preview_from_records
    from planner.excel.records import Record, Records

    records = Records()
    for code, pred in (("A", None), ("B", "A"), ("C", "B")):
        records.put(Record(m.Task, {"code": code, "name": code, "start_date": None, "end_date": None}, "x.xml"))
        if pred:
            records.put(Record(m.Dependency, {"predecessor_id": (pred,), "successor_id": (code,), "type": "FS", "lag": 0,
                                              "lag_unit": "d", "threshold": 1.0, "text": pred}, "x.xml"))
    records.put(Record(m.Dependency, {"predecessor_id": ("C",), "successor_id": ("A",), "type": "FS", "lag": 0,
                                      "lag_unit": "d", "threshold": 1.0, "text": "C"}, "x.xml"))
    preview = preview_from_records(["x.xml"], records, ProblemList())
    assert preview.counts()["add"] == 6 and any("cycle" in p.message for p in preview.problems.errors)


def test_collaborating_teams_of_a_division_sheet_become_teams(tmp_path):
    rows = [["模块", "责任团队", "协作团队", "决策人"], ["技术产品", "核心技术部", "质量测试部、运维部", "CTO"]]
    preview = read_workbooks([_book(tmp_path / "div.xlsx", rows, title="分工矩阵")])
    assert {"核心技术部", "质量测试部", "运维部"} <= {k[0] for k in preview.records.of(m.Team)}


X14 = ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
       'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>'
       '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" '
       'id="{00000000-0000-0000-0000-000000000001}"><x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/>'
       '<x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>J3:J9</xm:sqref></x14:conditionalFormatting>'
       '</x14:conditionalFormattings></ext></extLst>')


def test_x14_extensions_and_shared_formulas_read_like_the_plain_file(tmp_path):
    """Excel 2010+ writes x14 extensions (data bars) after the sheet data; they change nothing read."""
    import zipfile

    plain = _book(tmp_path / "plain.xlsx", PLAN)
    fancy = tmp_path / "x14.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(fancy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                # a shared formula with its cached value in 序号 (as Excel fills a column down)
                text = text.replace('<c r="A4" t="n"><v>2</v></c>', '<c r="A4"><f t="shared" ref="A4:A5" si="0">A3+1</f><v>2</v></c>')
                text = text.replace("</worksheet>", X14 + "</worksheet>")
                data = text.encode("utf-8")
            dst.writestr(item, data)
    with zipfile.ZipFile(fancy) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    assert b"x14:dataBar" in xml and b't="shared"' in xml
    a, b = read_workbooks([plain]), read_workbooks([fancy])
    assert b.ok and _tasks(a) == _tasks(b)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CELL = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=14), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(), st.none(),
    st.dates(dt.date(1901, 1, 1), dt.date(2200, 1, 1)),
    st.sampled_from(["2fs", "3SS+2d", "1 - 15", "5天", "1周", "2.5 days", "50%", "未开始", "延期", "R/A", "202X-XX-XX",
                     "5月28日", "2016/8/8-2016/8/19", "？-2016/8/11", "03-28-2025", "28/03/2025", "1.2.3", "注：说明", "第1-8周"]),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=7, max_size=7), min_size=1, max_size=8))
def test_any_cells_under_a_users_header_give_a_preview_never_an_exception(tmp_path, rows):
    path = _book(tmp_path / "any.xlsx", [["WBS", "任务名称", "负责人", "开始时间", "工期", "前置任务", "完成%"], *rows])
    preview = read_workbooks([path], None, ImportOptions(programme_start=dt.date(2025, 3, 3)))
    for problem in preview.problems.items:
        assert problem.message and problem.code is not None


def test_phase_rows_module_prefixes_and_a_cycle_located_at_each_link(tmp_path):
    rows = [["序号", "任务名称", "模块", "开始日期", "结束日期", "前置任务", "负责人"],
            [1, "第一阶段：调研"],  # a phase row: a name and nothing else, above dated rows
            [2, "访谈", "技术产品", dt.date(2025, 3, 3), dt.date(2025, 3, 7), None, "张三"],
            [3, "报告", "技术产品", dt.date(2025, 3, 10), dt.date(2025, 3, 14), "2", "李四"],
            [4, "第二阶段：开发", None, None, None, None, None],
            [5, "编码", "技术产品", dt.date(2025, 3, 17), dt.date(2025, 4, 4), "3FS+1d", "王五"]]
    project = Project.new("p", dt.date(2025, 3, 3))
    with project.session() as s:
        mod = m.Module(name="技术产品", prefix="TP")
        s.add(mod)
        s.flush()
        s.add(m.Task(code="TP-01", module_id=mod.id, name="旧任务", start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 4)))
    preview = read_workbooks([_book(tmp_path / "phases.xlsx", rows)], project.read(load_plan))
    assert preview.ok, [str(p) for p in preview.problems.errors]
    by_name = {v["name"]: (k, v) for k, v in _tasks(preview).items()}
    assert by_name["访谈"][0] == "TP-02" and by_name["报告"][0] == "TP-03" and by_name["编码"][0] == "TP-04"
    assert by_name["编码"][1]["parent_id"] == (by_name["第二阶段：开发"][0],)
    assert by_name["报告"][1]["parent_id"] == (by_name["第一阶段：调研"][0],)
    assert (by_name["第一阶段：调研"][1]["start_date"], by_name["第一阶段：调研"][1]["end_date"]) == (dt.date(2025, 3, 3), dt.date(2025, 3, 14))
    deps = {(k[0][0], k[1][0]): r.values["lag"] for k, r in preview.records.of(m.Dependency).items()}
    assert deps == {("TP-02", "TP-03"): 0, ("TP-03", "TP-04"): 1}
    project.close()
    loop = [["WBS", "任务名称", "开始时间", "完成时间", "前置任务"], ["1", "甲", dt.date(2025, 3, 3), dt.date(2025, 3, 4), "3"],
            ["2", "乙", dt.date(2025, 3, 5), dt.date(2025, 3, 6), "1"], ["3", "丙", dt.date(2025, 3, 7), dt.date(2025, 3, 8), "2"]]
    preview = read_workbooks([_book(tmp_path / "loop.xlsx", loop)])
    cells = sorted((p.row, p.column) for p in preview.problems.errors if p.code == "dep_cycle" and p.row)
    assert cells == [(2, "E"), (3, "E"), (4, "E")]


def test_a_gantt_drawn_with_cell_colours_gives_the_dates(tmp_path):
    from openpyxl.styles import PatternFill

    path = tmp_path / "colours.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["任务名称", "负责人", "第1周", "第2周", "第3周", "第4周", "第5周"])
    ws.append(["调研", "张三"])
    ws.append(["开发", "李四"])
    blue = PatternFill("solid", fgColor="4472C4")
    for cell in ("C2", "D2", "E3", "F3", "G3"):
        ws[cell].fill = blue
    wb.save(path)
    preview = read_workbooks([path], None, ImportOptions(programme_start=dt.date(2025, 3, 3)))
    tasks = list(_tasks(preview).values())
    assert (tasks[0]["start_date"], tasks[0]["end_date"]) == (dt.date(2025, 3, 3), dt.date(2025, 3, 16))
    assert (tasks[1]["start_date"], tasks[1]["end_date"]) == (dt.date(2025, 3, 17), dt.date(2025, 4, 6))


def test_a_new_plan_starts_at_start_then_the_cover_then_the_earliest_date_never_today(tmp_path):
    from planner.cli.cmd_import import new_plan_start
    from planner.excel.records import Record

    preview = read_workbooks([_book(tmp_path / "plan.xlsx", PLAN)])
    assert preview.earliest == dt.date(2025, 3, 3)
    assert new_plan_start(preview, ImportOptions()) == dt.date(2025, 3, 3)  # the earliest date in the workbook
    preview.records.put(Record(m.Programme, {"name": "封面", "start_date": dt.date(2025, 2, 17)}, "封面!2"))
    assert new_plan_start(preview, ImportOptions()) == dt.date(2025, 2, 17)  # the cover's start wins
    assert new_plan_start(preview, ImportOptions(programme_start=dt.date(2025, 1, 6))) == dt.date(2025, 1, 6)  # --start
    # undated tasks of the new plan schedule from there, not from today
    target = tmp_path / "new.plan"
    rows = [["任务名称", "负责人", "开始时间", "工期"], ["调研", "张三", dt.date(2024, 9, 2), "5天"], ["评审", "李四", None, "2天"]]
    assert run_cli(["import", str(_book(tmp_path / "undated.xlsx", rows)), "--into", str(target), "--apply", "--quiet"]) == 0
    with Project.open(target, read_only=True) as project:
        plan = project.read(load_plan)
        assert plan.programme.start_date == dt.date(2024, 9, 2)
        undated = next(t for t in plan.tasks if t.name == "评审")
        assert undated.start_date is None  # automatic: the schedule places it
        from planner.schedule import schedule_plan

        timing = schedule_plan(plan).timings[undated.id]
        assert timing.start == dt.date(2024, 9, 2) and timing.duration == 2


def test_a_start_column_of_placeholders_does_not_become_the_task_names(tmp_path):
    rows = [["序号", "开始时间", "负责人"], [1, "待定", "张三"], [2, "待定", "李四"], [3, "待定", "王五"], [4, "待定", "赵六"]]
    preview = read_workbooks([_book(tmp_path / "p.xlsx", rows)])
    assert not any(t.get("name") == "待定" for t in _tasks(preview).values())
