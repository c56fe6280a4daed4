"""RACI rules (exactly one A, at least one R), team loads, and the division-of-work mapping."""

import datetime as dt

from planner import model as m
from planner.plan import Plan
from planner.raci import (
    Assignment,
    RaciIssueKind,
    check_plan,
    division_to_raci,
    split_teams,
    team_loads,
)

TEAMS = ["核心技术部", "质量测试部", "运维部", "CTO/技术负责人", "项目管理部"]


def _plan(module_cells=(), task_cells=()) -> Plan:
    """A plan with one module (技术产品), one task (TP-01) and the given (team, letter) cells."""
    programme = m.Programme(id=1, name="P", start_date=dt.date(2025, 1, 6))
    stages = [m.Stage(id=1, order=0, name="基础建设期"), m.Stage(id=2, order=1, name="生态规模化期")]
    module = m.Module(id=1, name="技术产品", prefix="TP")
    task = m.Task(id=1, code="TP-01", module_id=1, stage_id=2, start_date=dt.date(2025, 1, 6),
                  end_date=dt.date(2025, 2, 28))
    teams = [m.Team(id=i + 1, order=i, name=n) for i, n in enumerate(TEAMS)]
    ids = {t.name: t.id for t in teams}
    cells = [m.RaciCell(id=i + 1, module_id=1, team_id=ids[t], role=r) for i, (t, r) in enumerate(module_cells)]
    cells += [m.RaciCell(id=100 + i, task_id=1, team_id=ids[t], role=r) for i, (t, r) in enumerate(task_cells)]
    roadmap = [m.RoadmapCell(id=1, stage_id=1, module_id=1), m.RoadmapCell(id=2, stage_id=2, module_id=1)]
    return Plan(programme=programme, stages=stages, modules=[module], tasks=[task], teams=teams, raci=cells,
                cells=roadmap)


GOOD = [("核心技术部", "R"), ("CTO/技术负责人", "A"), ("质量测试部", "C"), ("项目管理部", "I")]


def test_good_matrix_has_no_issues():
    assert check_plan(_plan(GOOD, [("核心技术部", "R"), ("CTO/技术负责人", "A")])) == []


def test_subject_without_cells_is_not_checked():
    assert check_plan(_plan()) == []


def test_no_accountable():
    issues = check_plan(_plan([("核心技术部", "R"), ("质量测试部", "C")]))
    assert [(i.subject.label, i.kind) for i in issues] == [("技术产品", RaciIssueKind.no_a)]
    assert "技术产品" in issues[0].message and "Accountable" in issues[0].message


def test_two_accountable_names_both_teams():
    issues = check_plan(_plan(task_cells=[("核心技术部", "R"), ("CTO/技术负责人", "A"), ("项目管理部", "A")]))
    assert len(issues) == 1
    issue = issues[0]
    assert issue.kind is RaciIssueKind.two_a and issue.subject.kind == "task" and issue.subject.label == "TP-01"
    assert issue.teams == ("CTO/技术负责人", "项目管理部")
    assert "TP-01" in issue.message and "CTO/技术负责人" in issue.message and "项目管理部" in issue.message


def test_no_responsible():
    issues = check_plan(_plan([("CTO/技术负责人", "A"), ("质量测试部", "C")]))
    assert [(i.kind, i.subject.describe()) for i in issues] == [(RaciIssueKind.no_r, "Module 技术产品")]
    assert "Responsible" in issues[0].message


def test_both_rules_broken_give_two_issues():
    kinds = {i.kind for i in check_plan(_plan([("质量测试部", "C"), ("项目管理部", "I")]))}
    assert kinds == {RaciIssueKind.no_a, RaciIssueKind.no_r}


def test_team_loads_count_r_and_a_overall_and_per_stage():
    loads = {load.team: load for load in team_loads(_plan(GOOD, [("核心技术部", "R"), ("运维部", "A")]))}
    core = loads["核心技术部"]
    assert (core.r, core.a, core.load) == (2, 0, 2)
    # the module cell counts in both stages where the module has roadmap cells; the task cell in its stage
    assert core.by_stage[1]["R"] == 1 and core.by_stage[2]["R"] == 2
    assert loads["运维部"].a == 1 and loads["运维部"].by_stage == {2: {"A": 1}}
    assert loads["项目管理部"].load == 0 and loads["项目管理部"].i == 1


def test_split_teams_on_every_separator_and_keeps_parentheses_whole():
    assert split_teams("质量测试部、芯片厂商技术团队，运维部") == ["质量测试部", "芯片厂商技术团队", "运维部"]
    assert split_teams("销售部+产品商业化组") == ["销售部", "产品商业化组"]
    assert split_teams("核心技术部（含算子组/编译组、适配组）") == ["核心技术部"]
    assert split_teams("财务部, 法务部,财务部") == ["财务部", "法务部"]
    assert split_teams("") == []


def test_division_row_maps_to_raci_letters():
    cells = division_to_raci("核心技术部（含算子组/编译组/适配组）", "质量测试部、芯片厂商技术团队、运维部",
                             "CTO/技术负责人")
    assert cells == [
        Assignment("核心技术部", "R"), Assignment("CTO/技术负责人", "A"), Assignment("质量测试部", "C"),
        Assignment("芯片厂商技术团队", "C"), Assignment("运维部", "C"), Assignment("项目管理部", "I"),
    ]


def test_division_keeps_the_strongest_letter_and_expands_all_teams():
    cells = division_to_raci("项目管理部", "所有业务及技术团队", "项目经理/项目总监",
                             all_teams=["核心技术部", "项目管理部", "销售部"])
    assert cells == [Assignment("项目管理部", "R"), Assignment("项目经理/项目总监", "A"),
                     Assignment("核心技术部", "C"), Assignment("销售部", "C")]


def test_division_with_two_responsible_teams():
    letters = {a.team: a.role for a in division_to_raci("销售部+产品商业化组", "财务部", "COO/商业负责人")}
    assert letters == {"销售部": "R", "产品商业化组": "R", "COO/商业负责人": "A", "财务部": "C", "项目管理部": "I"}
