"""Domain services: each refuses bad input without writing, and each undo restores exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import model as m
from planner.document import Project
from planner.dump import dump_project
from planner.errors import DuplicateId, NotFound, ParseError, PlannerError, ValidationError
from planner.services import generic, indicators, okr, programme, raci, structure, tasks
from planner.services import dependencies as deps

START = dt.date(2025, 1, 6)


def week(n: int, end: bool = False) -> dt.date:
    """Monday of project week n, or its Friday when `end`."""
    return START + dt.timedelta(weeks=n - 1, days=4 if end else 0)


class Sample:
    """A small FlagOS-like plan built through the services; ids by name for the tests."""

    def __init__(self, project: Project):
        self.p = project
        run = project.run
        self.stage1 = run(structure.add_stage, "基础建设期", start_month=0, end_month=6).created
        self.stage2 = run(structure.add_stage, "生态规模化期", start_month=6, end_month=18).created
        self.tp = run(structure.add_module, "技术产品", "TP", priority="high").created
        self.ec = run(structure.add_module, "生态建设", "EC").created
        self.core = run(structure.add_team, "核心研发部").created
        self.qa = run(structure.add_team, "质量测试部").created
        self.task = {}
        for code, module, (w1, w2) in [
            ("TP-01", self.tp, (1, 8)), ("TP-02", self.tp, (4, 12)), ("TP-03", self.tp, (6, 14)),
            ("TP-04", self.tp, (12, 20)), ("EC-01", self.ec, (1, 4)), ("EC-04", self.ec, (10, 20)),
        ]:
            self.task[code] = run(tasks.add_task, code, module_id=module, stage_id=self.stage1,
                                  name=f"{code} 建设", start=week(w1), end=week(w2, True)).created
        run(deps.set_dependencies_text, self.task["TP-02"], "TP-01核心组件开发完成")
        run(deps.set_dependencies_text, self.task["TP-04"], "TP-02、TP-03完成")
        run(deps.set_dependencies_text, self.task["EC-04"], "TP-02芯片适配完成30%")
        run(tasks.set_task_roles_text, self.task["TP-01"], "算子组工程师×8、架构师×2")
        run(raci.set_raci, module_id=self.tp, team_id=self.core, role="A")
        run(raci.set_raci, module_id=self.tp, team_id=self.qa, role="R")
        run(raci.set_division, self.tp, decision_maker="CTO", cadence="每周2次同步会")
        run(structure.set_cell, self.stage1, self.tp, scope="核心组件", acceptance="适配 AI 芯片≥25 款")
        self.indicator = run(indicators.add_indicator, "IND-001", "AI芯片适配数量",
                             target_text="25款（0-6月）", module_id=self.tp).created
        run(indicators.set_reading, self.indicator, "2025-03", period_value=5, cumulative_value=15)
        self.objective = run(okr.add_objective, "O1", "建成开源生态").created
        self.kr = run(okr.add_key_result, self.objective, "KR1", "芯片适配", target_text="25款").created
        run(okr.link_key_result, self.kr, indicator_id=self.indicator)
        run(structure.add_milestone, "内部测试", week(8, True), task_id=self.task["TP-01"])
        run(structure.add_risk, "芯片厂商配合不足", category="技术风险", task_id=self.task["TP-02"])
        run(programme.take_baseline, "初始计划", dt.date(2025, 1, 3))

    def dump(self) -> dict:
        return dump_project(self.p)


def build_sample(project: Project) -> Sample:
    return Sample(project)


@pytest.fixture
def plan():
    project = Project.new("FlagOS", START)
    try:
        yield Sample(project)
    finally:
        project.close()


# --- every service: undo restores exactly, redo gives the edit back with the same ids ---------
def _edits(pl: Sample):
    t, run = pl.task, pl.p.run  # noqa: F841 - run is used by the lambdas' closure
    return {
        "add_task": lambda: run(tasks.add_task, "TP-05", module_id=pl.tp, start=week(2), end=week(3, True)),
        "update_task": lambda: run(tasks.update_task, t["TP-03"], progress=0.5, status="in_progress",
                                   name="新名称"),
        "rename_task_code": lambda: run(tasks.update_task, t["TP-03"], code="TP-33"),
        "roles_text": lambda: run(tasks.set_task_roles_text, t["TP-01"], "架构师×3、测试工程师*4"),
        "delete_task": lambda: run(tasks.delete_task, t["TP-02"]),
        "move_task_within": lambda: run(tasks.move_task, t["TP-04"], 0),
        "move_task_across": lambda: run(tasks.move_task, t["TP-01"], 1, pl.ec),
        "set_dependencies": lambda: run(deps.set_dependencies_text, t["TP-04"], "TP-01 SS+2d, TP-03 50%"),
        "clear_dependencies": lambda: run(deps.set_dependencies_text, t["TP-04"], "无"),
        "add_dependency": lambda: run(deps.add_dependency, t["EC-01"], t["TP-03"], type="FF", lag=-2),
        "remove_dependency": lambda: run(deps.remove_dependency, t["TP-01"], t["TP-02"]),
        "add_stage": lambda: run(structure.add_stage, "规则制定期", start_month=18, end_month=36),
        "rename_module": lambda: run(structure.rename, m.Module, pl.tp, "技术与产品"),
        "reorder_module": lambda: run(structure.reorder, m.Module, pl.ec, 0),
        "delete_module": lambda: run(structure.delete, m.Module, pl.tp),
        "delete_stage": lambda: run(structure.delete, m.Stage, pl.stage1),
        "delete_team": lambda: run(structure.delete, m.Team, pl.core),
        "set_cell_new": lambda: run(structure.set_cell, pl.stage2, pl.ec, scope="社区"),
        "set_cell_edit": lambda: run(structure.set_cell, pl.stage1, pl.tp, scope="改"),
        "raci_change": lambda: run(raci.set_raci, module_id=pl.tp, team_id=pl.qa, role="C"),
        "raci_clear": lambda: run(raci.set_raci, module_id=pl.tp, team_id=pl.core, role=None),
        "raci_task": lambda: run(raci.set_raci, task_id=t["TP-01"], team_id=pl.core, role="R"),
        "division": lambda: run(raci.set_division, pl.tp, cadence="每周1次"),
        "reading_new": lambda: run(indicators.set_reading, pl.indicator, "2025-04", cumulative_value=20),
        "reading_edit": lambda: run(indicators.set_reading, pl.indicator, "2025-03", verified=True),
        "indicator_target": lambda: run(indicators.update_indicator, pl.indicator, target_text="≥30款"),
        "delete_indicator": lambda: run(indicators.delete_indicator, pl.indicator),
        "objective_edit": lambda: run(okr.update_objective, pl.objective, kind="exploration"),
        "delete_objective": lambda: run(okr.delete_objective, pl.objective),
        "link_task": lambda: run(okr.link_key_result, pl.kr, task_id=t["TP-01"]),
        "unlink_indicator": lambda: run(okr.unlink_key_result, pl.kr, indicator_id=pl.indicator),
        "take_baseline": lambda: run(programme.take_baseline, "第二版", dt.date(2025, 2, 1)),
        "delete_baseline": lambda: run(programme.delete_baseline, 1),
        "programme": lambda: run(programme.update_programme, name="FlagOS 2", workweek="1111110"),
        "holiday": lambda: run(programme.add_calendar_exception, dt.date(2025, 3, 3), name="公司假"),
    }




def test_every_edit_changes_something_and_undo_restores_exactly(plan):
    for name, edit in _edits(plan).items():
        before = plan.dump()
        changes = edit()
        after = plan.dump()
        assert after != before, f"{name} changed nothing"
        assert changes.areas, f"{name} reported no area"
        redo = plan.p.run(generic.undo, changes.undo)
        assert plan.dump() == before, f"undo of {name} did not restore the plan"
        plan.p.run(generic.undo, redo.undo)
        assert plan.dump() == after, f"redo of {name} did not give the edit back"
        plan.p.run(generic.undo, changes.undo)  # back to the sample for the next edit
        assert plan.dump() == before


def test_delete_task_takes_its_links_and_restore_task_brings_them_back(plan):
    before = plan.dump()
    changes = plan.p.run(tasks.delete_task, plan.task["TP-02"])
    after = plan.dump()["tables"]
    assert {d["predecessor_id"] for d in after["dependency"]}.isdisjoint({plan.task["TP-02"]})
    assert all(r["task_id"] != plan.task["TP-02"] for r in after["risk"])
    plan.p.run(tasks.restore_task, changes.undo)
    assert plan.dump() == before


# --- validation: refused, named, nothing written ------------------------------------------
BAD_TASK_FIELDS = [
    ({"progress": 1.2}, "field progress"),
    ({"progress": -0.1}, "field progress"),
    ({"start_date": dt.date(2025, 12, 1)}, "start"),
    ({"duration_days": -3}, "field duration_days"),
    ({"end_date": dt.date(2300, 1, 1)}, "field end_date"),
    ({"start_date": dt.date(1900, 1, 1)}, "field start_date"),
    ({"start_date": "2025-02-30"}, "field start_date"),
    ({"status": "finished"}, "field status"),
    ({"scheduling": "auto-ish"}, "field scheduling"),
    ({"code": ""}, "field code"),
    ({"code": "TP 09"}, "field code"),
    ({"module_id": 999}, "field module_id"),
    ({"nonsense": 1}, "nonsense"),
    ({"actual_start": dt.date(2025, 3, 1), "actual_finish": dt.date(2025, 2, 1)}, "actual_start"),
]


@pytest.mark.parametrize("fields,place", BAD_TASK_FIELDS, ids=[str(f) for f, _ in BAD_TASK_FIELDS])
def test_bad_task_values_are_refused_naming_task_and_field(plan, fields, place):
    before = plan.dump()
    with pytest.raises(PlannerError) as err:
        plan.p.run(tasks.update_task, plan.task["TP-03"], **fields)
    assert "TP-03" in str(err.value) and place in str(err.value)
    assert plan.dump() == before


def test_add_task_with_a_used_code_is_a_duplicate(plan):
    before = plan.dump()
    with pytest.raises(DuplicateId, match="TP-01"):
        plan.p.run(tasks.add_task, "TP-01", module_id=plan.tp, start=week(1), end=week(2))
    with pytest.raises(DuplicateId, match="TP-02"):
        plan.p.run(tasks.update_task, plan.task["TP-01"], code="TP-02")
    assert plan.dump() == before


def test_add_task_with_start_after_end_writes_nothing(plan):
    before = plan.dump()
    with pytest.raises(ValidationError, match="TP-09"):
        plan.p.run(tasks.add_task, "TP-09", module_id=plan.tp, start=week(5), end=week(4))
    assert plan.dump() == before


def test_unknown_ids_are_not_found(plan):
    with pytest.raises(NotFound):
        plan.p.run(tasks.update_task, 999, progress=0.5)
    with pytest.raises(NotFound):
        plan.p.run(structure.delete, m.Stage, 999)
    with pytest.raises(NotFound):
        plan.p.run(raci.set_raci, module_id=plan.tp, team_id=999, role="R")


@pytest.mark.parametrize("call", [
    lambda pl: pl.p.run(raci.set_raci, module_id=pl.tp, team_id=pl.core, role="X"),
    lambda pl: pl.p.run(raci.set_raci, module_id=pl.tp, task_id=1, team_id=pl.core, role="R"),
    lambda pl: pl.p.run(programme.update_programme, workweek="0000000"),
    lambda pl: pl.p.run(programme.update_programme, start_date=dt.date(1800, 1, 1)),
    lambda pl: pl.p.run(programme.update_programme, name="  "),
    lambda pl: pl.p.run(structure.add_module, "技术产品", "TP"),
    lambda pl: pl.p.run(structure.add_stage, "x", start_month=6, end_month=0),
    lambda pl: pl.p.run(indicators.update_indicator, pl.indicator, target_text="很多"),
    lambda pl: pl.p.run(indicators.set_reading, pl.indicator, "2025-05", cumulative_value=float("nan")),
    lambda pl: pl.p.run(okr.add_key_result, pl.objective, "KR1", "重复"),
    lambda pl: pl.p.run(okr.link_key_result, pl.kr),
    lambda pl: pl.p.run(programme.take_baseline, "初始计划"),
    lambda pl: pl.p.run(programme.add_calendar_exception, "2025-02-30"),
    lambda pl: pl.p.run(deps.add_dependency, pl.task["TP-01"], pl.task["TP-03"], threshold=0),
    lambda pl: pl.p.run(deps.add_dependency, pl.task["TP-01"], pl.task["TP-03"], type="XX"),
])
def test_other_bad_values_are_refused_and_nothing_is_written(plan, call):
    before = plan.dump()
    with pytest.raises(PlannerError):
        call(plan)
    assert plan.dump() == before


# --- behaviour of individual services -----------------------------------------------------
def test_roles_text_understands_counts_and_creates_roles(plan):
    assert tasks.parse_roles_text("算子组工程师×8、架构师x2，测试*3; 产品经理") == [
        ("算子组工程师", 8), ("架构师", 2), ("测试", 3), ("产品经理", 1)]
    plan.p.run(tasks.set_task_roles_text, plan.task["TP-02"], "架构师×1、芯片适配工程师×6")
    data = plan.dump()["tables"]
    roles = {r["id"]: r["name"] for r in data["role"]}
    mine = sorted((roles[r["role_id"]], r["headcount"]) for r in data["taskrole"] if r["task_id"] == plan.task["TP-02"])
    assert sorted(mine) == sorted([("芯片适配工程师", 6), ("架构师", 1)])
    assert sorted(roles.values()) == sorted(["架构师", "算子组工程师", "芯片适配工程师"])  # 架构师 reused


def test_next_task_code_follows_the_module_prefix(plan):
    assert plan.p.read(lambda s: tasks.next_task_code(s, plan.tp)) == "TP-05"
    assert plan.p.read(lambda s: tasks.next_task_code(s, plan.ec)) == "EC-05"
    new_module = plan.p.run(structure.add_module, "品牌传播", "BC").created
    assert plan.p.read(lambda s: tasks.next_task_code(s, new_module)) == "BC-01"


def test_move_task_across_modules_renumbers_both(plan):
    plan.p.run(tasks.move_task, plan.task["TP-02"], 0, plan.ec)
    rows = plan.dump()["tables"]["task"]
    order = {mod: [r["code"] for r in sorted(rows, key=lambda r: r["order"]) if r["module_id"] == mod]
             for mod in (plan.tp, plan.ec)}
    assert order == {plan.tp: ["TP-01", "TP-03", "TP-04"], plan.ec: ["TP-02", "EC-01", "EC-04"]}


def test_dependency_text_reads_threshold_type_and_lag(plan):
    plan.p.run(deps.set_dependencies_text, plan.task["TP-04"], "TP-01 SS-3d、TP-03完成50%; EC-01 FF+1w")
    rows = plan.dump()["tables"]["dependency"]
    mine = {r["predecessor_id"]: (r["type"], r["lag"], r["lag_unit"], r["threshold"])
            for r in rows if r["successor_id"] == plan.task["TP-04"]}
    t = plan.task
    assert mine == {t["TP-01"]: ("SS", -3, "d", 1.0), t["TP-03"]: ("FS", 0, "d", 0.5),
                    t["EC-01"]: ("FF", 1, "w", 1.0)}
    text = plan.p.read(lambda s: deps.dependencies_text(s, t["TP-04"]))
    assert sorted(text.split("、")) == ["EC-01 FF+1w", "TP-01 SS-3d", "TP-03 50%"]
    before = plan.dump()
    plan.p.run(deps.set_dependencies_text, t["TP-04"], text)  # what it writes reads back the same
    assert [(r["type"], r["lag"], r["threshold"]) for r in plan.dump()["tables"]["dependency"]] == [
        (r["type"], r["lag"], r["threshold"]) for r in before["tables"]["dependency"]]


def test_bad_dependency_percentage_is_a_parse_error(plan):
    with pytest.raises(ParseError, match="TP-04"):
        plan.p.run(deps.set_dependencies_text, plan.task["TP-04"], "TP-01 150%")


def test_changing_the_target_text_reparses_the_target(plan):
    plan.p.run(indicators.update_indicator, plan.indicator, target_text="45% → 90%")
    row = plan.dump()["tables"]["indicator"][0]
    assert (row["baseline"], row["target"], row["unit"]) == (45.0, 90.0, "%")


def test_raci_none_clears_the_letter(plan):
    plan.p.run(raci.set_raci, module_id=plan.tp, team_id=plan.core, role=None)
    cells = plan.dump()["tables"]["racicell"]
    assert [(c["team_id"], c["role"]) for c in cells] == [(plan.qa, "R")]


def test_baseline_copies_every_task(plan):
    rows = plan.dump()["tables"]["baselinetask"]
    assert len(rows) == len(plan.task)
    assert {r["task_id"] for r in rows} == set(plan.task.values())


@pytest.mark.parametrize("text,start,end,style", [
    ("第1-8周", dt.date(2025, 1, 6), dt.date(2025, 3, 2), "week"),
    ("W4-W12", dt.date(2025, 1, 27), dt.date(2025, 3, 30), "week"),
    ("0-6 个月", dt.date(2025, 1, 6), dt.date(2025, 7, 5), "month"),
    ("2025-03-01 至 2025-04-30", dt.date(2025, 3, 1), dt.date(2025, 4, 30), "date"),
])
def test_span_text_sets_dates_and_the_style_to_show_them_in(plan, text, start, end, style):
    plan.p.run(tasks.set_task_span_text, plan.task["TP-03"], text)
    row = next(r for r in plan.dump()["tables"]["task"] if r["code"] == "TP-03")
    assert (row["start_date"], row["end_date"], row["period_style"]) == (start.isoformat(), end.isoformat(), style)


@pytest.mark.parametrize("text", ["第8-1周", "下周", "2025-04-30 至 2025-03-01", "第1-99999周", ""])
def test_bad_span_text_names_the_task_and_writes_nothing(plan, text):
    before = plan.dump()
    with pytest.raises(ValidationError, match="TP-03"):
        plan.p.run(tasks.set_task_span_text, plan.task["TP-03"], text)
    assert plan.dump() == before
