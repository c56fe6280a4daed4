"""协作团队 (collaborating teams) on import: every team a task or module row names becomes a team of the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner import model as m
from planner.cli import run_cli
from planner.excel.preview import read_workbooks
from planner.document import Project
from planner.plan import load_plan
from planner.raci import named_teams

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "data" / "real"
SEED = Path("/work/shared/seeds/004_c5fd4c34c7c1c0bd.txt")


def _book(path, rows, title="计划"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_named_teams_splits_on_every_usual_separator_and_dedupes():
    assert named_teams("质量测试部、运维部，法务部,财务部;销售部；品牌部/设计部\n运维部 ") == [
        "质量测试部", "运维部", "法务部", "财务部", "销售部", "品牌部", "设计部"]
    assert named_teams("核心技术部（含算子组/编译组）") == ["核心技术部"]
    assert named_teams("无") == [] and named_teams("所有业务及技术团队") == [] and named_teams("") == []


def test_a_task_sheets_collaborating_teams_become_teams_and_c_letters(tmp_path):
    rows = [["任务ID", "任务名称", "开始日期", "结束日期", "协作团队"],
            ["T-1", "芯片适配", dt.date(2025, 3, 3), dt.date(2025, 3, 14), "质量测试部、 运维部\n质量测试部"],
            ["T-2", "框架兼容", dt.date(2025, 3, 10), dt.date(2025, 3, 21), "运维部/芯片厂商技术团队"],
            ["T-3", "性能验证", dt.date(2025, 3, 17), dt.date(2025, 3, 28), "无"]]
    preview = read_workbooks([_book(tmp_path / "tasks.xlsx", rows)])
    assert preview.ok, [str(p) for p in preview.problems.errors]
    assert {k[0] for k in preview.records.of(m.Team)} == {"质量测试部", "运维部", "芯片厂商技术团队"}
    target = tmp_path / "new.plan"
    assert run_cli(["import", str(tmp_path / "tasks.xlsx"), "--into", str(target), "--apply", "--quiet"]) == 0
    with Project.open(target, read_only=True) as project:
        plan = project.read(load_plan)
    assert [t.name for t in plan.teams] == ["质量测试部", "运维部", "芯片厂商技术团队"]
    code_of = {t.id: t.code for t in plan.tasks}
    team_of = {t.id: t.name for t in plan.teams}
    letters = [(code_of[c.task_id], team_of[c.team_id], c.role) for c in plan.raci]
    assert sorted(letters) == sorted([("T-1", "质量测试部", "C"), ("T-1", "运维部", "C"),
                                      ("T-2", "运维部", "C"), ("T-2", "芯片厂商技术团队", "C")])


def _seed_division() -> list[list[str]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|模块|责任团队|协作团队|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if set(line) <= set("|-"):
            continue
        table.append([c.strip() for c in line.strip("|").split("|")])
    return table


@pytest.mark.skipif(not SEED.exists(), reason="the FlagOS seed is not on this machine")
def test_the_flagos_seeds_division_matrix_names_every_team(tmp_path):
    rows = _seed_division()
    preview = read_workbooks([_book(tmp_path / "分工矩阵.xlsx", rows, title="分工矩阵")])
    teams = {k[0] for k in preview.records.of(m.Team)}
    expected = set()
    for _module, responsible, collaborating, *_rest in rows[1:]:
        expected |= set(named_teams(responsible)) | set(named_teams(collaborating))
    assert {"质量测试部", "芯片厂商技术团队", "运维部", "高校合作部", "法务部", "技术产品部"} <= teams
    assert expected <= teams and not any(t.startswith("所有") for t in teams)


REAL_BOOKS = sorted(p.name for p in REAL.glob("*.xlsx") if p.name != "pass_protected.xlsx")


@pytest.mark.parametrize("name", REAL_BOOKS)
def test_real_workbooks_get_no_team_from_a_column_that_is_not_collaborators(name):
    preview = read_workbooks([REAL / name])
    for sheet in preview.sheets:
        if sheet.map is not None and any(c.use == "collaborators" for c in sheet.map.columns):
            pytest.fail(f"{name} {sheet.name}: no column of these books is 协作团队")
    for key, record in preview.records.of(m.RaciCell).items():
        assert record.values.get("task_id") is None or record.values["role"] in "RACI"
